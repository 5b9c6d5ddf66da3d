import { useSyncExternalStore } from 'react'

// Whether the search palette is open: one palette for the whole app, opened from the header icon
// or a keyboard shortcut anywhere.
let open = false
const listeners = new Set<() => void>()

function set(next: boolean) {
  if (open === next) return
  open = next
  for (const listener of listeners) listener()
}

export const openSearchPalette = () => set(true)
export const closeSearchPalette = () => set(false)

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSearchPaletteOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open)
}
