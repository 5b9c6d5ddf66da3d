import { useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'

/** Users show their team's name and teams count their members: a change to either refetches both lists. */
export function useRefreshAdminLists(): () => Promise<unknown> {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() }),
    ])
}
