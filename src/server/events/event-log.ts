import { Prisma } from '../db/client.ts'
import { isSqlClient, jsonParameter, queryPrepared, sqlOf, type SqlClient } from '../db/sql.ts'
import type { Db } from '../features/scope.ts'
import { recordChange } from '../cache/invalidation.ts'

/** Domain event types: `<entity>.<verb>`. */
export type DomainEventType = `${string}.${'created' | 'updated' | 'deleted' | 'stage_changed' | string}`

export type FieldChanges = Record<string, { from: unknown; to: unknown }>

export interface NewDomainEvent {
  type: DomainEventType
  entity: string
  entityId: string
  teamId: string | null
  actorId: string | null
  payload: Record<string, unknown>
}

/** Serialises event appends so that event ids become visible in commit order (see below). */
export const EVENT_LOG_LOCK = 72_616_001

/**
 * Appends a domain event. Call it with the transaction client of the change it describes, as the
 * last statement of that transaction, so the event exists exactly when the change does; the relay,
 * notifications, webhooks, cache invalidation and the activity timeline all read from this log.
 *
 * The transaction-scoped advisory lock makes concurrent writers commit their events one after the
 * other, so an id is never committed after a higher one: the relay can follow the log by id alone
 * without skipping a late commit. NOTIFY wakes the relay when the transaction commits. Because this
 * lock is taken last, a transaction must take its row locks before it (see features/versioned-write.ts):
 * a row locked after an append could deadlock with a writer holding that row and waiting here.
 */
export async function appendEvent(db: Db | SqlClient, event: NewDomainEvent): Promise<bigint> {
  recordChange(event)
  if (isSqlClient(db)) {
    const { rows } = await queryPrepared(db, APPEND_EVENT_SQL, [event.type, event.entity, event.entityId, event.teamId, event.actorId, JSON.stringify(event.payload), EVENT_LOG_LOCK])
    return BigInt(rows[0].id)
  }
  // One round trip: the lock (fenced by OFFSET 0 so it is taken before the row's id is drawn), the
  // insert, and the NOTIFY sent at commit.
  const [row] = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH appended AS (
      INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
      SELECT ${event.type}, ${event.entity}, ${event.entityId}, ${event.teamId}::uuid, ${event.actorId}::uuid, ${JSON.stringify(event.payload)}::jsonb
      FROM (SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK}) OFFSET 0) AS locked
      RETURNING id)
    SELECT a.id FROM appended a CROSS JOIN LATERAL (SELECT pg_notify('domain_events', a.id::text)) AS notified`
  return row.id
}

/** `appendEvent`'s statement for a bare `pg` client (same lock, insert and NOTIFY). */
const APPEND_EVENT_SQL = `
  WITH appended AS (
    INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT $1, $2, $3, $4::uuid, $5::uuid, $6::jsonb
    FROM (SELECT pg_advisory_xact_lock($7) OFFSET 0) AS locked
    RETURNING id)
  SELECT a.id FROM appended a CROSS JOIN LATERAL (SELECT pg_notify('domain_events', a.id::text)) AS notified`

/**
 * Appends a handful of events (the notifications of a write) in one statement, from a Prisma client
 * or a bare connection: `appendEvent`'s lock, insert and NOTIFY, with ids drawn in the order given.
 * One NOTIFY is enough: the relay, woken, reads everything after its cursor. For thousands of
 * events, `appendEvents`, which ships them in chunks.
 */
export async function appendEventBatch(db: Db | SqlClient, events: NewDomainEvent[]): Promise<void> {
  if (events.length === 0) return
  for (const event of events) recordChange(event)
  const sql = sqlOf(db)
  await queryPrepared(sql, APPEND_EVENT_BATCH_SQL, [jsonParameter(sql, events), EVENT_LOG_LOCK])
}

// The lock is fenced by OFFSET 0, and the sort consumes every row before the insert draws the first
// id, so the lock is held before any id is drawn, as in `appendEvent`.
const APPEND_EVENT_BATCH_SQL = `
  WITH appended AS (
    INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT e.type, e.entity, e."entityId", e."teamId", e."actorId", e.payload
    FROM (SELECT pg_advisory_xact_lock($2::bigint) OFFSET 0) AS locked,
      ROWS FROM (json_to_recordset($1::json) AS (type text, entity text, "entityId" text, "teamId" uuid, "actorId" uuid, payload jsonb))
        WITH ORDINALITY AS e(type, entity, "entityId", "teamId", "actorId", payload, position)
    ORDER BY e.position
    RETURNING id)
  SELECT last.id FROM (SELECT max(id)::text AS id FROM appended) AS last
  CROSS JOIN LATERAL (SELECT pg_notify('domain_events', last.id)) AS notified`

/** Rows per statement when appending many events at once. */
const EVENT_BATCH_SIZE = 5_000

/**
 * Appends many events in a few statements (bulk writes such as imports): the same lock and
 * NOTIFY as `appendEvent`, taken once, as the last statements of the caller's transaction.
 */
export async function appendEvents(db: Db, events: NewDomainEvent[]): Promise<void> {
  if (events.length === 0) return
  for (const event of events) recordChange(event)
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`
  for (let start = 0; start < events.length; start += EVENT_BATCH_SIZE) {
    const batch = events.slice(start, start + EVENT_BATCH_SIZE)
    await db.$executeRaw`
      INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
      SELECT type, entity, entity_id, team_id, actor_id, payload::jsonb
      FROM unnest(${batch.map((event) => event.type)}::text[], ${batch.map((event) => event.entity)}::text[],
        ${batch.map((event) => event.entityId)}::text[], ${batch.map((event) => event.teamId)}::uuid[],
        ${batch.map((event) => event.actorId)}::uuid[], ${batch.map((event) => JSON.stringify(event.payload))}::text[])
        AS e(type, entity, entity_id, team_id, actor_id, payload)`
  }
  await db.$executeRaw`SELECT pg_notify('domain_events', (SELECT max(id)::text FROM "DomainEvent"))`
}

/**
 * For bulk writes that produce their events as they go (imports): `stageEvents` keeps them in a
 * temporary table of the transaction, chunk by chunk, so they are neither held in memory nor shipped
 * while the event log's lock is held; `appendStagedEvents` then appends them all, in staging order,
 * in one statement as the last of the transaction (same lock and NOTIFY as `appendEvent`).
 */
export function stageEvents(db: Db | SqlClient, events: NewDomainEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve()
  for (const event of events) recordChange(event)
  const sql = sqlOf(db)
  // One JSON parameter (as text arrays, `pg` quoted every payload again, character by character),
  // built before anything is awaited: a large batch is not held while the statements run.
  return insertStagedEvents(sql, jsonParameter(sql, events))
}

/**
 * The transaction's staging table (`staged_domain_events`: type, entity, "entityId", "teamId",
 * "actorId", payload), for a bulk write that stages its events from SQL itself (imports: one
 * statement writes a chunk's records and stages their events); the caller must `recordChange`.
 */
export async function createEventStaging(sql: SqlClient): Promise<void> {
  await sql.query(`
    CREATE TEMP TABLE IF NOT EXISTS staged_domain_events (seq bigserial, type text, entity text, "entityId" text, "teamId" uuid, "actorId" uuid, payload jsonb)
    ON COMMIT DROP`)
}

async function insertStagedEvents(sql: SqlClient, events: Buffer | string): Promise<void> {
  await createEventStaging(sql)
  await sql.query(
    `INSERT INTO staged_domain_events (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT e.type, e.entity, e."entityId", e."teamId", e."actorId", e.payload
    FROM json_to_recordset($1::json) AS e(type text, entity text, "entityId" text, "teamId" uuid, "actorId" uuid, payload jsonb)`,
    [events],
  )
}

export async function appendStagedEvents(db: Db | SqlClient): Promise<void> {
  const sql = sqlOf(db)
  const { rows } = await sql.query(`SELECT to_regclass('pg_temp.staged_domain_events') IS NOT NULL AS exists`)
  if (!rows[0].exists) return
  await sql.query(`SELECT pg_advisory_xact_lock($1)`, [EVENT_LOG_LOCK])
  await sql.query(`
    INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT type, entity, "entityId", "teamId", "actorId", payload FROM staged_domain_events ORDER BY seq`)
  // Dropped now, so that a later bulk write in the same transaction starts from an empty one.
  await sql.query(`DROP TABLE staged_domain_events`)
  await sql.query(`SELECT pg_notify('domain_events', (SELECT max(id)::text FROM "DomainEvent"))`)
}

/** Field-level before/after of the fields an update touched (dates and decimals compared by value). */
export function diffFields<T extends Record<string, unknown>>(before: T, after: T, fields: Iterable<keyof T>): FieldChanges {
  const changes: FieldChanges = {}
  for (const field of fields) {
    const from = normalise(before[field])
    const to = normalise(after[field])
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field as string] = { from, to }
  }
  return changes
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  return value ?? null
}

/**
 * Fields of a record changed by updates after `sinceVersion` (up to `currentVersion` when given),
 * read from the record's update events (their payload carries `version` and `changes`). Returns null
 * when the log cannot tell (a version without its event, or history longer than it looks back),
 * which callers must treat as "everything may have changed".
 */
export async function fieldsChangedSince(
  db: Db,
  entity: string,
  entityId: string,
  sinceVersion: number,
  currentVersion?: number,
): Promise<Set<string> | null> {
  const events = await db.domainEvent.findMany({
    where: { entity, entityId },
    orderBy: { id: 'desc' },
    take: 500,
    select: { payload: true },
  })
  const changed = new Set<string>()
  const seenVersions = new Set<number>()
  for (const { payload } of events) {
    const { version, changes } = (payload ?? {}) as { version?: number; changes?: Record<string, unknown> }
    if (typeof version !== 'number' || version <= sinceVersion) continue
    seenVersions.add(version)
    for (const field of Object.keys(changes ?? {})) changed.add(field)
  }
  const latest = currentVersion ?? Math.max(sinceVersion, ...seenVersions)
  for (let version = sinceVersion + 1; version <= latest; version++) if (!seenVersions.has(version)) return null
  return changed
}

/** Who made the latest change of `field` on a record, read from its update events (null: the log does not say). */
export async function lastChangedBy(db: Db, entity: string, entityId: string, field: string): Promise<string | null> {
  const event = await db.domainEvent.findFirst({
    // DbNull: the path is absent from the payload, i.e. that update left the field alone.
    where: { entity, entityId, type: `${entity}.updated`, payload: { path: ['changes', field], not: Prisma.DbNull } },
    orderBy: { id: 'desc' },
    select: { actorId: true },
  })
  return event?.actorId ?? null
}
