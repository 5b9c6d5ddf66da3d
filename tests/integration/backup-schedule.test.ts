import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { BACKUP_SCHEDULE_KEY, scheduleBackups } from '../../src/server/features/backup/backup.jobs.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

// Automatic backups on the job queue, as two nodes run them on one database: a due backup runs once,
// the next one is scheduled, older files are pruned; a failing one notifies the admins.

let database: TestDatabase
const nodes: RunningApp[] = []
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-scheduled-'))
const backupDir = path.join(root, 'backups')

async function startNode(name: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: 'demo1234',
    NODE_ID: name,
    BACKUP_INTERVAL_HOURS: '6',
    BACKUP_DIR: backupDir,
    BACKUP_KEEP: '2',
    ...env,
  })
  return startApp(config, pino({ level: 'silent' }))
}

async function waitFor(done: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200))
}

const dumps = () => (fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((name) => name.endsWith('.dump')).sort() : [])
const manifests = () => (fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((name) => name.endsWith('.manifest.json')) : [])

async function pendingRunAt(): Promise<Date | undefined> {
  const rows = await database.prisma.$queryRaw<Array<{ run_at: Date }>>`
    SELECT run_at FROM graphile_worker.jobs WHERE key = ${BACKUP_SCHEDULE_KEY} AND locked_at IS NULL`
  return rows[0]?.run_at
}

beforeAll(async () => {
  database = await createTestDatabase()
  nodes.push(await startNode('node-a'))
  nodes.push(await startNode('node-b', { SEED_DEMO: 'false' }))
}, 240_000)

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()))
  await database.drop()
  fs.rmSync(root, { recursive: true, force: true })
})

describe('scheduled backups', () => {
  it('schedules one pending backup across nodes, and restarts keep its time', async () => {
    const runAt = await pendingRunAt()
    expect(runAt).toBeDefined()
    expect(runAt!.getTime() - Date.now()).toBeGreaterThan(5 * 3_600_000)
    await scheduleBackups(database.prisma, 6) // what a third node's start does
    expect((await pendingRunAt())!.getTime()).toBe(runAt!.getTime())
  })

  it('runs a due backup exactly once over two nodes, schedules the next and keeps the newest N', async () => {
    for (let round = 1; round <= 3; round++) {
      await scheduleBackups(database.prisma, 6, new Date(), 'replace')
      await waitFor(() => manifests().length >= Math.min(round, 2) && dumps().length >= Math.min(round, 2))
      await waitFor(async () => ((await pendingRunAt())?.getTime() ?? 0) > Date.now() + 5 * 3_600_000)
      // A little longer: a second run would show up as a second file.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect(dumps()).toHaveLength(Math.min(round, 2))
    }
    const next = await pendingRunAt()
    expect(next!.getTime() - Date.now()).toBeGreaterThan(5.9 * 3_600_000)
    const jobs = await database.prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS count FROM graphile_worker.jobs WHERE task_identifier = 'backup.run' AND locked_at IS NULL`
    expect(Number(jobs[0].count)).toBe(1)
  })

  it('notifies the admins when a backup fails, and keeps the schedule', async () => {
    await Promise.all(nodes.splice(0).map((node) => node.close()))
    const blocked = path.join(root, 'not-a-folder')
    fs.writeFileSync(blocked, 'a file where the backup folder should be')
    nodes.push(await startNode('node-c', { BACKUP_DIR: blocked }))
    const admin = await database.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } })
    await scheduleBackups(database.prisma, 6, new Date(), 'replace')
    await waitFor(async () => (await database.prisma.notification.count({ where: { recipientId: admin.id, type: 'SYSTEM' } })) > 0)
    const notification = await database.prisma.notification.findFirstOrThrow({ where: { recipientId: admin.id, type: 'SYSTEM' } })
    expect(notification.title).toMatch(/sauvegarde automatique a échoué|automatic backup failed/)
    expect(notification.body).toMatch(/EEXIST|ENOTDIR|not-a-folder/)
    expect((await pendingRunAt())!.getTime()).toBeGreaterThan(Date.now() + 5 * 3_600_000)
  })
})
