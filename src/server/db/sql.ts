import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Logger } from '../logger.ts'

// Plain SQL beside Prisma, for the few bulk paths where Prisma's per-statement cost dominates (an
// import's 2,000-row `INSERT … SELECT unnest(…)` costs 60–85 ms of Node CPU through `$executeRaw`,
// 11 ms on a bare `pg` client). `SqlClient` is what a `pg` client offers; `sqlOf` gives a Prisma
// client or transaction the same shape, so one function can serve both kinds of caller.

/** `$1`-style parameters; rows as `pg` returns them (int8 and numeric as strings, arrays parsed). */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>
}

interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>
}

export function isSqlClient(db: object): db is SqlClient {
  return !('$queryRawUnsafe' in db)
}

const statementNames = new Map<string, string>()

/**
 * A hot statement run as a named prepared statement on bare connections: each connection plans it
 * once, and PostgreSQL then reuses a generic plan instead of planning every call (the organisation
 * page's statement took longer to plan than to run). The name comes from the text, so variants of a
 * statement (a team's scope, an admin's) are prepared apart. Through Prisma, a plain query.
 */
export function queryPrepared(sql: SqlClient, text: string, values: unknown[]): Promise<{ rows: any[] }> {
  if (!isBareConnection(sql)) return sql.query(text, values)
  let name = statementNames.get(text)
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    statementNames.set(text, name)
  }
  return sql.query({ name, text, values })
}

/** A Prisma client or transaction as a `SqlClient`. */
export function sqlOf(db: SqlClient | RawQueries): SqlClient {
  if (isSqlClient(db)) return db
  return { query: async (text, values = []) => ({ rows: await db.$queryRawUnsafe<any[]>(text, ...values) }) }
}

/** `timestamp(3)` columns hold UTC (as Prisma writes and reads them); `pg` would read them as local time. */
const TIMESTAMP_OID = 1114
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID && format !== 'binary' ? parseUtcTimestamp : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

const digit = (text: string, index: number) => text.charCodeAt(index) - 48

/**
 * `2026-11-28 18:53:11.12` (PostgreSQL's output, fraction optional and without trailing zeros) as
 * that UTC moment, read digit by digit: parsing the text as a date took most of the time of reading
 * rows in bulk (exports read two per row). Anything else (years before 100 or past 9999, BC, infinity) goes to
 * `Date`'s own parser.
 */
export function parseUtcTimestamp(text: string): Date {
  const length = text.length
  if (length < 19 || length > 26 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || (length > 19 && text.charCodeAt(19) !== 46)) {
    return new Date(`${text.replace(' ', 'T')}Z`)
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
  if (year < 100) return new Date(`${text.replace(' ', 'T')}Z`) // Date.UTC reads 0–99 as 1900–1999
  let milliseconds = 0
  for (let index = 20, scale = 100; index < length && scale >= 1; index++, scale /= 10) milliseconds += digit(text, index) * scale
  return new Date(
    Date.UTC(
      year,
      digit(text, 5) * 10 + digit(text, 6) - 1,
      digit(text, 8) * 10 + digit(text, 9),
      digit(text, 11) * 10 + digit(text, 12),
      digit(text, 14) * 10 + digit(text, 15),
      digit(text, 17) * 10 + digit(text, 18),
      Math.floor(milliseconds),
    ),
  )
}

const pairedPools = new WeakMap<object, pg.Pool>()

/** Pairs the bulk paths' pool with the Prisma client of the same database (db/database.ts). */
export function pairSqlPool(prisma: object, pool: pg.Pool): void {
  pairedPools.set(prisma, pool)
}

/**
 * Plain SQL for a service that only has the Prisma client: the bulk paths' pool paired with it,
 * else (a client built by a script or a test) the client itself.
 */
export function sqlFor(prisma: RawQueries): SqlClient {
  return pairedPools.get(prisma) ?? sqlOf(prisma)
}

/** `inTransaction` on the pool paired with `prisma`, else in one of its interactive transactions. */
export async function transactionFor<T>(
  prisma: RawQueries & { $transaction<R>(work: (tx: RawQueries) => Promise<R>, options?: { timeout?: number }): Promise<R> },
  work: (sql: SqlClient) => Promise<T>,
): Promise<T> {
  const pool = pairedPools.get(prisma)
  return pool ? inTransaction(pool, work) : prisma.$transaction((tx) => work(sqlOf(tx)), { timeout: 120_000 })
}

/** A pool of bare connections beside Prisma's, closed with it: the bulk paths' (imports) and the hot reads'. */
export function createSqlPool(connectionString: string, logger?: Logger, max = 3, options: { idleTimeoutMs?: number } = {}): pg.Pool {
  // Waits for a free connection as Prisma's transactions do (maxWait), then fails rather than hang.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 30_000, idleTimeoutMillis: options.idleTimeoutMs ?? 10_000, types })
  // An idle client losing its connection must not crash the process; the next checkout reconnects.
  pool.on('error', (error) => logger?.warn({ err: error.message, source: 'sql-pool' }, 'sql pool connection lost'))
  return pool
}

/**
 * Runs `work` in one transaction on a connection of its own: committed when it returns, rolled back
 * when it throws. A connection that failed is discarded rather than returned to the pool, including
 * one the server ends while it is checked out with no query in flight (an idle-in-transaction
 * timeout, a terminated backend): without a listener, `pg` would throw that error out of the process.
 * `settings` go with BEGIN in one round trip (a simple query may hold several statements: `SET
 * LOCAL`s, and a last statement whose rows `work` receives, such as a claim).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, opened: any[]) => Promise<T>,
  options: { settings?: string } = {},
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  const lost = (error: Error) => (broken = error)
  client.on('error', lost)
  try {
    const begun = (await client.query(options.settings ? `BEGIN; ${options.settings}` : 'BEGIN')) as pg.QueryResult | pg.QueryResult[]
    const result = await work(client, Array.isArray(begun) ? begun[begun.length - 1].rows : [])
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError))
    throw error
  } finally {
    client.removeListener('error', lost)
    client.release(broken)
  }
}

/**
 * A large JSON value as the parameter of a `$n::json`. To a bare `pg` connection it goes as a Buffer,
 * in binary (json's binary form is its text), outside V8's heap, which frees such memory as soon as
 * it grows: a string of megabytes, held until its statement returns, was promoted to the old space
 * and stayed there as garbage until the next full collection (+500 MB over a 100,000-row import).
 * Through Prisma (which would send a Buffer as bytea), the text.
 */
export function jsonParameter(sql: SqlClient, value: unknown): Buffer | string {
  const text = JSON.stringify(value)
  return isBareConnection(sql) ? Buffer.from(text) : text
}

/**
 * `jsonParameter` for a run of statements awaited one after another (the chunks of an import): every
 * value is written into one Buffer, grown as needed and reused, where a new Buffer per statement
 * (~0.6 MB a chunk) stayed allocated outside the heap until the next full collection. A value must
 * not be used once the next one is made.
 */
export function reusableJsonParameter(sql: SqlClient): (value: unknown) => Buffer | string {
  if (!isBareConnection(sql)) return (value) => JSON.stringify(value)
  let buffer = Buffer.alloc(0)
  return (value) => {
    const text = JSON.stringify(value)
    const length = Buffer.byteLength(text)
    if (length > buffer.length) buffer = Buffer.allocUnsafe(Math.max(length, buffer.length * 2))
    buffer.write(text, 0)
    return buffer.subarray(0, length)
  }
}

/** A bare `pg` connection or pool (not Prisma through `sqlOf`): binary JSON parameters, named statements. */
export function isBareConnection(sql: SqlClient): sql is pg.Pool | pg.Client {
  return sql instanceof pg.Pool || sql instanceof pg.Client
}

/** A timestamp parameter for a `timestamp(3)` column (UTC, as Prisma writes them); `pg` would send local time. */
export function utc(date: Date): string {
  return date.toISOString()
}
