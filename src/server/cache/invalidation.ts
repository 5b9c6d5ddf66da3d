import { AsyncLocalStorage } from 'node:async_hooks'
import type { NewDomainEvent } from '../events/event-log.ts'

// What a write changes, for the read cache (cache/read-cache.ts). Every change others must hear about
// appends a domain event in its transaction (SPEC §5); `appendEvent` reports each one here, and the
// transaction wrapper installed by `invalidateOnCommit` bumps the generations of the scopes they touch
// once the transaction has committed, before the code that awaited it (and so the response) goes on.

/** Generation names. `team:<id>` and `all` (what admins read) for team records; `global` for the rest. */
export const GLOBAL_SCOPE = 'global'
export const ALL_TEAMS_SCOPE = 'all'
export const teamScopeName = (teamId: string) => `team:${teamId}`

/** Entities whose rows are read inside other teams' answers too (owners' and teams' names, the product catalogue). */
const GLOBAL_ENTITIES = new Set(['user', 'team', 'product'])

/** The generations an event makes stale. */
export function scopesOfEvent(event: Pick<NewDomainEvent, 'entity' | 'teamId' | 'payload'>): string[] {
  if (!event.teamId || GLOBAL_ENTITIES.has(event.entity)) return [GLOBAL_SCOPE]
  const scopes = [teamScopeName(event.teamId), ALL_TEAMS_SCOPE]
  // A record moved to another team leaves the old team's answers too.
  const moved = (event.payload?.changes as Record<string, { from?: unknown }> | undefined)?.teamId?.from
  if (typeof moved === 'string' && moved !== event.teamId) scopes.push(teamScopeName(moved))
  return scopes
}

const pending = new AsyncLocalStorage<Set<string>>()

/** Called by the event log for each appended event (always inside a transaction of the one Prisma client, which is wrapped). */
export function recordChange(event: Pick<NewDomainEvent, 'entity' | 'teamId' | 'payload'>): void {
  const scopes = pending.getStore()
  if (scopes) for (const scope of scopesOfEvent(event)) scopes.add(scope)
}

/** Runs `work` (a transaction) collecting the scopes its events touch, then awaits `bump` with them. */
export async function collectChanges<T>(work: () => Promise<T>, bump: (scopes: string[]) => Promise<void>): Promise<T> {
  const outer = pending.getStore()
  if (outer) return work() // nested: the outermost wrapper bumps
  const scopes = new Set<string>()
  try {
    return await pending.run(scopes, work)
  } finally {
    // Also after a failure: the commit may have happened, and a needless bump only costs a miss.
    if (scopes.size > 0) await bump([...scopes])
  }
}

const bumps = new WeakMap<object, (scopes: string[]) => Promise<void>>()

/** Wraps `prisma.$transaction` so that every committed write invalidates what it changed. */
export function invalidateOnCommit(prisma: { $transaction: (...args: never[]) => Promise<unknown> }, bump: (scopes: string[]) => Promise<void>) {
  bumps.set(prisma, bump)
  const original = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>
  ;(prisma as { $transaction: unknown }).$transaction = (...args: unknown[]) => collectChanges(() => original(...args), bump)
}

/**
 * The same invalidation for a transaction that does not go through `prisma.$transaction` (one on a
 * bare `pg` connection, db/sql.ts): what its events touch is bumped once `work` has committed.
 */
export function invalidatingLike<T>(prisma: object, work: () => Promise<T>): Promise<T> {
  const bump = bumps.get(prisma)
  return bump ? collectChanges(work, bump) : work()
}
