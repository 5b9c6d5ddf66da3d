import type { Prisma, PrismaClient } from '../db/client.ts'
import { seesAllTeams } from '../../shared/permissions.ts'
import type { Viewer } from '../features/auth/auth.service.ts'
import type { EventDispatcher } from './dispatcher.ts'
import { toLiveEvent, type LiveEvent } from './types.ts'
import { canSeeEvent } from './visibility.ts'

/** How many missed events a reconnecting client may catch up on; beyond that, it must refetch. */
export const CATCH_UP_LIMIT = 1_000

export interface FeedSubscription {
  close(): void
}

export interface FeedHandlers {
  deliver(event: LiveEvent): void
  /** Too far behind to catch up: the client must refetch its data, then continue live. */
  reset(latestEventId: string): void
}

/**
 * The scoped fan-out of the event log that both live transports (Socket.IO for browsers, tRPC
 * subscriptions for integrators) adapt: one listener per connection, every event checked against
 * the recipient's rights, catch-up from the log after `lastEventId` with no gap and no duplicate.
 */
export function createLiveFeed(deps: { prisma: PrismaClient; dispatcher: EventDispatcher }) {
  const { prisma, dispatcher } = deps

  function scopeWhere(viewer: Viewer): Prisma.DomainEventWhereInput {
    const personal: Prisma.DomainEventWhereInput = { entity: 'notification', payload: { path: ['recipientId'], equals: viewer.id } }
    if (seesAllTeams(viewer.role)) return { OR: [{ entity: { not: 'notification' } }, personal] }
    return { OR: [{ teamId: viewer.teamId ?? undefined, entity: { not: 'notification' } }, personal] }
  }

  return {
    open(viewer: Viewer, lastEventId: string | null | undefined, handlers: FeedHandlers, filter?: (event: LiveEvent) => boolean): FeedSubscription {
      const wanted = (event: LiveEvent) => canSeeEvent(viewer, event) && (!filter || filter(event))
      let closed = false
      let buffering = lastEventId != null
      const buffer: LiveEvent[] = []
      let delivered = lastEventId != null ? BigInt(lastEventId) : -1n

      const emit = (event: LiveEvent) => {
        const id = BigInt(event.id)
        if (id <= delivered || closed) return
        delivered = id
        handlers.deliver(event)
      }
      // Listen first, then query: an event committed during the catch-up query is buffered, not lost.
      const unsubscribe = dispatcher.subscribe((event) => {
        if (!wanted(event)) return
        if (buffering) buffer.push(event)
        else emit(event)
      })

      if (lastEventId != null) {
        void (async () => {
          try {
            const since = BigInt(lastEventId)
            const rows = await prisma.domainEvent.findMany({
              where: { id: { gt: since }, ...scopeWhere(viewer) },
              orderBy: { id: 'asc' },
              take: CATCH_UP_LIMIT + 1,
            })
            if (rows.length > CATCH_UP_LIMIT) {
              delivered = BigInt(dispatcher.lastEventId)
              if (!closed) handlers.reset(dispatcher.lastEventId)
            } else {
              for (const row of rows) {
                const event = toLiveEvent(row)
                if (!filter || filter(event)) emit(event)
                else delivered = BigInt(event.id)
              }
            }
          } catch {
            if (!closed) handlers.reset(dispatcher.lastEventId)
          } finally {
            buffering = false
            for (const event of buffer.splice(0)) emit(event)
          }
        })()
      }

      return {
        close() {
          closed = true
          unsubscribe()
        },
      }
    },
  }
}

export type LiveFeed = ReturnType<typeof createLiveFeed>
