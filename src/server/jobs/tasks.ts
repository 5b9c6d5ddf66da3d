import type pg from 'pg'
import { IMPORT_CRONTAB, importJobs } from '../features/import/import.jobs.ts'
import type { ServerDeps } from '../trpc/context.ts'
import { backupJobs } from '../features/backup/backup.jobs.ts'
import { DELIVER_JOB } from '../features/webhook/webhook.delivery.ts'
import { webhookJobs } from '../features/webhook/webhook.jobs.ts'
import type { JobHandler } from './queue.ts'

/** Webhook attempts run in a lane of their own, eight at a time per node (see `lanes` in queue.ts). */
export const JOB_LANES = [{ tasks: [DELIVER_JOB], concurrency: 8 }]

/** Recurring jobs, fired once across nodes by the queue's cron (see `crontab` in queue.ts). */
export const JOB_CRONTAB = [...IMPORT_CRONTAB]

/**
 * Every background job the server runs, by name. A feature that needs background work adds its
 * handlers here (`...webhookJobs(deps)`), and enqueues them with `addJob(tx, name, payload)` in the
 * transaction of the write that asks for them. `sqlPool`: the database's bare connections (db/sql.ts).
 */
export function jobHandlers(deps: ServerDeps, sqlPool: pg.Pool): Record<string, JobHandler> {
  return {
    /** A no-op the health checks and tests use to prove the queue runs jobs. */
    'queue.ping': async (_payload, { logger }) => {
      logger.debug('queue ping')
    },
    ...importJobs(deps, sqlPool),
    ...backupJobs(deps),
    ...webhookJobs(deps.webhooks),
    ...(deps.config.NODE_ENV === 'test' ? testJobHandlers(deps) : {}),
  }
}

/** Jobs that exist only to test the queue itself (NODE_ENV=test). */
function testJobHandlers(deps: ServerDeps): Record<string, JobHandler> {
  return {
    'test.record': async (payload, { attempt }) => {
      await deps.prisma.$executeRaw`
        CREATE TABLE IF NOT EXISTS test_job_runs (key text NOT NULL, node text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`
      await deps.prisma.$executeRaw`INSERT INTO test_job_runs (key, node, attempt) VALUES (${String(payload.key)}, ${deps.config.nodeId}, ${attempt})`
      if (typeof payload.failTimes === 'number' && attempt <= payload.failTimes) throw new Error(`planned failure ${attempt}`)
    },
  }
}
