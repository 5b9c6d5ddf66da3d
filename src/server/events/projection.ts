import type pg from 'pg'
import { inTransaction, queryPrepared, type SqlClient } from '../db/sql.ts'
import type { Logger } from '../logger.ts'
import type { EventRecord } from './types.ts'

/** A domain event as a projection reads it. */
export type ProjectedEvent = EventRecord

/**
 * A projection's writes for a batch of events, on the projection's transaction. It may return what
 * to do once those writes are committed (on this node, right after the COMMIT; not run if it fails).
 */
export type ProjectionHandler = (sql: SqlClient, events: ProjectedEvent[]) => Promise<void | (() => void)>

const BATCH_SIZE = 200

/**
 * Locks a projection's cursor ($1) and reads the events after it ($2 at most). The cursor is a scalar
 * subquery, so the id bound is the index scan's condition: joined to the cursor instead, PostgreSQL
 * walked the log's primary key from its first event and filtered, every pass (13 ms with 12,000
 * events, growing with the log). NULL when another node holds the cursor: no rows.
 * tests/integration/projection-plan.test.ts checks the plan.
 */
export const PENDING_EVENTS_SQL = `WITH cursor AS (SELECT "lastEventId" FROM "EventRelayCursor" WHERE name = $1 FOR UPDATE SKIP LOCKED)
  SELECT e.id::text AS id, e.type, e.entity, e."entityId", e."teamId"::text AS "teamId", e."actorId"::text AS "actorId", e.payload, e."createdAt"
  FROM "DomainEvent" e WHERE e.id > (SELECT "lastEventId" FROM cursor) ORDER BY e.id LIMIT $2`

export interface ProjectionOptions {
  /**
   * A SQL condition saying whether the projection has any work at all (say, whether any webhook is
   * active). While it is false, a pass only moves the cursor to the log's last event, in one statement.
   */
  busyWhen?: string
}

/**
 * Applies a handler to every domain event exactly once, whichever node runs it: the projection's
 * cursor row is locked (SKIP LOCKED: a busy node is skipped, not waited for) and advanced in the
 * same transaction as the handler's writes. Any node may trigger it; one at a time does the work.
 * It runs for every write, so it is plain SQL on a bare connection (db/sql.ts), not Prisma, in as
 * few round trips as it can: a pass is BEGIN, one statement that locks the cursor and reads the
 * events after it, the handler's statements, the cursor's update and COMMIT.
 */
export function createProjection(deps: { pool: pg.Pool; logger: Logger }, name: string, handler: ProjectionHandler, options: ProjectionOptions = {}) {
  const { pool, logger } = deps
  let running: Promise<void> | undefined
  let again = false

  async function ensureCursor() {
    // A new projection starts from the present: it does not replay history.
    await pool.query(
      `INSERT INTO "EventRelayCursor" (name, "lastEventId", "updatedAt") SELECT $1, COALESCE(max(id), 0), CURRENT_TIMESTAMP FROM "DomainEvent"
       ON CONFLICT (name) DO NOTHING`,
      [name],
    )
  }

  /**
   * Without work to do, the cursor moves to the last event, and the pass is over. Event ids commit in
   * order (events/event-log.ts), and the condition and the last id are read in one snapshot: an event
   * it skips was committed before whatever would have made it work (a webhook created later does not
   * receive earlier events). GREATEST: a pass committed meanwhile may have gone further.
   */
  async function idle(): Promise<boolean> {
    if (!options.busyWhen) return false
    const { rows } = await queryPrepared(
      pool,
      `WITH state AS (SELECT (${options.busyWhen}) AS busy, (SELECT max(id) FROM "DomainEvent") AS "lastId"),
        moved AS (
          UPDATE "EventRelayCursor" c SET "lastEventId" = GREATEST(c."lastEventId", state."lastId"), "updatedAt" = CURRENT_TIMESTAMP
          FROM state WHERE c.name = $1 AND NOT state.busy AND state."lastId" > c."lastEventId"
          RETURNING 1)
       SELECT busy FROM state`,
      [name],
    )
    return !rows[0].busy
  }

  /** One batch; returns whether there may be more. */
  async function step(): Promise<boolean> {
    if (await idle()) return false
    const { more, afterCommit } = await inTransaction(
      pool,
      async (sql) => {
        // No row when another node holds the cursor (it does the work) or when nothing is new.
        const { rows } = await queryPrepared(sql, PENDING_EVENTS_SQL, [name, BATCH_SIZE])
        if (rows.length === 0) return { more: false }
        const events: ProjectedEvent[] = rows.map((row) => ({ ...row, id: BigInt(row.id) }))
        const afterCommit = await handler(sql, events)
        await queryPrepared(sql, `UPDATE "EventRelayCursor" SET "lastEventId" = $1::bigint, "updatedAt" = CURRENT_TIMESTAMP WHERE name = $2`, [rows[rows.length - 1].id, name])
        return { more: events.length === BATCH_SIZE, afterCommit }
      },
      // A pass that hangs (a handler's read outside) must not hold the cursor forever.
      { settings: `SET LOCAL idle_in_transaction_session_timeout = '30s'` },
    )
    afterCommit?.()
    return more
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
