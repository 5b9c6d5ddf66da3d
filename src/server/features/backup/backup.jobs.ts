import type { JobHandler } from '../../jobs/queue.ts'
import type { ServerDeps } from '../../trpc/context.ts'
import { notify } from '../notification/notification.projector.ts'
import type { Db } from '../scope.ts'
import { createBackup, pruneBackups } from './backup.service.ts'

// Automatic backups on the one job queue: a single pending `backup.run` job under one key. Each run
// schedules the next before dumping, so a failed backup never stops the schedule; PostgreSQL hands
// each run to exactly one node.

export const BACKUP_JOB = 'backup.run'
export const BACKUP_SCHEDULE_KEY = 'backup:scheduled'
const HOUR_MS = 3_600_000

/**
 * Called by every node at start: creates the pending run if there is none (an existing one keeps its
 * time, so restarts do not push backups back), or removes it when backups are off.
 */
export async function scheduleBackups(db: Db, intervalHours: number, runAt = new Date(Date.now() + intervalHours * HOUR_MS), mode: 'preserve_run_at' | 'replace' = 'preserve_run_at') {
  if (intervalHours <= 0) {
    await db.$executeRaw`SELECT graphile_worker.remove_job(${BACKUP_SCHEDULE_KEY})`
    return
  }
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      identifier => ${BACKUP_JOB},
      payload => '{}'::json,
      run_at => ${runAt}::timestamptz,
      max_attempts => 1,
      job_key => ${BACKUP_SCHEDULE_KEY},
      job_key_mode => ${mode}
    )`
}

export function backupJobs(deps: ServerDeps): Record<string, JobHandler> {
  return {
    [BACKUP_JOB]: async (_payload, { logger }) => {
      const { BACKUP_INTERVAL_HOURS: hours, BACKUP_DIR: directory, BACKUP_KEEP: keep } = deps.config
      if (hours > 0) await scheduleBackups(deps.prisma, hours, undefined, 'replace')
      try {
        const { file, manifest } = await createBackup(deps.databaseUrl, directory)
        const removed = pruneBackups(directory, keep)
        logger.info({ file, bytes: manifest.dump.bytes, durationMs: manifest.durationMs, removed }, 'automatic backup written')
      } catch (error) {
        await notifyAdmins(deps, (error as Error).message)
        throw error // the queue logs it and reports it to Sentry
      }
    },
  }
}

async function notifyAdmins(deps: ServerDeps, reason: string) {
  const admins = await deps.prisma.user.findMany({ where: { role: 'ADMIN', isActive: true }, select: { id: true } })
  await deps.prisma.$transaction((tx) =>
    notify(tx, [{
      type: 'SYSTEM',
      recipientIds: admins.map((admin) => admin.id),
      link: '/admin',
      eventId: null,
      actorId: null,
      params: {
        titleFr: 'La sauvegarde automatique a échoué',
        bodyFr: `Aucune sauvegarde n'a été écrite : ${reason}`,
        titleEn: 'The automatic backup failed',
        bodyEn: `No backup was written: ${reason}`,
      },
    }]),
  )
}
