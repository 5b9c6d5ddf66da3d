import { Prisma } from '../db/client.ts'
import type { Db } from '../features/scope.ts'

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
const EVENT_LOG_LOCK = 72_616_001

/**
 * Appends a domain event. Call it with the transaction client of the change it describes, as the
 * last statement of that transaction, so the event exists exactly when the change does; the relay,
 * notifications, webhooks, cache invalidation and the activity timeline all read from this log.
 *
 * The transaction-scoped advisory lock makes concurrent writers commit their events one after the
 * other, so an id is never committed after a higher one: the relay can follow the log by id alone
 * without skipping a late commit. NOTIFY wakes the relay when the transaction commits.
 */
export async function appendEvent(db: Db, event: NewDomainEvent): Promise<bigint> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK})`
  const row = await db.domainEvent.create({
    data: { ...event, payload: JSON.parse(JSON.stringify(event.payload)) },
    select: { id: true },
  })
  await db.$executeRaw`SELECT pg_notify('domain_events', ${row.id.toString()})`
  return row.id
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
 * Fields of a record changed by updates after `sinceVersion`, read from the record's update events
 * (their payload carries `version` and `changes`). Returns null when the log cannot tell (history
 * longer than it looks back), which callers must treat as "everything may have changed".
 */
export async function fieldsChangedSince(db: Db, entity: string, entityId: string, sinceVersion: number): Promise<Set<string> | null> {
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
  const latest = Math.max(sinceVersion, ...seenVersions)
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
