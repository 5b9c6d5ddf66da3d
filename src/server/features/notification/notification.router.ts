import { notificationListInput, notificationMarkReadInput, notificationOnNewInput } from '../../../shared/schemas/notification.ts'
import { liveEvents } from '../../events/subscription.ts'
import { protectedProcedure, router } from '../../trpc/trpc.ts'
import { listNotifications, markRead, unreadCountOf } from './notification.service.ts'

export const notificationRouter = router({
  list: protectedProcedure.input(notificationListInput).query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadCountOf(ctx)),
  markRead: protectedProcedure.input(notificationMarkReadInput).mutation(({ ctx, input }) => markRead(ctx, input)),
  markAllRead: protectedProcedure.mutation(({ ctx }) => markRead(ctx, { all: true })),
  /** The caller's notifications (created and read), live; resumes after `lastEventId`. */
  onNew: protectedProcedure.input(notificationOnNewInput).subscription(({ ctx, input, signal }) =>
    liveEvents(ctx.liveFeed, ctx.viewer, {
      lastEventId: input?.lastEventId,
      signal,
      filter: (event) => event.entity === 'notification',
    }),
  ),
})
