import type { PrismaClient } from '../db/client.ts'
import type { Bus } from '../infra/bus.ts'
import type { Logger } from '../logger.ts'
import { EVENTS_CHANNEL, toLiveEvent, type LiveEvent, type RelayedBatch } from './types.ts'

type Listener = (event: LiveEvent) => void

/**
 * This node's consumer of the relayed event log: hands every event to local listeners exactly once
 * and in id order. When the bus skips ids (missed messages while Redis was away, or a node that
 * just reconnected), the gap is filled from the log itself before going on; ids skipped by rolled
 * back transactions simply come back empty.
 */
export function createEventDispatcher(deps: { prisma: PrismaClient; bus: Bus; logger: Logger }) {
  const { prisma, bus, logger } = deps
  const listeners = new Set<Listener>()
  let lastId = 0n
  let queue: Promise<void> = Promise.resolve()

  function deliver(event: LiveEvent) {
    lastId = BigInt(event.id)
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        logger.error({ err: error, eventId: event.id }, 'event listener failed')
      }
    }
  }

  async function fillUpTo(upTo?: bigint) {
    const rows = await prisma.domainEvent.findMany({
      where: { id: { gt: lastId, ...(upTo === undefined ? {} : { lte: upTo }) } },
      orderBy: { id: 'asc' },
      take: 5_000,
    })
    for (const row of rows) deliver(toLiveEvent(row))
  }

  /**
   * A message of the relay: every committed event after `after`, in id order (ids missing between
   * them belong to rolled-back transactions); or one event, from a relay of an older version.
   */
  function receive(message: unknown) {
    const batch = message as RelayedBatch | LiveEvent
    const events = 'events' in batch ? batch.events : [batch]
    const after = 'events' in batch ? BigInt(batch.after) : BigInt(batch.id) - 1n
    queue = queue
      .then(async () => {
        if (after > lastId) await fillUpTo(after)
        for (const event of events) if (BigInt(event.id) > lastId) deliver(event) // at-least-once relay: some may be known
      })
      .catch((error) => logger.warn({ err: (error as Error).message }, 'event dispatch failed'))
  }

  /** Catches up on everything after the last delivered id (after a bus reconnection). */
  function resync() {
    queue = queue.then(() => fillUpTo()).catch((error) => logger.warn({ err: (error as Error).message }, 'event resync failed'))
  }

  let unsubscribe: (() => void) | undefined
  let unwatch: (() => void) | undefined

  return {
    async start() {
      const latest = await prisma.domainEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
      lastId = latest?.id ?? 0n
      unsubscribe = bus.subscribe(EVENTS_CHANNEL, receive)
      unwatch = bus.onReconnect(resync)
    },
    /** A relay message handed over in process (the relay of this node), as if it came from the bus. */
    receive,
    subscribe(listener: Listener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get lastEventId() {
      return lastId.toString()
    },
    /** Resolves once everything received so far has been delivered (tests, shutdown). */
    drain() {
      return queue
    },
    stop() {
      unsubscribe?.()
      unwatch?.()
      listeners.clear()
    },
  }
}

export type EventDispatcher = ReturnType<typeof createEventDispatcher>
