import { TOTAL_CAP, type Page } from '../../shared/schemas/common.ts'
import type { Prisma } from '../db/client.ts'

// The one paging mechanism of every list: `cursor` is the id of the last row of the previous page.
// Sorts by columns page by keyset: the cursor row's values and id give where the page starts as a
// range condition that an index on the sort columns can serve. Prisma's own cursor filters every
// row before it one by one, and on a nullable or relation sort loads all rows to find its place.

/** What paging uses of a Prisma model delegate (`prisma.task`, `tx.user`, …). */
interface ModelDelegate {
  findMany(args: object): PromiseLike<unknown[]>
  findFirst(args: object): PromiseLike<unknown>
  count(args: object): PromiseLike<number>
}

type FindManyArgs<D> = Prisma.Args<D, 'findMany'>
type Where<D> = NonNullable<FindManyArgs<D>['where']>
type Select<D> = NonNullable<FindManyArgs<D>['select']>
type OrderBy<D> = Extract<NonNullable<FindManyArgs<D>['orderBy']>, readonly unknown[]>[number]
/** A scalar field of the model. */
type Field<D> = keyof Prisma.Result<D, object, 'findFirstOrThrow'> & string
/** A relation of the model; only a to-one relation has a field to sort by. */
type Relation<D> = Exclude<keyof OrderBy<D>, Field<D>> & string

/** A column a list sorts by: a field of the model, or a field of a to-one relation (`['owner', 'name']`). */
type Column<D> = Field<D> | readonly [relation: Relation<D>, field: string]

export type ListSort<D> =
  /**
   * By these columns, then by id. Rows matching `missing` have no value to sort by: they come last
   * in either direction, by id. Every other row must hold a value in every column.
   */
  | { keyset: readonly [Column<D>, ...Column<D>[]]; missing?: Where<D> }
  /** An enum sorts in declaration order, which no range condition expresses: Prisma's cursor pages it. */
  | { enum: Field<D> }

export interface PageQuery<D, S> {
  where: Where<D>
  /**
   * Where the cursor row may be read: what the viewer may see, without the list's filters (a row
   * edited out of them since the last page still marks the place). Outside it, the list ends.
   */
  scope: Where<D>
  select?: S
  sort: ListSort<D>
  direction: Prisma.SortOrder
  cursor?: string | null
  limit: number
}

type Row<D, S> = Prisma.Result<D, { select: S }, 'findFirstOrThrow'>

/**
 * One page of a list, with the id to ask for the next page and how many match `where`: counted up
 * to TOTAL_CAP only (then flagged `totalCapped`), so that a page costs the same in a list of a million.
 */
export async function listPage<D extends ModelDelegate, S extends Select<D> | undefined = undefined>(
  model: D,
  query: PageQuery<D, S>,
): Promise<Page<Row<D, S> & { id: string }>> {
  const [rows, counted] = await Promise.all([pageRows(model, query), model.count({ where: query.where, take: TOTAL_CAP + 1 })])
  // The rows are those of `select`: the delegate's own typing is out of reach of a generic caller.
  const items = rows.slice(0, query.limit) as (Row<D, S> & { id: string })[]
  const nextCursor = rows.length > query.limit ? items[items.length - 1].id : null
  return counted > TOTAL_CAP ? { items, nextCursor, total: TOTAL_CAP, totalCapped: true } : { items, nextCursor, total: counted }
}

/**
 * Every row of a list, in its order, in batches of `batchSize` read by the same keyset paging as
 * `listPage` (no count, no offset): what exports stream. Stops between batches once `signal` aborts.
 */
export async function* listBatches<D extends ModelDelegate, S extends Select<D> | undefined = undefined>(
  model: D,
  query: Omit<PageQuery<D, S>, 'cursor' | 'limit'> & { batchSize: number; signal?: AbortSignal },
): AsyncGenerator<(Row<D, S> & { id: string })[]> {
  let cursor: string | null = null
  let cursorRow: CursorRow | undefined
  while (!query.signal?.aborted) {
    const rows = (await pageRows(model, { ...query, cursor, limit: query.batchSize }, cursorRow)) as (Row<D, S> & { id: string })[]
    const batch = rows.slice(0, query.batchSize)
    if (batch.length > 0) yield batch
    if (rows.length <= query.batchSize) return
    const last = batch[batch.length - 1] as CursorRow
    cursor = last.id
    // The last row read holds its sort values when `select` has them: the next batch starts from
    // them without reading the row again (one query less per batch).
    cursorRow = 'keyset' in query.sort && query.sort.keyset.every((column) => holds(column, last)) ? last : undefined
  }
}

type CursorRow = { id: string } & Record<string, unknown>

type Comparison = 'gt' | 'gte' | 'lt' | 'lte'
type SortValue = string | number | Date
type Condition = Record<string, unknown>

/** The page's rows plus one, which tells whether more follow. */
async function pageRows<D extends ModelDelegate, S>(model: D, query: PageQuery<D, S>, cursorRow?: CursorRow): Promise<unknown[]> {
  const { where, scope, select, sort, direction, cursor } = query
  const take = query.limit + 1
  if ('enum' in sort) {
    return model.findMany({
      where,
      orderBy: [{ [sort.enum]: direction }, { id: direction }],
      select,
      take,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    })
  }
  const columns = sort.keyset
  const [after, from] = direction === 'asc' ? (['gt', 'gte'] as const) : (['lt', 'lte'] as const)
  let start: Condition = {}
  let startAmongMissing: Condition | undefined
  if (cursor) {
    const at =
      cursorRow ??
      ((await model.findFirst({
        where: { AND: [scope, { id: cursor }] },
        select: Object.assign({ id: true }, ...columns.map(selectOf)),
      })) as CursorRow | null)
    // As with Prisma's cursor: a cursor that no longer exists ends the list.
    if (!at) return []
    const values = columns.map((column) => valueOf(column, at))
    if (values.includes(null)) startAmongMissing = { id: { [after]: at.id } }
    else start = startAfter(columns, values as SortValue[], at.id, after, from)
  }
  const withValue = startAmongMissing
    ? []
    : await model.findMany({
        where: { AND: [where, sort.missing ? { NOT: sort.missing } : {}, start] },
        orderBy: [...columns.map((column) => orderOf(column, direction)), { id: direction }],
        select,
        take,
      })
  if (!sort.missing || withValue.length === take) return withValue
  const withoutValue = await model.findMany({
    where: { AND: [where, sort.missing, startAmongMissing ?? {}] },
    orderBy: { id: direction },
    select,
    take: take - withValue.length,
  })
  return [...withValue, ...withoutValue]
}

/**
 * Rows after the cursor's (values, id) in sort order. The first bound of each column is the one an
 * index can start from; the second breaks ties by the next column, and finally by id.
 */
function startAfter<D>(
  columns: readonly Column<D>[],
  values: SortValue[],
  id: string,
  after: Comparison,
  from: Comparison,
): Condition {
  if (columns.length === 0) return { id: { [after]: id } }
  const [column, ...rest] = columns
  const [value, ...restValues] = values
  return {
    AND: [compare(column, from, value), { OR: [compare(column, after, value), startAfter(rest, restValues, id, after, from)] }],
  }
}

function compare<D>(column: Column<D>, comparison: Comparison, value: SortValue): Condition {
  if (typeof column === 'string') return { [column]: { [comparison]: value } }
  const [relation, field] = column
  return { [relation]: { [field]: { [comparison]: value } } }
}

function orderOf<D>(column: Column<D>, direction: Prisma.SortOrder): Condition {
  if (typeof column === 'string') return { [column]: direction }
  const [relation, field] = column
  return { [relation]: { [field]: direction } }
}

function selectOf<D>(column: Column<D>): Condition {
  if (typeof column === 'string') return { [column]: true }
  const [relation, field] = column
  return { [relation]: { select: { [field]: true } } }
}

/** Whether a row read with some `select` holds the column's value (null included). */
function holds<D>(column: Column<D>, row: Record<string, unknown>): boolean {
  if (typeof column === 'string') return column in row
  const [relation, field] = column
  const related = row[relation] as Record<string, unknown> | null | undefined
  return related === null || (related !== undefined && field in related)
}

function valueOf<D>(column: Column<D>, row: Record<string, unknown>): SortValue | null {
  if (typeof column === 'string') return row[column] as SortValue | null
  const [relation, field] = column
  return ((row[relation] as Record<string, unknown> | null)?.[field] as SortValue | undefined) ?? null
}
