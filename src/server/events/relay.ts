import pg from 'pg'
import { queryPrepared } from '../db/sql.ts'
import type { Bus } from '../infra/bus.ts'
import type { Logger } from '../logger.ts'
import { EVENTS_CHANNEL, type LiveEvent, type RelayedBatch } from './types.ts'

const RELAY_LOCK = 72_616_002
const CURSOR_NAME = 'bus'
const BATCH_SIZE = 500
const POLL_MS = 1_000
const ELECTION_MS = 2_000

/**
 * Events after an id ($1), as live events (what `toLiveEvent` makes of a row), oldest first; and, in
 * the same round trip, the cursor saved at $3 when the previous pass published that far (NULL: no
 * change). The data-modifying CTE runs although nothing reads it.
 */
const LIVE_EVENTS_AFTER = `
  WITH saved AS (
    UPDATE "EventRelayCursor" SET "lastEventId" = $3::bigint, "updatedAt" = now()
    WHERE name = $4 AND $3::bigint IS NOT NULL AND "lastEventId" < $3::bigint)
  SELECT id::text AS id, type, entity, "entityId", "teamId"::text AS "teamId", "actorId"::text AS "actorId", COALESCE(payload, '{}') AS payload,
    to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM "DomainEvent" e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`

const SAVE_CURSOR = `UPDATE "EventRelayCursor" SET "lastEventId" = $1::bigint, "updatedAt" = now() WHERE name = $2 AND "lastEventId" < $1::bigint`

/**
 * Publishes the event log to the bus, at least once and in id order. One node relays at a time: the
 * holder of a session advisory lock on a dedicated connection (it passes to another node within
 * seconds if that node dies). The relay's cursor is stored in the database and advanced only after
 * a batch is published, so an unreachable Redis delays events but loses none.
 *
 * A statement per pass and a Redis hop are off the way of events to this node's sockets:
 * - The cursor is saved by the next pass's read (or a poll within a second, or at stop), not by a
 *   statement of its own. A new leader may publish again what a dead one published after its last
 *   save, which is what at-least-once allows: every dispatcher drops the ids it has delivered.
 * - This node's own dispatcher gets each batch right away (`deliverLocally`), not back from Redis;
 *   the copy that comes back through the bus is dropped the same way.
 */
export function startEventRelay(deps: {
  databaseUrl: string
  bus: Bus
  logger: Logger
  /** This node's dispatcher: each batch before it is published (dispatcher.receive). */
  deliverLocally?: (batch: RelayedBatch) => void
}) {
  const { bus, logger } = deps
  let connection: pg.Client | undefined
  let leader = false
  let stopped = false
  let running: Promise<void> | undefined
  let again = false
  let pollTimer: NodeJS.Timeout | undefined
  let electionTimer: NodeJS.Timeout | undefined

  /** Published up to here: the next read starts after it. Read from the database once per leadership. */
  let position: string | undefined
  /** The cursor as the database holds it; behind `position` until the next read (or stop) saves it. */
  let saved: string | undefined

  /**
   * One pass, on the leader's own connection (plain SQL: this runs for every write). Each batch is
   * read already shaped as live events and published as one message, in id order.
   */
  async function relayPending(): Promise<void> {
    const db = connection
    if (!db) return
    let lastId = position ?? (await db.query<{ lastEventId: string }>(`SELECT "lastEventId"::text AS "lastEventId" FROM "EventRelayCursor" WHERE name = $1`, [CURSOR_NAME])).rows[0]?.lastEventId
    if (lastId === undefined) {
      // First relay ever: start from the present, the past has no live audience.
      const { rows } = await db.query<{ lastEventId: string }>(
        `INSERT INTO "EventRelayCursor" (name, "lastEventId", "updatedAt") SELECT $1, COALESCE(max(id), 0), now() FROM "DomainEvent"
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING "lastEventId"::text AS "lastEventId"`,
        [CURSOR_NAME],
      )
      lastId = rows[0].lastEventId
    }
    if (position === undefined) position = saved = lastId
    for (;;) {
      const { rows } = (await queryPrepared(db, LIVE_EVENTS_AFTER, [lastId, BATCH_SIZE, lastId === saved ? null : lastId, CURSOR_NAME])) as { rows: LiveEvent[] }
      saved = lastId
      if (rows.length === 0) return
      const batch: RelayedBatch = { after: lastId, events: rows }
      deps.deliverLocally?.(batch)
      await bus.publish(EVENTS_CHANNEL, batch)
      lastId = position = rows[rows.length - 1].id
      if (rows.length < BATCH_SIZE) return
    }
  }

  /** Saves what was published and not yet saved (on stop: a successor starts from there). */
  async function saveCursor() {
    if (!connection || position === undefined || position === saved) return
    await connection.query(SAVE_CURSOR, [position, CURSOR_NAME])
    saved = position
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
        position = saved = undefined
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
    // The cursor is the only thing this connection writes: its commits need not wait for the disk.
    // Lost in a crash, it stands a little further back, and the events after it are relayed again,
    // which every dispatcher ignores (the relay is at-least-once; events carry their ids).
    const client = new pg.Client({ connectionString: deps.databaseUrl, options: '-c synchronous_commit=off' })
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
    position = saved = undefined
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
      if (leader) await saveCursor().catch((error) => logger.warn({ err: (error as Error).message }, 'event relay cursor not saved at stop'))
      await connection?.end().catch(() => undefined)
      connection = undefined
      leader = false
    },
  }
}

export type EventRelay = ReturnType<typeof startEventRelay>
