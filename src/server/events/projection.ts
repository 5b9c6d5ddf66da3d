import type pg from 'pg'
import { inTransaction, type SqlClient } from '../db/sql.ts'
import type { Logger } from '../logger.ts'
import type { EventRecord } from './types.ts'

/** A domain event as a projection reads it. */
export type ProjectedEvent = EventRecord

/** A projection's writes for a batch of events, on the projection's transaction. */
export type ProjectionHandler = (sql: SqlClient, events: ProjectedEvent[]) => Promise<void>

const BATCH_SIZE = 200

/**
 * Applies a handler to every domain event exactly once, whichever node runs it: the projection's
 * cursor row is locked (SKIP LOCKED: a busy node is skipped, not waited for) and advanced in the
 * same transaction as the handler's writes. Any node may trigger it; one at a time does the work.
 * It runs for every write, so it is plain SQL on a bare connection (db/sql.ts), not Prisma.
 */
export function createProjection(deps: { pool: pg.Pool; logger: Logger }, name: string, handler: ProjectionHandler) {
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

  /** One batch; returns whether there may be more. */
  async function step(): Promise<boolean> {
    return inTransaction(pool, async (sql) => {
      // A pass that hangs (a handler's read outside) must not hold the cursor forever.
      await sql.query(`SET LOCAL idle_in_transaction_session_timeout = '30s'`)
      const locked = await sql.query<{ lastEventId: string }>(`SELECT "lastEventId"::text AS "lastEventId" FROM "EventRelayCursor" WHERE name = $1 FOR UPDATE SKIP LOCKED`, [name])
      if (locked.rows.length === 0) return false
      const { rows } = await sql.query(
        `SELECT id::text AS id, type, entity, "entityId", "teamId"::text AS "teamId", "actorId"::text AS "actorId", payload, "createdAt"
         FROM "DomainEvent" e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
        [locked.rows[0].lastEventId, BATCH_SIZE],
      )
      if (rows.length === 0) return false
      const events: ProjectedEvent[] = rows.map((row) => ({ ...row, id: BigInt(row.id) }))
      await handler(sql, events)
      await sql.query(`UPDATE "EventRelayCursor" SET "lastEventId" = $1::bigint, "updatedAt" = CURRENT_TIMESTAMP WHERE name = $2`, [rows[rows.length - 1].id, name])
      return events.length === BATCH_SIZE
    })
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
