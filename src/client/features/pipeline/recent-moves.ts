import { useCallback, useSyncExternalStore } from 'react'
import type { PipelineStage } from '../../../shared/pipeline.ts'

/** A move made by someone else, shown on the card for a while (highlight and "moved by"). */
export interface RecentMove {
  actorName: string | null
  from: PipelineStage
  to: PipelineStage
  at: number
}

const SHOWN_MS = 12_000
// Remembered longer than shown, to name who moved a card when this user's own move is refused.
const REMEMBERED_MOVERS = 500

const recent = new Map<string, RecentMove>()
const timers = new Map<string, ReturnType<typeof setTimeout>>()
const listeners = new Map<string, Set<() => void>>()
const lastMovers = new Map<string, string>()

function notify(id: string) {
  for (const listener of listeners.get(id) ?? []) listener()
}

export function markRecentMove(id: string, move: RecentMove): void {
  recent.set(id, move)
  if (move.actorName) {
    lastMovers.delete(id)
    lastMovers.set(id, move.actorName)
    if (lastMovers.size > REMEMBERED_MOVERS) lastMovers.delete(lastMovers.keys().next().value as string)
  }
  clearTimeout(timers.get(id))
  timers.set(
    id,
    setTimeout(() => {
      recent.delete(id)
      timers.delete(id)
      notify(id)
    }, SHOWN_MS),
  )
  notify(id)
}

export function lastMoverOf(id: string): string | undefined {
  return lastMovers.get(id)
}

function subscribe(id: string, listener: () => void): () => void {
  let set = listeners.get(id)
  if (!set) listeners.set(id, (set = new Set()))
  set.add(listener)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(id)
  }
}

/** Re-renders only the card whose recent move changed, never the whole board. */
export function useRecentMove(id: string): RecentMove | undefined {
  const subscribeToCard = useCallback((listener: () => void) => subscribe(id, listener), [id])
  return useSyncExternalStore(subscribeToCard, () => recent.get(id))
}
