import type { z } from 'zod'
import type { notificationListInput, notificationMarkReadInput } from '../../../shared/schemas/notification.ts'
import { appendEvent } from '../../events/event-log.ts'
import { listPage } from '../paging.ts'
import type { ServiceContext } from '../scope.ts'

// Notifications are personal: every query is restricted to the caller as recipient.

export async function listNotifications(ctx: ServiceContext, input: z.output<typeof notificationListInput>) {
  const [page, unreadCount] = await Promise.all([
    listPage(ctx.prisma.notification, {
      where: { recipientId: ctx.viewer.id, ...(input.unreadOnly ? { readAt: null } : {}) },
      scope: { recipientId: ctx.viewer.id },
      sort: { keyset: ['createdAt'] },
      direction: 'desc',
      cursor: input.cursor,
      limit: input.limit,
    }),
    unreadCountOf(ctx),
  ])
  return { ...page, unreadCount }
}

export function unreadCountOf(ctx: ServiceContext): Promise<number> {
  return ctx.prisma.notification.count({ where: { recipientId: ctx.viewer.id, readAt: null } })
}

/** Marks notifications read; the event updates the bell in the user's other tabs and devices. */
export async function markRead(ctx: ServiceContext, input: z.output<typeof notificationMarkReadInput> | { all: true }) {
  return ctx.prisma.$transaction(async (tx) => {
    const now = new Date()
    const { count } = await tx.notification.updateMany({
      where: { recipientId: ctx.viewer.id, readAt: null, ...('ids' in input ? { id: { in: input.ids } } : {}) },
      data: { readAt: now },
    })
    const unreadCount = await tx.notification.count({ where: { recipientId: ctx.viewer.id, readAt: null } })
    if (count > 0) {
      await appendEvent(tx, {
        type: 'notification.read',
        entity: 'notification',
        entityId: ctx.viewer.id,
        teamId: null,
        actorId: ctx.viewer.id,
        payload: { recipientId: ctx.viewer.id, ids: 'ids' in input ? input.ids : 'all', readAt: now.toISOString(), unreadCount },
      })
    }
    return { updated: count, unreadCount }
  })
}
