import type { ReactNode } from 'react'

/**
 * A missing value ("—", "Sans responsable"): quieter than the data, still 4.5:1 against the
 * table's background in both themes (zinc-500 on white, zinc-400 on zinc-900).
 */
export function Muted({ children = '—' }: { children?: ReactNode }) {
  return <span className="text-zinc-500 dark:text-zinc-400">{children}</span>
}
