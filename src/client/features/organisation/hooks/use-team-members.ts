import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'

const MEMBERS_STALE_MS = 5 * 60_000

/**
 * Users who may own an organisation: the caller's team (an admin sees everyone unless `teamId`
 * narrows it). Pickers ask for active members only, since the server refuses inactive owners.
 */
export function useTeamMembers(options: { teamId?: string | null; activeOnly?: boolean } = {}) {
  const trpc = useTRPC()
  return useQuery(
    trpc.users.list.queryOptions(
      {
        limit: 200,
        teamId: options.teamId ?? undefined,
        isActive: options.activeOnly ? true : undefined,
        sort: { field: 'name', direction: 'asc' },
      },
      { staleTime: MEMBERS_STALE_MS },
    ),
  )
}
