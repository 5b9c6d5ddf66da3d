import type { Trpc } from '../../lib/trpc.ts'
import { userListInput, type AdminSearch } from './admin-search.ts'

/** Teams fit in one page: pickers and the teams tab read this same query. */
export function teamsQueryOptions(trpc: Trpc) {
  return trpc.teams.list.queryOptions({ limit: 200 })
}

export function usersQueryOptions(trpc: Trpc, search: AdminSearch) {
  return trpc.users.list.infiniteQueryOptions(userListInput(search), {
    getNextPageParam: (page) => page.nextCursor,
  })
}
