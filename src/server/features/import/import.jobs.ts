import type { CronItem } from 'graphile-worker'
import type pg from 'pg'
import type { JobHandler } from '../../jobs/queue.ts'
import type { ServerDeps } from '../../trpc/context.ts'
import { runImport } from './import.run.ts'
import { IMPORT_JOB, purgeUnstartedImports, PURGE_IMPORTS_JOB } from './import.service.ts'

/** The purge of unstarted uploads: hourly, once across nodes (graphile-worker's cron). */
export const IMPORT_CRONTAB: CronItem[] = [{ task: PURGE_IMPORTS_JOB, match: '23 * * * *', identifier: PURGE_IMPORTS_JOB, options: { backfillPeriod: 0, maxAttempts: 1 } }]

/** The imports' background work, registered in jobs/tasks.ts; a run's transaction takes a connection of `sqlPool`. */
export function importJobs(deps: ServerDeps, sqlPool: pg.Pool): Record<string, JobHandler> {
  return {
    [IMPORT_JOB]: async (payload, { signal }) => {
      if (typeof payload.importId !== 'string') return
      await runImport({ ...deps, sqlPool }, payload.importId, signal)
    },
    [PURGE_IMPORTS_JOB]: async (_payload, { logger }) => {
      const purged = await purgeUnstartedImports(deps.prisma)
      if (purged > 0) logger.info({ purged }, 'unstarted imports purged')
    },
  }
}
