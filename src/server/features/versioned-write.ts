import { Prisma } from '../db/client.ts'
import type { DomainError } from '../errors.ts'
import { fieldsChangedSince } from '../events/event-log.ts'
import type { Db } from './scope.ts'

// The one way a versioned record (one that carries a `version`) is changed, whatever the service.
//
// The writer's transaction locks the record's row first, then reads it and checks the version the
// user read against the stored one. Under the lock nobody can commit in between, so the check and
// the write agree: an edit whose fields nobody changed since the user's version merges, however
// close in time the other writers are; one that overlaps gets CONFLICT naming those fields.
//
// Lock order, which keeps concurrent writers free of deadlocks: a transaction takes its row locks
// first (this one, `FOR NO KEY UPDATE`, is the lock its own UPDATE would take), and the event log's
// lock last (`appendEvent` is the last statement of a write). Nothing may lock a row after
// appending an event.

/** The table of each versioned record, by the entity name of its domain events. */
const TABLES = {
  organisation: 'Organisation',
  person: 'Person',
  mandate: 'Mandate',
  product: 'Product',
  task: 'Task',
  interaction: 'Interaction',
  user: 'User',
} as const

export type VersionedEntity = keyof typeof TABLES

/**
 * Locks the record's row until the transaction ends. NO KEY: rows referencing it (links, tasks,
 * notifications) can still be inserted meanwhile.
 */
export async function lockRow(db: Db, entity: VersionedEntity, id: string): Promise<void> {
  await db.$queryRaw`SELECT 1 FROM ${Prisma.raw(`"${TABLES[entity]}"`)} WHERE id = ${id}::uuid FOR NO KEY UPDATE`
}

export interface VersionedWrite<Row extends { version: number }> {
  entity: VersionedEntity
  id: string
  /** The version the user read; undefined when the write does not ask for a check. */
  baseVersion: number | undefined
  /** The fields the write sets; null when it replaces the whole record (a delete): any change since conflicts. */
  fields: readonly string[] | null
  /** Reads the record as the caller may see it; throws NOT_FOUND (or FORBIDDEN) itself. */
  read: () => Promise<Row>
  /** CONFLICT carrying the current record and the overlapping fields (null: the whole record). */
  conflict: (fields: string[] | null) => Promise<DomainError>
}

/**
 * Opens the write of a versioned record inside its transaction: locks the row, reads the record as
 * it is now and returns it, or throws CONFLICT when the write overlaps what others committed since
 * `baseVersion`. The caller then writes with `where: { id }` and appends its event.
 */
export async function lockForWrite<Row extends { version: number }>(tx: Db, write: VersionedWrite<Row>): Promise<Row> {
  await lockRow(tx, write.entity, write.id)
  const current = await write.read()
  if (write.baseVersion === undefined || write.baseVersion === current.version) return current
  const overlap = await overlappingFields(tx, write, current.version)
  if (overlap === null || overlap.length > 0) throw await write.conflict(overlap)
  return current
}

/** The write's fields changed by others between its base version and `currentVersion`; null when everything must be assumed changed. */
async function overlappingFields(
  db: Db,
  write: Pick<VersionedWrite<never>, 'entity' | 'id' | 'baseVersion' | 'fields'>,
  currentVersion: number,
): Promise<string[] | null> {
  // A whole-record write, or a version the record never had.
  if (write.fields === null || write.baseVersion === undefined || write.baseVersion > currentVersion) return null
  const changed = await fieldsChangedSince(db, write.entity, write.id, write.baseVersion, currentVersion)
  return changed ? write.fields.filter((field) => changed.has(field)) : [...write.fields]
}
