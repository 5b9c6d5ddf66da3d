import type { Trpc } from '../../lib/trpc.ts'

/** Revoked tokens stay listed: their owner should see that an old credential is dead, and when it died. */
export function apiTokensQueryOptions(trpc: Trpc) {
  return trpc.apiTokens.list.infiniteQueryOptions(
    { includeRevoked: true, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor },
  )
}
