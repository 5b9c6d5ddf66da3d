import pg from 'pg'
import type { z } from 'zod'
import type { organisationListInput } from '../../../shared/schemas/organisation.ts'
import { Prisma } from '../../db/client.ts'
import { utc, type SqlClient } from '../../db/sql.ts'
import { teamScopeSql, type ServiceContext } from '../scope.ts'

// Batch reads of the biggest lists as plain SQL on the bare read pool: Prisma's decoding of 100,000
// rows was most of a CSV export's CPU. A list is read this way only where the SQL below says exactly
// what the list's Prisma query says (same filters, team scope and order); every other case, and
// every caller without the pool, reads through the list's Prisma query (`listBatches`).

/** A list's rows in its order, as SQL: what `listBatchesSql` pages through. */
export interface SqlListQuery {
  /** `<table> <alias>` */
  from: Prisma.Sql
  /** The row's fields as Prisma names them, and the column each is read from. */
  fields: ReadonlyArray<readonly [column: Prisma.Sql, field: string]>
  /** The list's filters and team scope, as one condition. */
  where: Prisma.Sql
  /** Sort columns (never null) and the row fields holding them; `id` comes last. */
  keyset: ReadonlyArray<readonly [column: Prisma.Sql, field: string]>
  id: Prisma.Sql
  direction: Prisma.SortOrder
  /** Fields a later step sets on each row (the names `withNames` adds): null until then. */
  filledLater?: readonly string[]
}

/** The read pool when the export may use it: a `pg` pool, which returns rows as arrays on request. */
export function arrayRowsReader(sql: SqlClient | undefined): pg.Pool | null {
  return sql instanceof pg.Pool ? sql : null
}

/**
 * `listBatches` on a bare connection: the same rows in the same order, in batches of `batchSize`,
 * each batch starting after the previous one's last (sort values, id) by one row comparison (which
 * an index on those columns serves). Stops between batches once `signal` aborts.
 */
export async function* listBatchesSql<R extends { id: string }>(
  db: pg.Pool,
  query: SqlListQuery & { batchSize: number; signal?: AbortSignal },
): AsyncGenerator<R[]> {
  const columns = [...query.keyset.map(([column]) => column), query.id]
  const direction = query.direction === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`
  const after = query.direction === 'asc' ? Prisma.sql`>` : Prisma.sql`<`
  const order = Prisma.join(columns.map((column) => Prisma.sql`${column} ${direction}`))
  const select = Prisma.join(query.fields.map(([column]) => column))
  const names = [...query.fields.map(([, field]) => field), ...(query.filledLater ?? [])]
  let start = Prisma.sql`TRUE`
  while (!query.signal?.aborted) {
    const statement = Prisma.sql`SELECT ${select} FROM ${query.from} WHERE (${query.where}) AND ${start} ORDER BY ${order} LIMIT ${query.batchSize + 1}`
    const { rows } = await db.query({ text: statement.text, values: statement.values, rowMode: 'array' })
    const batch = rows.slice(0, query.batchSize).map((values) => rowOf(names, values) as R)
    if (batch.length > 0) yield batch
    if (rows.length <= query.batchSize) return
    const last = batch[batch.length - 1] as R & Record<string, unknown>
    // Dates as UTC text: `timestamp(3)` columns hold UTC, and `pg` would send a Date as local time.
    const values = [...query.keyset.map(([, field]) => last[field]), last.id].map((value) => (value instanceof Date ? utc(value) : value))
    start = Prisma.sql`(${Prisma.join(columns)}) ${after} (${Prisma.join(values)})`
  }
}

/**
 * A row as an object whose fields are added in the same order every time, so that every row shares
 * one shape (`pg` gives each of its row objects a shape of its own, which made every later read and
 * write of a row field a slow lookup: adding the names to 100,000 rows alone cost ~1 s of CPU). The
 * fields filled later are there from the start, so filling them changes no row's shape.
 */
function rowOf(names: readonly string[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (let index = 0; index < names.length; index++) row[names[index]] = index < values.length ? values[index] : null
  return row
}

type OrganisationListInput = z.output<typeof organisationListInput>

/**
 * Columns read through another type: tags as JSON, which `JSON.parse` reads several times faster
 * than `pg` parses a `text[]` literal (a tenth of a 100k-row export's CPU went to it).
 */
const ORGANISATION_SQL_COLUMNS: Record<string, Prisma.Sql> = { tags: Prisma.sql`to_json(o.tags)` }

/** The organisations' sorts whose column is never null: one column, then id (LIST_SORTS in organisation.service.ts). */
const ORGANISATION_SQL_SORTS: Partial<Record<OrganisationListInput['sort']['field'], Prisma.Sql>> = {
  name: Prisma.sql`o.name`,
  updatedAt: Prisma.sql`o."updatedAt"`,
  createdAt: Prisma.sql`o."createdAt"`,
  // Enums sort in declaration order in SQL, as Prisma's cursor pages them.
  stage: Prisma.sql`o.stage`,
  type: Prisma.sql`o.type`,
}

/**
 * `organisationListQuery` (organisation.service.ts) as SQL on `"Organisation" o`, each condition one
 * of its `listWhere`; null for what is left to Prisma: the text search (Prisma's `contains` leaves
 * `%` and `_` unescaped) and the sorts by amount and owner (rows without one come last).
 */
export function organisationListSql(ctx: ServiceContext, input: OrganisationListInput, fields: readonly string[]): SqlListQuery | null {
  const sortColumn = ORGANISATION_SQL_SORTS[input.sort.field]
  if (input.q || !sortColumn) return null
  const conditions = [teamScopeSql(ctx.viewer, Prisma.sql`o."teamId"`)]
  if (input.teamId) conditions.push(Prisma.sql`o."teamId" = ${input.teamId}::uuid`)
  if (input.type?.length) conditions.push(Prisma.sql`o.type = ANY(${input.type}::"OrganisationType"[])`)
  if (input.stage?.length) conditions.push(Prisma.sql`o.stage = ANY(${input.stage}::"PipelineStage"[])`)
  if (input.isActive !== undefined) conditions.push(Prisma.sql`o."isActive" = ${input.isActive}`)
  if (input.ownerId) conditions.push(Prisma.sql`o."ownerId" = ${input.ownerId}::uuid`)
  if (input.tags?.length) conditions.push(Prisma.sql`o.tags @> ${input.tags}::text[]`)
  return {
    from: Prisma.sql`"Organisation" o`,
    fields: fields.map((field) => [ORGANISATION_SQL_COLUMNS[field] ?? Prisma.raw(`o."${field}"`), field] as const),
    where: Prisma.join(conditions, ' AND '),
    keyset: [[sortColumn, input.sort.field]],
    id: Prisma.sql`o.id`,
    direction: input.sort.direction,
  }
}
