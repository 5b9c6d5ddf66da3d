import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import { countCachedUnread, markNotificationsRead } from '../notification-cache.ts'

/**
 * Marking read shows at once. The final count comes from the `notification.read` live event rather
 * than from the HTTP answer, which may arrive after a newer notification's event and undo it.
 */
export function useMarkRead() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const countKey = trpc.notifications.unreadCount.queryKey()

  const resync = () => {
    void queryClient.invalidateQueries(trpc.notifications.list.pathFilter())
    void queryClient.invalidateQueries({ queryKey: countKey })
  }

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: ({ ids }) => {
        const newlyRead = countCachedUnread(queryClient, trpc, ids)
        markNotificationsRead(queryClient, trpc, ids, new Date())
        queryClient.setQueryData(countKey, (count) => Math.max(0, (count ?? 0) - newlyRead))
      },
      onError: resync,
    }),
  )

  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onMutate: () => {
        markNotificationsRead(queryClient, trpc, 'all', new Date(), 0)
        queryClient.setQueryData(countKey, 0)
      },
      onError: resync,
    }),
  )

  return { markRead, markAllRead }
}
