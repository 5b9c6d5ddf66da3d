import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createPrismaClient } from '../../src/server/db/client.ts'
import { migrateDatabase } from '../../src/server/db/migrate.ts'
import { seedDemo } from '../../src/server/db/seed.ts'
import { createBackup, restoreBackup, verifyBackup } from '../../src/server/features/backup/backup.service.ts'
import { ADMIN_DATABASE_URL, databaseUrl } from '../support/env.ts'

export interface BackupFigures {
  organisations: number
  rows: number
  dumpBytes: number
  backupMs: number
  verifyMs: number
  restoreMs: number
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Backup, verify and restore of one database, timed; the restore goes to a throwaway copy. */
async function measure(sourceUrl: string, directory: string): Promise<BackupFigures> {
  const { file, manifest } = await createBackup(sourceUrl, directory)
  const verify = await verifyBackup(file, sourceUrl)
  const target = `alforis_bench_restore_${Date.now()}`
  await admin((client) => client.query(`CREATE DATABASE ${target}`))
  const restore = await restoreBackup(file, databaseUrl(target), { force: true })
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`)
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(restore.previousDatabase)} WITH (FORCE)`)
  })
  return {
    organisations: manifest.tables['public."Organisation"']?.rows ?? 0,
    rows: verify.rows,
    dumpBytes: manifest.dump.bytes,
    backupMs: manifest.durationMs,
    verifyMs: verify.durationMs,
    restoreMs: restore.durationMs,
  }
}

/** The demo data (a fresh database) and the bench database (100,000 organisations). */
export async function benchBackups(benchUrl: string, log: (line: string) => void): Promise<Record<string, BackupFigures>> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-bench-backups-'))
  const demo = `alforis_bench_demo_${Date.now()}`
  try {
    await admin((client) => client.query(`CREATE DATABASE ${demo}`))
    await migrateDatabase(databaseUrl(demo))
    const prisma = createPrismaClient(databaseUrl(demo), 2)
    await seedDemo(prisma, { password: 'demo1234' })
    await prisma.$disconnect()
    log('backup: demo data…')
    const demoFigures = await measure(databaseUrl(demo), directory)
    log('backup: bench database…')
    const bulkFigures = await measure(benchUrl, directory)
    return { 'demo data': demoFigures, 'bench database': bulkFigures }
  } finally {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${demo} WITH (FORCE)`))
    fs.rmSync(directory, { recursive: true, force: true })
  }
}
