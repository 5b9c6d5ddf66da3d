import { Prisma } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { appendEvent } from '../events/event-log.ts'
import { assertOwnerInTeam, teamScope, type Db, type ServiceContext } from './scope.ts'

// Bulk actions of every list (SPEC §4, issue 17): one change to many ticked records, all or
// nothing, in one transaction with one event per record, so live lists, boards, notifications and
// webhooks follow as for single edits. Each kind of record says how it is read, written and told.

export type BulkEntity = 'organisation' | 'person' | 'mandate' | 'product' | 'task'

interface BulkRow {
  id: string
  teamId: string
}

export interface BulkKind<Row extends BulkRow, Fields extends object> {
  entity: BulkEntity
  /** The Prisma model's table, for the row locks. */
  table: string
  label: string
  find(tx: Db, where: { id: { in: string[] }; teamId?: string }): Promise<Row[]>
  update(tx: Db, id: string, data: Record<string, unknown>): Promise<Row>
  remove(tx: Db, ids: string[]): Promise<unknown>
  /** The field naming a user (owner, assignee): that user must be an active member of the record's team. */
  memberField?: keyof Fields & string
  /** Columns that follow a change: a task marked done gets its completion time. */
  derived?(record: Row, fields: Partial<Fields>): Record<string, unknown>
  updatedEvent(before: Row, after: Row, keys: (keyof Fields & string)[]): { type: `${BulkEntity}.${string}`; payload: Record<string, unknown> }
  deletedPayload(row: Row): Record<string, unknown>
}

export interface BulkResult<Fields> {
  count: number
  /** Each record's changed fields as they were before, for an undo through the kind's `bulkRestore`. */
  previous: { id: string; fields: Partial<Fields> }[]
}

/** Reads and row-locks the records; one missing or out of scope refuses the whole batch (NOT_FOUND). */
async function lockInScope<Row extends BulkRow, Fields extends object>(ctx: ServiceContext, tx: Db, kind: BulkKind<Row, Fields>, ids: string[]): Promise<Row[]> {
  // FOR UPDATE: a single edit racing the batch waits, then sees the new version (no lost update).
  await tx.$queryRaw`SELECT id FROM ${Prisma.raw(`"${kind.table}"`)} WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`
  const records = await kind.find(tx, { id: { in: ids }, ...teamScope(ctx.viewer) })
  if (records.length !== ids.length) throw notFound(kind.label)
  return records.sort((a, b) => a.id.localeCompare(b.id))
}

/** Applies `fieldsOf(record)` to every record; a record already as asked is left alone (no version, no event). */
export function bulkUpdate<Row extends BulkRow, Fields extends object>(
  ctx: ServiceContext,
  kind: BulkKind<Row, Fields>,
  ids: string[],
  fieldsOf: (record: Row) => Partial<Fields>,
): Promise<BulkResult<Fields>> {
  return ctx.prisma.$transaction(async (tx) => {
    const records = await lockInScope(ctx, tx, kind, ids)
    const members = new Set<string>()
    const previous: BulkResult<Fields>['previous'] = []
    const events: Parameters<typeof appendEvent>[1][] = []
    for (const record of records) {
      const fields = fieldsOf(record)
      const member = kind.memberField ? (fields[kind.memberField] as string | null | undefined) : undefined
      if (member && !members.has(`${member}:${record.teamId}`)) {
        await assertOwnerInTeam(tx, member, record.teamId)
        members.add(`${member}:${record.teamId}`)
      }
      const keys = (Object.keys(fields) as (keyof Fields & string)[]).filter(
        (key) => JSON.stringify((record as Record<string, unknown>)[key]) !== JSON.stringify(fields[key]),
      )
      if (keys.length === 0) continue
      const changed = Object.fromEntries(keys.map((key) => [key, fields[key]])) as Partial<Fields>
      const after = await kind.update(tx, record.id, { ...changed, ...kind.derived?.(record, changed), version: { increment: 1 } })
      previous.push({ id: record.id, fields: Object.fromEntries(keys.map((key) => [key, (record as Record<string, unknown>)[key]])) as Partial<Fields> })
      const event = kind.updatedEvent(record, after, keys)
      events.push({ type: event.type, entity: kind.entity, entityId: record.id, teamId: record.teamId, actorId: ctx.viewer.id, payload: { ...event.payload, bulk: true } })
    }
    // Every row is written before the first event: nothing may lock a row once the event log's lock is held.
    for (const event of events) await appendEvent(tx, event)
    return { count: previous.length, previous }
  })
}

/** Puts back what a bulk update changed, record by record, in one transaction (the toast's "Annuler"). */
export function bulkRestore<Row extends BulkRow, Fields extends object>(
  ctx: ServiceContext,
  kind: BulkKind<Row, Fields>,
  items: { id: string; fields: Partial<Fields> }[],
): Promise<BulkResult<Fields>> {
  const wanted = new Map(items.map((item) => [item.id, item.fields]))
  return bulkUpdate(ctx, kind, [...wanted.keys()], (record) => wanted.get(record.id) ?? {})
}

export function bulkDelete<Row extends BulkRow, Fields extends object>(ctx: ServiceContext, kind: BulkKind<Row, Fields>, ids: string[]): Promise<{ count: number }> {
  return ctx.prisma.$transaction(async (tx) => {
    const records = await lockInScope(ctx, tx, kind, ids)
    await kind.remove(tx, records.map((record) => record.id))
    for (const record of records) {
      await appendEvent(tx, {
        type: `${kind.entity}.deleted`,
        entity: kind.entity,
        entityId: record.id,
        teamId: record.teamId,
        actorId: ctx.viewer.id,
        payload: kind.deletedPayload(record),
      })
    }
    return { count: records.length }
  })
}
