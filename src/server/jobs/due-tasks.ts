import type { PrismaClient } from '../db/client.ts'
import { notify } from '../features/notification/notification.projector.ts'
import type { Logger } from '../logger.ts'

const BATCH_SIZE = 200

/**
 * Notifies assignees of tasks falling due, exactly once per task across all nodes: each due task
 * is claimed by setting `dueNotifiedAt` (rows locked with SKIP LOCKED), in the same transaction
 * as its notification, so two nodes never claim the same task and a crash claims nothing.
 */
export async function notifyDueTasks(prisma: PrismaClient, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Array<{ id: string; title: string; assigneeId: string | null; createdById: string | null }>>`
      UPDATE "Task" SET "dueNotifiedAt" = ${now}
      WHERE id IN (
        SELECT id FROM "Task"
        WHERE "dueAt" <= ${now} AND "dueNotifiedAt" IS NULL AND status IN ('OPEN', 'IN_PROGRESS')
        ORDER BY "dueAt"
        LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, title, "assigneeId", "createdById"`
    for (const task of due) {
      await notify(tx, {
        type: 'TASK_DUE',
        recipientIds: [task.assigneeId ?? task.createdById],
        link: `/tasks/${task.id}`,
        params: { title: task.title },
        eventId: null,
        actorId: null,
      })
    }
    return due.length
  })
}

/** Runs the due-task check on every node at a fixed interval; claiming makes it fire once overall. */
export function startDueTaskScheduler(deps: { prisma: PrismaClient; logger: Logger }, intervalMs = 15_000) {
  let running: Promise<unknown> | undefined
  const tick = () => {
    if (running) return
    running = notifyDueTasks(deps.prisma)
      .then((count) => {
        if (count > 0) deps.logger.info({ count }, 'due-task notifications sent')
      })
      .catch((error) => deps.logger.warn({ err: (error as Error).message }, 'due-task check failed'))
      .finally(() => (running = undefined))
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
