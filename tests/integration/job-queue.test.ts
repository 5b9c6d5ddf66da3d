import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import pg from 'pg'
import { addJob, addJobs } from '../../src/server/jobs/queue.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { TEST_REDIS_URL } from '../support/env.ts'

// The one job queue, as two nodes run it on one database: each job runs exactly once, a failing job
// is retried, and a job added in a rolled-back transaction never runs.

let database: TestDatabase
const nodes: RunningApp[] = []

async function startNode(name: string): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${database.name}:`,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    NODE_ID: name,
  })
  return startApp(config, pino({ level: 'silent' }))
}

async function runsOf(key: string): Promise<Array<{ node: string; attempt: number }>> {
  const rows = await database.prisma.$queryRaw<Array<{ node: string; attempt: number }>>`
    SELECT node, attempt FROM test_job_runs WHERE key = ${key} ORDER BY at`
  return rows
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read().catch(() => undefined as T)
    if (value !== undefined && done(value)) return value
    if (Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  database = await createTestDatabase()
  nodes.push(await startNode('node-a'), await startNode('node-b'))
  await database.prisma.$executeRaw`
    CREATE TABLE IF NOT EXISTS test_job_runs (key text NOT NULL, node text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`
})

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()))
  await database.drop()
})

describe('job queue', () => {
  it('runs each of 40 jobs exactly once across two nodes', async () => {
    await database.prisma.$transaction(async (tx) => {
      for (let index = 0; index < 40; index++) await addJob(tx, 'test.record', { key: `once-${index}` })
    })
    const rows = await waitFor(
      () => database.prisma.$queryRaw<Array<{ key: string; count: bigint }>>`
        SELECT key, count(*) AS count FROM test_job_runs WHERE key LIKE 'once-%' GROUP BY key`,
      (value) => value.length === 40,
    )
    expect(rows).toHaveLength(40)
    expect(rows.every((row) => Number(row.count) === 1)).toBe(true)
  })

  it('retries a failing job until it succeeds', async () => {
    await addJob(database.prisma, 'test.record', { key: 'retry', failTimes: 1 })
    const runs = await waitFor(() => runsOf('retry'), (value) => value.length >= 2)
    expect(runs.map((run) => run.attempt)).toEqual([1, 2])
  })

  it('loses no batch item when a worker locks the batch job while items are being added', async () => {
    // A task no node runs: this test plays the worker, locking the waiting job of the key again and
    // again while 300 items are added to it one by one (a job locked between add_jobs' unkeying of
    // locked jobs and its merge into the waiting one used to drop the items being added).
    const key = 'batch-race'
    const locker = new pg.Client({ connectionString: database.url })
    await locker.connect()
    let locking = true
    const locking$ = (async () => {
      while (locking) {
        await locker.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE key = $1 AND locked_at IS NULL`, [key])
      }
    })()
    try {
      for (let index = 0; index < 300; index++) {
        await addJobs(database.prisma, [{ name: 'test.batch-race', payload: [{ item: index }], options: { jobKey: key } }])
      }
    } finally {
      locking = false
      await locking$
      await locker.end()
    }
    const rows = await database.prisma.$queryRaw<Array<{ item: number }>>`
      SELECT (element->>'item')::int AS item
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id, json_array_elements(j.payload) AS element
      WHERE t.identifier = 'test.batch-race'`
    expect(new Set(rows.map((row) => row.item)).size).toBe(300)
  })

  it('never runs a job whose transaction rolled back', async () => {
    await expect(
      database.prisma.$transaction(async (tx) => {
        await addJob(tx, 'test.record', { key: 'rolled-back' })
        throw new Error('abort the write')
      }),
    ).rejects.toThrow('abort the write')
    await addJob(database.prisma, 'test.record', { key: 'after-rollback' })
    await waitFor(() => runsOf('after-rollback'), (value) => value.length === 1)
    expect(await runsOf('rolled-back')).toEqual([])
  })
})
