import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline/promises'
import pino from 'pino'
import { ConfigError, loadConfig, type Config } from '../../config.ts'
import { embeddedUrl, startEmbeddedPostgres } from '../../db/embedded.ts'
import { StartupError } from '../../startup-error.ts'
import { BackupError, createBackup, restoreBackup, verifyBackup } from './backup.service.ts'

// `npm run backup`, `npm run backup:verify -- FILE`, `npm run restore -- FILE [--yes] [--force]`:
// on DATABASE_URL, or on the embedded default (the running server's, or started here for the job).

const USAGE = `Usage:
  npm run backup                              write a dump and its manifest to BACKUP_DIR (default ./backups)
  npm run backup:verify -- FILE               restore FILE into a scratch database and compare it with its manifest
  npm run restore -- FILE [--yes] [--force]   replace the configured database with FILE (keeps the old one, renamed)`

/** The embedded server already running on this data folder, if any: its port is in PostgreSQL's lock file. */
function runningEmbeddedPort(dataDir: string): number | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    const pid = Number(lines[0])
    process.kill(pid, 0)
    return Number(lines[3])
  } catch {
    return undefined
  }
}

async function withDatabase<T>(config: Config, work: (url: string) => Promise<T>): Promise<T> {
  if (config.DATABASE_URL) return work(config.DATABASE_URL)
  const port = runningEmbeddedPort(config.EMBEDDED_PG_DIR)
  if (port) return work(embeddedUrl(port))
  if (!fs.existsSync(path.join(config.EMBEDDED_PG_DIR, 'PG_VERSION')) && process.argv[2] !== 'restore') {
    throw new BackupError(`There is no embedded database in ${config.EMBEDDED_PG_DIR} yet: start the server once (npm start), or set DATABASE_URL.`)
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT }, pino({ level: 'warn' }))
  try {
    return await work(embedded.url)
  } finally {
    await embedded.stop()
  }
}

async function confirmed(file: string, url: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const target = new URL(url)
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout })
  try {
    const answer = await prompt.question(
      `Replace the data of database "${target.pathname.slice(1)}" on ${target.host} with ${path.basename(file)}? The current data is kept under another name. Type "yes" to go on: `,
    )
    return answer.trim().toLowerCase() === 'yes'
  } finally {
    prompt.close()
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const flags = new Set(rest.filter((arg) => arg.startsWith('--')))
  const file = rest.find((arg) => !arg.startsWith('--'))
  const config = loadConfig()

  if (command === 'backup') {
    const { file: written, manifest } = await withDatabase(config, (url) => createBackup(url, config.BACKUP_DIR))
    const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0)
    console.log(`Backup written: ${written} (${manifest.dump.bytes} bytes, ${Object.keys(manifest.tables).length} tables, ${rows} rows, migration ${manifest.migration.latest}) in ${manifest.durationMs} ms.`)
    return 0
  }
  if ((command === 'verify' || command === 'restore') && !file) {
    console.error(USAGE)
    return 2
  }
  if (command === 'verify') {
    const result = await withDatabase(config, (url) => verifyBackup(path.resolve(file!), url))
    console.log(`Backup OK: ${path.basename(file!)} restores to ${result.tables} tables and ${result.rows} rows matching its manifest (counts, checksums, sequences, migrations), checked in ${result.durationMs} ms.`)
    return 0
  }
  if (command === 'restore') {
    const result = await withDatabase(config, async (url) => {
      if (!flags.has('--yes') && !(await confirmed(file!, url))) {
        throw new BackupError('Restore cancelled: confirm at the prompt, or pass --yes.')
      }
      return restoreBackup(path.resolve(file!), url, { force: flags.has('--force') })
    })
    console.log(`Restore done in ${result.durationMs} ms. The previous data is kept in database "${result.previousDatabase}" (drop it once you are satisfied).`)
    return 0
  }
  console.error(USAGE)
  return 2
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof BackupError || error instanceof StartupError || error instanceof ConfigError) {
    console.error(process.argv[2] === 'verify' ? `Backup FAILED: ${error.message}` : error.message)
    process.exitCode = 1
  } else {
    console.error(error)
    process.exitCode = 1
  }
}
