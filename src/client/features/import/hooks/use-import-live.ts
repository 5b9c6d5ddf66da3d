import { useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'

/**
 * Keeps the import screens live from the event log: `import.progress` events update the open
 * import's progress in place (no refetch per tick); status changes refetch the import and the history.
 * Any tab, on any node, sees the same progress, and a page opened later reads it from the server.
 */
export function useImportLive() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  useLiveEvents((event) => {
    if (event.entity !== 'import') return
    const id = event.entityId
    if (event.type === 'import.progress') {
      const { rowsDone, rowsPerSecond, secondsLeft, status } = event.payload as { rowsDone: number; rowsPerSecond: number; secondsLeft: number | null; status: string }
      queryClient.setQueryData(trpc.imports.byId.queryKey({ id }), (current) =>
        current && ['QUEUED', 'RUNNING'].includes(current.status) ? { ...current, status: status as typeof current.status, rowsDone } : current,
      )
      queryClient.setQueryData(liveRateKey(id), { rowsPerSecond, secondsLeft })
      return
    }
    void queryClient.invalidateQueries(trpc.imports.byId.queryFilter({ id }))
    void queryClient.invalidateQueries(trpc.imports.list.pathFilter())
  })
}

/** The latest rate and time left of a running import (only live events carry them). */
export const liveRateKey = (id: string) => ['imports', 'rate', id] as const
