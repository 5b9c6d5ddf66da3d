import pg from 'pg'
import type { PrismaClient } from '../db/client.ts'
import type { Bus } from '../infra/bus.ts'
import type { Logger } from '../logger.ts'
import { EVENTS_CHANNEL, toLiveEvent } from './types.ts'

const RELAY_LOCK = 72_616_002
const CURSOR_NAME = 'bus'
const BATCH_SIZE = 500
const POLL_MS = 1_000
const ELECTION_MS = 2_000

/**
 * Publishes the event log to the bus, at least once and in id order. One node relays at a time: the
 * holder of a session advisory lock on a dedicated connection (it passes to another node within
 * seconds if that node dies). The relay's cursor is stored in the database and advanced only after
 * a batch is published, so an unreachable Redis delays events but loses none.
 */
export function startEventRelay(deps: {
  databaseUrl: string
  prisma: PrismaClient
  bus: Bus
  logger: Logger
}) {
  const { prisma, bus, logger } = deps
  let connection: pg.Client | undefined
  let leader = false
  let stopped = false
  let running: Promise<void> | undefined
  let again = false
  let pollTimer: NodeJS.Timeout | undefined
  let electionTimer: NodeJS.Timeout | undefined

  /** The cursor as this leader last stored it: read once per leadership, not once per pass. */
  let storedCursor: bigint | undefined

  async function relayPending(): Promise<void> {
    let lastId = storedCursor ?? (await prisma.eventRelayCursor.findUnique({ where: { name: CURSOR_NAME } }))?.lastEventId
    if (lastId === undefined) {
      // First relay ever: start from the present, the past has no live audience.
      const latest = await prisma.domainEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } })
      lastId = latest?.id ?? 0n
      await prisma.eventRelayCursor.create({ data: { name: CURSOR_NAME, lastEventId: lastId } })
    }
    for (;;) {
      const rows: Awaited<ReturnType<typeof prisma.domainEvent.findMany>> = await prisma.domainEvent.findMany({ where: { id: { gt: lastId } }, orderBy: { id: 'asc' }, take: BATCH_SIZE })
      if (rows.length === 0) return
      // Published together: one connection keeps their order, without a round trip per event.
      await Promise.all(rows.map((row) => bus.publish(EVENTS_CHANNEL, toLiveEvent(row))))
      lastId = rows[rows.length - 1].id
      await prisma.eventRelayCursor.update({ where: { name: CURSOR_NAME }, data: { lastEventId: lastId } })
      storedCursor = lastId
      if (rows.length < BATCH_SIZE) return
    }
  }

  /** Runs one relay pass at a time; a wake-up during a pass schedules one more. */
  function wake() {
    if (!leader || stopped) return
    if (running) {
      again = true
      return
    }
    running = relayPending()
      .catch((error) => logger.warn({ err: (error as Error).message }, 'event relay pass failed; will retry'))
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          wake()
        }
      })
  }

  async function campaign() {
    if (stopped || leader) return
    try {
      connection ??= await connect()
      const { rows } = await connection.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1) AS acquired', [RELAY_LOCK])
      if (rows[0].acquired) {
        leader = true
        storedCursor = undefined
        await connection.query('LISTEN domain_events')
        logger.info('this node relays the event log to the bus')
        wake()
      }
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'event relay election failed')
      dropConnection()
    }
  }

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: deps.databaseUrl })
    client.on('notification', () => wake())
    client.on('error', (error) => {
      logger.warn({ err: error.message }, 'event relay connection lost')
      dropConnection()
    })
    await client.connect()
    return client
  }

  function dropConnection() {
    leader = false
    storedCursor = undefined
    connection?.end().catch(() => undefined)
    connection = undefined
  }

  void campaign()
  electionTimer = setInterval(() => void campaign(), ELECTION_MS)
  pollTimer = setInterval(wake, POLL_MS)

  return {
    get isLeader() {
      return leader
    },
    wake,
    async stop() {
      stopped = true
      clearInterval(electionTimer)
      clearInterval(pollTimer)
      await running
      await connection?.end().catch(() => undefined)
      connection = undefined
      leader = false
    },
  }
}

export type EventRelay = ReturnType<typeof startEventRelay>
