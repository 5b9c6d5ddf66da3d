import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

// Backups are PostgreSQL custom-format dumps (pg_dump -Fc) taken from one exported snapshot, with a
// manifest computed in that same snapshot: what a verify or a restore checks the dump against.

export const MANIFEST_FORMAT = 'alforis-backup/1'

export interface TableFigures {
  rows: number
  /** Order-independent sum of every row's md5, as text (see figuresOf). */
  checksum: string
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT
  createdAt: string
  database: { name: string; serverVersion: string }
  /** The last applied Prisma migration, and how many are applied. */
  migration: { latest: string | null; count: number }
  tables: Record<string, TableFigures>
  /** Read before the dump starts: a restored sequence is at least this far. */
  sequences: Record<string, string>
  dump: { file: string; bytes: number; sha256: string; pgDump: string }
  durationMs: number
}

export class BackupError extends Error {}

/** Tables in the dump that the manifest checks: the application's and the job queue's. */
const SCHEMAS = ['public', 'graphile_worker']

type Queryable = Pick<pg.Client, 'query'>

async function tablesOf(client: Queryable): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = ANY($1) ORDER BY 1`,
    [SCHEMAS],
  )
  return result.rows.map((row) => row.name)
}

/** Row count and content checksum of every table, read in the caller's snapshot. */
export async function figuresOf(client: Queryable): Promise<Record<string, TableFigures>> {
  const figures: Record<string, TableFigures> = {}
  for (const table of await tablesOf(client)) {
    // 60 bits of each row's md5, summed as numeric: independent of physical order, exact.
    const result = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*)::text AS rows, coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text AS checksum FROM ${table} t`,
    )
    figures[table] = { rows: Number(result.rows[0].rows), checksum: result.rows[0].checksum }
  }
  return figures
}

export async function sequencesOf(client: Queryable): Promise<Record<string, string>> {
  const result = await client.query<{ name: string; value: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value
       FROM pg_sequences WHERE schemaname = ANY($1) ORDER BY 1`,
    [SCHEMAS],
  )
  return Object.fromEntries(result.rows.map((row) => [row.name, row.value ?? '0']))
}

export async function migrationOf(client: Queryable): Promise<BackupManifest['migration']> {
  const exists = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '_prisma_migrations'`)
  if (exists.rowCount === 0) return { latest: null, count: 0 }
  const result = await client.query<{ latest: string | null; count: string }>(
    `SELECT max(migration_name) AS latest, count(*)::text AS count FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  )
  return { latest: result.rows[0].latest, count: Number(result.rows[0].count) }
}

async function serverMajor(client: Queryable): Promise<{ major: number; version: string }> {
  const result = await client.query<{ num: string; version: string }>(`SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`)
  return { major: Math.floor(Number(result.rows[0].num) / 10_000), version: result.rows[0].version }
}

/**
 * The pg_dump / pg_restore able to read this server: the same major or newer (they refuse older
 * clients' servers' successors). Debian installs them under /usr/lib/postgresql/<major>/bin.
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number): string {
  const candidates: Array<{ file: string; major: number }> = []
  const root = '/usr/lib/postgresql'
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const file = path.join(root, entry, 'bin', tool)
    if (/^\d+$/.test(entry) && fs.existsSync(file)) candidates.push({ file, major: Number(entry) })
  }
  const onPath = spawnSync(tool, ['--version'], { encoding: 'utf8' })
  const pathMajor = onPath.status === 0 ? Number(/(\d+)(\.\d+)?/.exec(onPath.stdout)?.[1]) : NaN
  if (Number.isFinite(pathMajor)) candidates.push({ file: tool, major: pathMajor })
  const usable = candidates.filter((candidate) => candidate.major >= major).sort((a, b) => a.major - b.major)
  if (usable.length === 0) {
    throw new BackupError(
      `Backups need ${tool} for PostgreSQL ${major} or newer, and none is installed: apt-get install postgresql-client-${major} (see docs/operations.md).`,
    )
  }
  return usable[0].file
}

/** Connection settings for the PostgreSQL tools, with the password in the environment, not the command line. */
function toolConnection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSWORD: decodeURIComponent(parsed.password) }
  parsed.password = ''
  return { args: [`--dbname=${parsed.toString()}`], env }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = ''
    const child = spawn(file, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', (error) => reject(new BackupError(`${path.basename(file)} could not run: ${error.message}`)))
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${path.basename(file)} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)),
    )
  })
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256')
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

export function manifestPathOf(dumpFile: string): string {
  return `${dumpFile.replace(/\.dump$/, '')}.manifest.json`
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '')
}

/**
 * Dumps the database at `url` into `directory` as `alforis-<time>.dump` plus its manifest. The
 * manifest's figures and the dump come from one snapshot: a write in between is in neither.
 */
export async function createBackup(url: string, directory: string, now = new Date()): Promise<{ file: string; manifest: BackupManifest }> {
  const startedAt = performance.now()
  fs.mkdirSync(directory, { recursive: true })
  const client = await connectClient(url)
  const base = path.join(path.resolve(directory), `alforis-${timestamp(now)}`)
  const file = `${base}.dump`
  const partial = `${file}.partial`
  try {
    const { major, version } = await serverMajor(client)
    const pgDump = findPgTool('pg_dump', major)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id
    const sequences = await sequencesOf(client)
    const tables = await figuresOf(client)
    const migration = await migrationOf(client)
    const database = (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0].name
    const connection = toolConnection(url)
    await run(pgDump, ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges', `--file=${partial}`, ...connection.args], connection.env)
    await client.query('COMMIT')
    fs.renameSync(partial, file)
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: now.toISOString(),
      database: { name: database, serverVersion: version },
      migration,
      tables,
      sequences,
      dump: { file: path.basename(file), bytes: fs.statSync(file).size, sha256: await sha256Of(file), pgDump: path.basename(pgDump) },
      durationMs: Math.round(performance.now() - startedAt),
    }
    fs.writeFileSync(`${manifestPathOf(file)}.partial`, `${JSON.stringify(manifest, null, 2)}\n`)
    fs.renameSync(`${manifestPathOf(file)}.partial`, manifestPathOf(file))
    return { file, manifest }
  } finally {
    fs.rmSync(partial, { force: true })
    await client.end().catch(() => undefined)
  }
}

export function readManifest(dumpFile: string): BackupManifest {
  const manifestFile = manifestPathOf(dumpFile)
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest
  } catch (error) {
    throw new BackupError(`The manifest ${manifestFile} is missing or unreadable (${(error as Error).message}): without it the backup cannot be checked.`)
  }
  if (manifest.format !== MANIFEST_FORMAT) throw new BackupError(`${manifestFile} is not an Alforis backup manifest.`)
  return manifest
}

/** The dump is byte for byte what was written: a flipped byte or a truncated copy fails here. */
export async function checkIntegrity(dumpFile: string, manifest: BackupManifest): Promise<void> {
  if (!fs.existsSync(dumpFile)) throw new BackupError(`${dumpFile} does not exist.`)
  const bytes = fs.statSync(dumpFile).size
  if (bytes !== manifest.dump.bytes) {
    throw new BackupError(`CORRUPTED: ${path.basename(dumpFile)} has ${bytes} bytes, the manifest says ${manifest.dump.bytes} (truncated or altered copy).`)
  }
  const sha256 = await sha256Of(dumpFile)
  if (sha256 !== manifest.dump.sha256) {
    throw new BackupError(`CORRUPTED: ${path.basename(dumpFile)} has sha256 ${sha256}, the manifest says ${manifest.dump.sha256}.`)
  }
}

/** Lists what differs between a restored database and the manifest (empty: identical). */
export async function compareWithManifest(client: Queryable, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = []
  const tables = await figuresOf(client)
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const actual = tables[table]
    if (!actual) problems.push(`table ${table} is missing`)
    else if (actual.rows !== expected.rows) problems.push(`table ${table} has ${actual.rows} rows, expected ${expected.rows}`)
    else if (actual.checksum !== expected.checksum) problems.push(`table ${table} content differs (checksum)`)
  }
  for (const table of Object.keys(tables)) if (!manifest.tables[table]) problems.push(`unexpected table ${table}`)
  const sequences = await sequencesOf(client)
  for (const [sequence, expected] of Object.entries(manifest.sequences)) {
    const actual = sequences[sequence]
    if (actual === undefined) problems.push(`sequence ${sequence} is missing`)
    else if (BigInt(actual) < BigInt(expected)) problems.push(`sequence ${sequence} is at ${actual}, behind ${expected}`)
  }
  const migration = await migrationOf(client)
  if (migration.latest !== manifest.migration.latest || migration.count !== manifest.migration.count) {
    problems.push(`migrations: ${migration.count} up to ${migration.latest}, expected ${manifest.migration.count} up to ${manifest.migration.latest}`)
  }
  return problems
}

function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

/** A connection to the server's maintenance database, for CREATE / DROP / RENAME DATABASE. */
async function adminClient(url: string): Promise<pg.Client> {
  return connectClient(databaseUrl(url, 'postgres'))
}

/**
 * A connection of its own. A connection lost while idle (a server restart, a terminated backend
 * during a long pg_dump) makes the client emit 'error': unheard, it would end the whole process.
 * The next query on it fails, and that failure is what the backup reports.
 */
async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  await client.connect()
  return client
}

async function restoreInto(dumpFile: string, url: string, name: string, manifest: BackupManifest, admin: pg.Client): Promise<void> {
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  const { major } = await serverMajor(admin)
  const pgRestore = findPgTool('pg_restore', major)
  const connection = toolConnection(databaseUrl(url, name))
  await run(pgRestore, ['--exit-on-error', '--no-owner', '--no-privileges', '--single-transaction', ...connection.args, dumpFile], connection.env)
  const restored = await connectClient(databaseUrl(url, name))
  try {
    const problems = await compareWithManifest(restored, manifest)
    if (problems.length) throw new BackupError(`The restored data does not match the manifest: ${problems.join('; ')}.`)
  } finally {
    await restored.end()
  }
}

export interface VerifyResult {
  tables: number
  rows: number
  durationMs: number
}

/** Restores the dump into a scratch database beside `url`'s and compares it with its manifest. */
export async function verifyBackup(dumpFile: string, url: string): Promise<VerifyResult> {
  const startedAt = performance.now()
  const manifest = readManifest(dumpFile)
  await checkIntegrity(dumpFile, manifest)
  const admin = await adminClient(url)
  const scratch = `alforis_verify_${crypto.randomBytes(5).toString('hex')}`
  try {
    await restoreInto(dumpFile, url, scratch, manifest, admin)
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratch)} WITH (FORCE)`).catch(() => undefined)
    await admin.end()
  }
  const tables = Object.values(manifest.tables)
  return { tables: tables.length, rows: tables.reduce((sum, table) => sum + table.rows, 0), durationMs: Math.round(performance.now() - startedAt) }
}

/** Sessions on the database other than ours: app nodes, workers, someone's psql. */
export async function openConnections(url: string): Promise<number> {
  const admin = await adminClient(url)
  try {
    const name = new URL(url).pathname.slice(1)
    const result = await admin.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    )
    return Number(result.rows[0].count)
  } finally {
    await admin.end()
  }
}

export interface RestoreResult {
  /** Where the data that was replaced now lives (kept until you drop it). */
  previousDatabase: string
  durationMs: number
}

/**
 * Restores into a new database, checks it against the manifest, and only then swaps it in under the
 * configured name; the previous database is kept, renamed. Any failure leaves the previous data as it was.
 */
export async function restoreBackup(dumpFile: string, url: string, options: { force: boolean }): Promise<RestoreResult> {
  const startedAt = performance.now()
  const manifest = readManifest(dumpFile)
  await checkIntegrity(dumpFile, manifest)
  const target = new URL(url).pathname.slice(1)
  const stamp = timestamp(new Date()).toLowerCase()
  const incoming = `${target}_restoring_${stamp}`.slice(0, 63)
  const previous = `${target}_before_restore_${stamp}`.slice(0, 63)
  const refuseIfConnected = async () => {
    const connected = await openConnections(url)
    if (connected > 0 && !options.force) {
      throw new BackupError(
        `${connected} connection(s) to ${target} are open (app nodes still running?): stop them and run the restore again, or add --force to disconnect them.`,
      )
    }
  }
  // Before the long part, and again just before the swap.
  await refuseIfConnected()
  const admin = await adminClient(url)
  try {
    await restoreInto(dumpFile, url, incoming, manifest, admin)
    await refuseIfConnected()
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [target])
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(target)} RENAME TO ${pg.escapeIdentifier(previous)}`)
    try {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(incoming)} RENAME TO ${pg.escapeIdentifier(target)}`)
    } catch (error) {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(previous)} RENAME TO ${pg.escapeIdentifier(target)}`)
      throw error
    }
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(incoming)} WITH (FORCE)`).catch(() => undefined)
    throw error
  } finally {
    await admin.end()
  }
  return { previousDatabase: previous, durationMs: Math.round(performance.now() - startedAt) }
}

/** Keeps the newest `keep` backups in `directory` (dump and manifest), deleting older ones. */
export function pruneBackups(directory: string, keep: number): string[] {
  if (!fs.existsSync(directory)) return []
  const dumps = fs
    .readdirSync(directory)
    .filter((name) => /^alforis-\d{8}T\d{9}Z\.dump$/.test(name))
    .sort()
  const removed = dumps.slice(0, Math.max(0, dumps.length - keep))
  for (const name of removed) {
    const file = path.join(directory, name)
    fs.rmSync(file, { force: true })
    fs.rmSync(manifestPathOf(file), { force: true })
  }
  return removed
}
