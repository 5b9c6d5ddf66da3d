import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/server/db/seed.ts'
import type { BackupManifest } from '../../src/server/features/backup/backup.service.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { ADMIN_DATABASE_URL } from '../support/env.ts'
import { PROJECT_ROOT } from '../support/processes.ts'

// The backup commands as an operator runs them, on the external PostgreSQL (DATABASE_URL): backup,
// verify, corruption caught, restore refused while connected, restore that brings the data back.

let database: TestDatabase
const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-backups-'))
let dumpFile: string
let manifest: BackupManifest

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = ''
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/features/backup/backup.cli.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: database.url, BACKUP_DIR: backupDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

async function count(table: string): Promise<number> {
  const rows = await database.prisma.$queryRawUnsafe<Array<{ count: bigint }>>(`SELECT count(*) AS count FROM "${table}"`)
  return Number(rows[0].count)
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.prisma, { password: 'demo1234', logger: pino({ level: 'silent' }) })
})

afterAll(async () => {
  await database.drop()
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${database.name}_%`])
  for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`)
  await admin.end()
  fs.rmSync(backupDir, { recursive: true, force: true })
})

describe('backups on an external PostgreSQL', () => {
  it('writes a custom-format dump and a manifest with the counts of the snapshot', async () => {
    const result = await cli(['backup'])
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/^Backup written: .*\.dump/)
    const dumps = fs.readdirSync(backupDir).filter((name) => name.endsWith('.dump'))
    expect(dumps).toHaveLength(1)
    dumpFile = path.join(backupDir, dumps[0])
    expect(fs.readFileSync(dumpFile).subarray(0, 5).toString()).toBe('PGDMP') // custom format
    manifest = JSON.parse(fs.readFileSync(dumpFile.replace(/\.dump$/, '.manifest.json'), 'utf8'))
    expect(manifest.tables['public."Organisation"'].rows).toBe(await count('Organisation'))
    expect(manifest.tables['public."Organisation"'].rows).toBeGreaterThan(10)
    expect(manifest.tables['public."User"'].rows).toBe(await count('User'))
    expect(manifest.migration.latest).toMatch(/^\d{14}_/)
    expect(manifest.dump.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('verifies the dump by restoring it into a scratch database', async () => {
    const result = await cli(['verify', dumpFile])
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/^Backup OK: .* matching its manifest/)
  })

  it('fails loudly on a flipped byte and on a truncated file', async () => {
    const flipped = path.join(backupDir, 'flipped.dump')
    const bytes = fs.readFileSync(dumpFile)
    bytes[Math.floor(bytes.length / 2)] ^= 0xff
    fs.writeFileSync(flipped, bytes)
    fs.copyFileSync(dumpFile.replace(/\.dump$/, '.manifest.json'), flipped.replace(/\.dump$/, '.manifest.json'))
    const flippedResult = await cli(['verify', flipped])
    expect(flippedResult.code).toBe(1)
    expect(flippedResult.output).toMatch(/^Backup FAILED: CORRUPTED: flipped\.dump has sha256/)

    const truncated = path.join(backupDir, 'truncated.dump')
    fs.writeFileSync(truncated, fs.readFileSync(dumpFile).subarray(0, 4096))
    fs.copyFileSync(dumpFile.replace(/\.dump$/, '.manifest.json'), truncated.replace(/\.dump$/, '.manifest.json'))
    const truncatedResult = await cli(['verify', truncated])
    expect(truncatedResult.code).toBe(1)
    expect(truncatedResult.output).toMatch(/^Backup FAILED: CORRUPTED: truncated\.dump has 4096 bytes/)

    // A failed restore leaves the data as it was.
    const before = await count('Organisation')
    const restore = await cli(['restore', truncated, '--yes'])
    expect(restore.code).toBe(1)
    expect(await count('Organisation')).toBe(before)
  })

  it('refuses to restore without confirmation, and while an app node is connected unless forced', async () => {
    const unconfirmed = await cli(['restore', dumpFile])
    expect(unconfirmed.code).toBe(1)
    expect(unconfirmed.output.trim()).toBe('Restore cancelled: confirm at the prompt, or pass --yes.')

    // An open connection stands for a running node.
    const node = new pg.Client({ connectionString: database.url })
    await node.connect()
    const refused = await cli(['restore', dumpFile, '--yes']).finally(() => node.end())
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/connection\(s\) to .* are open \(app nodes still running\?\): stop them .* or add --force/)
    expect(await count('Organisation')).toBe(manifest.tables['public."Organisation"'].rows)
  })

  it('restores the backup over changed data, keeping the previous database', async () => {
    await database.prisma.$executeRawUnsafe(`DELETE FROM "Interaction"`)
    await database.prisma.$executeRawUnsafe(`UPDATE "Organisation" SET name = name || ' (changed)'`)
    await database.prisma.$disconnect()
    const restored = await cli(['restore', dumpFile, '--yes', '--force'])
    expect(restored.code, restored.output).toBe(0)
    const previous = /kept in database "([^"]+)"/.exec(restored.output)![1]

    const check = new pg.Client({ connectionString: database.url })
    await check.connect()
    const changed = await check.query(`SELECT count(*)::int AS n FROM "Organisation" WHERE name LIKE '% (changed)'`)
    const interactions = await check.query(`SELECT count(*)::int AS n FROM "Interaction"`)
    await check.end()
    expect(changed.rows[0].n).toBe(0)
    expect(interactions.rows[0].n).toBe(manifest.tables['public."Interaction"'].rows)

    const verify = await cli(['verify', dumpFile])
    expect(verify.code, verify.output).toBe(0)
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
    await admin.connect()
    const kept = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [previous])
    await admin.end()
    expect(kept.rowCount).toBe(1)
  })
})
