import type { PrismaClient, Prisma } from '../db/client.ts'
import type { Logger } from '../logger.ts'

type EventRow = Prisma.DomainEventGetPayload<object>
export type ProjectionHandler = (tx: Prisma.TransactionClient, events: EventRow[]) => Promise<void>

const BATCH_SIZE = 200

/**
 * Applies a handler to every domain event exactly once, whichever node runs it: the projection's
 * cursor row is locked (SKIP LOCKED: a busy node is skipped, not waited for) and advanced in the
 * same transaction as the handler's writes. Any node may trigger it; one at a time does the work.
 */
export function createProjection(deps: { prisma: PrismaClient; logger: Logger }, name: string, handler: ProjectionHandler) {
  const { prisma, logger } = deps
  let running: Promise<void> | undefined
  let again = false

  async function ensureCursor() {
    const latest = await prisma.domainEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
    // A new projection starts from the present: it does not replay history.
    await prisma.eventRelayCursor.createMany({ data: [{ name, lastEventId: latest?.id ?? 0n }], skipDuplicates: true })
  }

  /** One batch; returns whether there may be more. */
  async function step(): Promise<boolean> {
    return prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<Array<{ lastEventId: bigint }>>`
          SELECT "lastEventId" FROM "EventRelayCursor" WHERE name = ${name} FOR UPDATE SKIP LOCKED`
        if (locked.length === 0) return false
        const events = await tx.domainEvent.findMany({
          where: { id: { gt: locked[0].lastEventId } },
          orderBy: { id: 'asc' },
          take: BATCH_SIZE,
        })
        if (events.length === 0) return false
        await handler(tx, events)
        await tx.eventRelayCursor.update({ where: { name }, data: { lastEventId: events[events.length - 1].id } })
        return events.length === BATCH_SIZE
      },
      { timeout: 30_000 },
    )
  }

  async function drain() {
    while (await step()) {
      // keep going while full batches come back
    }
  }

  /** Runs pending work; overlapping triggers on one node coalesce into one more pass. */
  function trigger(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = drain()
      .catch((error) => logger.warn({ err: (error as Error).message, projection: name }, 'projection pass failed; will retry'))
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          void trigger()
        }
      })
    return running
  }

  return {
    start: ensureCursor,
    trigger,
    async stop() {
      again = false
      await running
    },
  }
}

export type Projection = ReturnType<typeof createProjection>
