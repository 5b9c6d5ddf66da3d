import { useCallback, useEffect, useMemo, useState } from 'react'

/** Which rows of a list are ticked for a bulk action. */
export interface Selection {
  ids: ReadonlySet<string>
  has: (id: string) => boolean
  toggle: (id: string) => void
  /** Ticks every id given, or unticks them all when they are all ticked already. */
  toggleAll: (ids: readonly string[]) => void
  clear: () => void
}

/** A selection that empties itself when `resetKey` changes (other filters: other rows). */
export function useSelection(resetKey: string): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set())
  useEffect(() => setIds(new Set()), [resetKey])
  const toggle = useCallback(
    (id: string) =>
      setIds((current) => {
        const next = new Set(current)
        if (!next.delete(id)) next.add(id)
        return next
      }),
    [],
  )
  const toggleAll = useCallback(
    (all: readonly string[]) =>
      setIds((current) => (all.every((id) => current.has(id)) ? new Set() : new Set(all))),
    [],
  )
  const clear = useCallback(() => setIds(new Set()), [])
  return useMemo(() => ({ ids, has: (id: string) => ids.has(id), toggle, toggleAll, clear }), [ids, toggle, toggleAll, clear])
}
