import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT, freePort, startServerProcess, type ServerProcess } from '../support/processes.ts'
import { TEST_TOTP_ENCRYPTION_KEY } from '../support/env.ts'

// A new user's first try: a copy of the project inside a folder nobody else may enter (mode 700, like
// /root), `npm start`'s server with no DATABASE_URL. Nothing here loosens a permission: PostgreSQL, which
// refuses to run as root, must still reach its binaries under node_modules and its data under .data/.
const privateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-private-'))
const clone = path.join(privateRoot, 'alforis-crm')
const SKIPPED = new Set(['.git', '.data', 'node_modules', 'test-results', 'playwright-report', 'bench-results', 'coverage'])
let first: ServerProcess | undefined
/** Generous: a first start runs initdb, migrations and the demo seed on a shared, busy machine. */
const TIMEOUT = 600_000

beforeAll(() => {
  fs.mkdirSync(clone)
  for (const entry of fs.readdirSync(PROJECT_ROOT)) {
    if (SKIPPED.has(entry)) continue
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(clone, entry), { recursive: true, verbatimSymlinks: true })
  }
  // Hard links: the same files, reached only through the private folder (as after `npm ci` there).
  const copied = spawnSync('cp', ['-al', path.join(PROJECT_ROOT, 'node_modules'), path.join(clone, 'node_modules')])
  expect(copied.status, String(copied.stderr)).toBe(0)
})

afterAll(async () => {
  await first?.stop()
  fs.rmSync(privateRoot, { recursive: true, force: true })
})

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !key.startsWith('VITEST')))
  return new Promise((resolve) => {
    let output = ''
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/features/backup/backup.cli.ts', ...args], {
      cwd: clone,
      env: { ...inherited, BACKUP_DIR: path.join(privateRoot, 'backups'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

/** Runs the server in the clone until it exits; resolves with its exit code and everything it printed. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['DATABASE_URL', 'REDIS_URL', 'PORT', 'NODE_OPTIONS'].includes(key) && !key.startsWith('VITEST')),
  )
  return new Promise((resolve) => {
    let output = ''
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: clone,
      env: { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', TOTP_ENCRYPTION_KEY: TEST_TOTP_ENCRYPTION_KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('start from a private folder', () => {
  it('starts the embedded default from a mode-700 folder with its data in the project, permissions untouched', async () => {
    expect(fs.statSync(privateRoot).mode & 0o777).toBe(0o700)
    const pgPort = await freePort()
    first = await startServerProcess({ EMBEDDED_PG_PORT: String(pgPort) }, 480_000, clone)
    expect(first.output()).toMatch(/mode: embedded PostgreSQL/)

    const login = await fetch(`${first.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'admin@demo.test', password: 'demo1234' } }),
    })
    expect(login.status).toBe(200)

    const dataDir = path.join(clone, '.data', 'postgres')
    expect(fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim()).toBe('15')
    // The data belongs to whoever started the server; the private folder stayed private.
    expect(fs.statSync(dataDir).uid).toBe(process.getuid!())
    expect(fs.statSync(privateRoot).mode & 0o777).toBe(0o700)
    expect(first.output()).not.toMatch(/EACCES/)
  }, TIMEOUT)

  it('refuses a second start on the same data folder with one sentence, and the first keeps serving', async () => {
    const second = await runToExit({ PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) })
    expect(second.code).toBe(1)
    expect(second.output.trim()).toMatch(/^Another Alforis server \(PostgreSQL process \d+\) is already using the embedded database in .*: stop it first, or set EMBEDDED_PG_DIR to another folder\.$/)

    const ready = await fetch(`${first!.url}/readyz`).then((response) => response.json())
    expect(ready).toMatchObject({ status: 'ready', checks: { database: 'ok' } })
  }, TIMEOUT)

  it('refuses a port already taken with one sentence, before touching the database', async () => {
    const port = new URL(first!.url).port
    const taken = await runToExit({ PORT: port, EMBEDDED_PG_DIR: path.join(privateRoot, 'other-data') })
    expect(taken.code).toBe(1)
    expect(taken.output.trim()).toBe(`Port ${port} is already in use by another program: stop it, or set PORT to a free port.`)
    expect(fs.existsSync(path.join(privateRoot, 'other-data'))).toBe(false)
  }, TIMEOUT)

  let dumpFile: string
  it('backs up and verifies the embedded database while the server runs', async () => {
    const backup = await runCli(['backup'])
    expect(backup.code, backup.output).toBe(0)
    dumpFile = /^Backup written: (\S+\.dump)/.exec(backup.output)![1]
    const verify = await runCli(['verify', dumpFile])
    expect(verify.code, verify.output).toBe(0)
    expect(verify.output).toMatch(/^Backup OK/)
    // The running server's connections block a restore unless forced.
    const refused = await runCli(['restore', dumpFile, '--yes'])
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/app nodes still running/)
  }, TIMEOUT)

  it('stops cleanly, restores the backup with the server stopped, and starts again on the same data', async () => {
    expect(await first!.stop()).toBe(0)
    const restore = await runCli(['restore', dumpFile, '--yes'], { EMBEDDED_PG_PORT: String(await freePort()) })
    expect(restore.code, restore.output).toBe(0)
    expect(restore.output).toMatch(/^Restore done/)
    first = await startServerProcess({ EMBEDDED_PG_PORT: String(await freePort()) }, 480_000, clone)
    const ready = await fetch(`${first.url}/readyz`).then((response) => response.json())
    expect(ready).toMatchObject({ status: 'ready' })
    expect(await first.stop()).toBe(0)
    first = undefined
  }, TIMEOUT)
})
