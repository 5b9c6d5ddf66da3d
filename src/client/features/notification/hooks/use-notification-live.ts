import { useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'
import { addNotification, itemFromPayload, markNotificationsRead } from '../notification-cache.ts'

interface NotificationEventPayload {
  unreadCount?: number
  notification?: unknown
  ids?: string[] | 'all'
  readAt?: string
}

/** Keeps the badge and the panel in step with notifications created or read anywhere (other tabs too). */
export function useNotificationLive(): void {
  const trpc = useTRPC()
  const queryClient = useQueryClient()

  useLiveEvents((event) => {
    if (event.entity !== 'notification') return
    const payload = event.payload as NotificationEventPayload
    const unreadCount = typeof payload.unreadCount === 'number' ? payload.unreadCount : undefined
    if (unreadCount !== undefined) queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), unreadCount)

    if (event.type === 'notification.created') {
      const item = itemFromPayload(payload.notification)
      if (item) addNotification(queryClient, trpc, item, unreadCount ?? 0)
    } else if (event.type === 'notification.read' && payload.ids) {
      const readAt = payload.readAt ? new Date(payload.readAt) : new Date(event.createdAt)
      markNotificationsRead(queryClient, trpc, payload.ids, readAt, unreadCount)
    }
  })
}
