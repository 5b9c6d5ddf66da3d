import type { z } from 'zod'
import type { notificationListInput, notificationMarkReadInput } from '../../../shared/schemas/notification.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { ServiceContext } from '../scope.ts'

// Notifications are personal: every query is restricted to the caller as recipient.

export async function listNotifications(ctx: ServiceContext, input: z.output<typeof notificationListInput>) {
  const where = { recipientId: ctx.viewer.id, ...(input.unreadOnly ? { readAt: null } : {}) }
  const [rows, total, unreadCount] = await Promise.all([
    ctx.prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    }),
    ctx.prisma.notification.count({ where }),
    unreadCountOf(ctx),
  ])
  const hasMore = rows.length > input.limit
  const items = hasMore ? rows.slice(0, input.limit) : rows
  return { items, nextCursor: hasMore ? items[items.length - 1].id : null, total, unreadCount }
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
