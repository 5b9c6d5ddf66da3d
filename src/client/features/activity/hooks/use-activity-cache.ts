import { useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'

/** Every screen that shows interactions or tasks re-reads them after one is logged, changed or removed. */
export function useRefreshActivity() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      queryClient.invalidateQueries(trpc.organisations.timeline.pathFilter()),
      queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
      queryClient.invalidateQueries(trpc.interactions.list.pathFilter()),
      queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
      queryClient.invalidateQueries(trpc.tasks.byId.pathFilter()),
    ])
}
