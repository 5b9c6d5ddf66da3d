import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { Trpc } from '../../lib/trpc.ts'
import { applyCardChange, findCard, type Board, type BoardCard, type BoardFilter, type CardChange, type OwnerLookup } from './board-cache.ts'

/** Team members for owner filters and names, loaded once per board (the API caps a page at 200). */
export const BOARD_USERS_INPUT = { limit: 200 } as const

function filterOfKey(key: QueryKey): BoardFilter {
  const meta = key[1] as { input?: BoardFilter } | undefined
  return meta?.input ?? {}
}

interface UserLike {
  id: string
  name: string
}

/** Names of users from any cached user list (this feature's or another screen's). */
export function ownerLookup(queryClient: QueryClient, trpc: Trpc): OwnerLookup {
  const users = new Map<string, UserLike>()
  for (const [, data] of queryClient.getQueriesData<unknown>(trpc.users.list.pathFilter())) {
    const pages = (data as { pages?: Array<{ items: UserLike[] }> } | undefined)?.pages
    const items = pages ? pages.flatMap((page) => page.items) : ((data as { items?: UserLike[] } | undefined)?.items ?? [])
    for (const user of items) users.set(user.id, { id: user.id, name: user.name })
  }
  return (id) => users.get(id)
}

/** Applies changes to every cached board, whatever its filters, in one cache write per board. */
export function updateCachedBoards(queryClient: QueryClient, trpc: Trpc, changes: CardChange[]): void {
  if (changes.length === 0) return
  const owners = ownerLookup(queryClient, trpc)
  for (const [key, data] of queryClient.getQueriesData<Board>(trpc.pipeline.board.pathFilter())) {
    if (!data?.columns) continue
    const filter = filterOfKey(key)
    let next = data
    for (const change of changes) next = applyCardChange(next, filter, change, owners)
    if (next !== data) queryClient.setQueryData(key, next)
  }
}

export function findCachedCard(queryClient: QueryClient, trpc: Trpc, id: string): BoardCard | undefined {
  for (const [, data] of queryClient.getQueriesData<Board>(trpc.pipeline.board.pathFilter())) {
    const card = data?.columns ? findCard(data, id) : undefined
    if (card) return card
  }
  return undefined
}
