import { recordChange } from '../cache/invalidation.ts'
import type { PrismaClient } from '../db/client.ts'
import { notify } from '../features/notification/notification.projector.ts'
import type { Logger } from '../logger.ts'

const BATCH_SIZE = 200
/** Claimed this long after its deadline or later (created late, scheduler down), it is "overdue". */
const OVERDUE_AFTER_MS = 10 * 60_000

/**
 * Notifies assignees of tasks falling due, or found already overdue, exactly once per task across
 * all nodes (the two are worded differently): each due task
 * is claimed by setting `dueNotifiedAt` (rows locked with SKIP LOCKED), in the same transaction
 * as its notification, so two nodes never claim the same task and a crash claims nothing.
 */
export async function notifyDueTasks(prisma: PrismaClient, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<
      Array<{ id: string; title: string; dueAt: Date; assigneeId: string | null; createdById: string | null; teamId: string }>
    >`
      UPDATE "Task" SET "dueNotifiedAt" = ${now}
      WHERE id IN (
        SELECT id FROM "Task"
        WHERE "dueAt" <= ${now} AND "dueNotifiedAt" IS NULL AND status IN ('OPEN', 'IN_PROGRESS')
        ORDER BY "dueAt"
        LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, title, "dueAt", "assigneeId", "createdById", "teamId"`
    // The claim changes the tasks as records show them, even when nobody is left to notify.
    for (const task of due) recordChange({ entity: 'task', teamId: task.teamId, payload: {} })
    await notify(
      tx,
      due.map((task) => ({
        type: 'TASK_DUE' as const,
        recipientIds: [task.assigneeId ?? task.createdById],
        link: `/tasks/${task.id}`,
        params: {
          title: task.title,
          state: now.getTime() - task.dueAt.getTime() >= OVERDUE_AFTER_MS ? 'overdue' : 'soon',
          dueAt: task.dueAt.toISOString(),
        },
        eventId: null,
        actorId: null,
      })),
    )
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
