import { useCallback, useEffect, useId, useRef } from 'react'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { BellOff, CheckCheck } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useMarkRead } from '../hooks/use-mark-read.ts'
import { PANEL_LIST_INPUT, type NotificationItem as Notification } from '../notification-cache.ts'
import { useNow } from '../relative-time.ts'
import { NotificationItem } from './notification-item.tsx'

interface NotificationPanelProps {
  id: string
  /** `restoreFocus`: give focus back to the bell (Escape, following a link elsewhere does not). */
  onClose: (restoreFocus: boolean) => void
}

export function NotificationPanel({ id, onClose }: NotificationPanelProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const router = useRouter()
  const titleId = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  const now = useNow()
  const { markRead, markAllRead } = useMarkRead()
  const markAsRead = markRead.mutate
  const unreadCount = useQuery(trpc.notifications.unreadCount.queryOptions()).data ?? 0
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(PANEL_LIST_INPUT, { getNextPageParam: (page) => page.nextCursor }),
  )
  const items = list.data?.pages.flatMap((page) => page.items) ?? []

  useEffect(() => panelRef.current?.focus(), [])

  const open = useCallback(
    (notification: Notification) => {
      if (notification.readAt === null) markAsRead({ ids: [notification.id] })
      onClose(false)
      if (notification.link) void router.navigate({ href: notification.link })
    },
    [markAsRead, onClose, router],
  )

  return (
    <div
      ref={panelRef}
      id={id}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="notification-panel"
      className={cn(
        // On phones the bell is not at the edge: the panel spans the screen instead of hanging off it.
        'fixed inset-x-2 top-16 z-50 flex max-h-[min(34rem,calc(100dvh-6rem))] flex-col overflow-hidden sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96',
        'rounded-xl border border-zinc-200 bg-white shadow-lg outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40',
      )}
    >
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id={titleId} className="text-sm font-semibold text-zinc-900 dark:text-white">
          {t('notification.panel.title')}
        </h2>
        <Button
          variant="ghost"
          size="sm"
          className="-mr-2"
          disabled={unreadCount === 0}
          onClick={() => {
            markAllRead.mutate()
            // The button is about to be disabled: keep focus inside the panel.
            panelRef.current?.focus()
          }}
        >
          <CheckCheck aria-hidden className="size-4" />
          {t('notification.panel.markAllRead')}
        </Button>
      </div>
      {(markRead.isError || markAllRead.isError) && (
        <Alert tone="error" className="m-3">
          {t('notification.panel.markFailed')}
        </Alert>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
        {list.isPending ? (
          <div aria-busy="true" className="space-y-1 p-4">
            <span role="status" className="sr-only">
              {t('common.loading')}
            </span>
            {Array.from({ length: 4 }, (_, index) => (
              <div key={index} className="flex gap-3 py-2">
                <Skeleton className="size-8 rounded-full" />
                <div className="flex-1 space-y-2">
                  <Skeleton className="h-4 w-3/4" />
                  <Skeleton className="h-3 w-1/2" />
                </div>
              </div>
            ))}
          </div>
        ) : list.isError ? (
          <RetryAlert
            className="m-3"
            title={t('notification.panel.errorTitle')}
            description={t('notification.panel.error')}
            retryLabel={t('common.retry')}
            retrying={list.isFetching}
            onRetry={() => void list.refetch()}
          />
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-12 text-center">
            <span className="flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
              <BellOff aria-hidden className="size-5" />
            </span>
            <p className="mt-3 text-sm font-medium text-zinc-900 dark:text-white">{t('notification.panel.emptyTitle')}</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('notification.panel.empty')}</p>
          </div>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {items.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} now={now} onOpen={open} />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="border-t border-zinc-100 p-2 dark:border-zinc-800">
            <Button
              variant="ghost"
              size="sm"
              className="w-full"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('notification.panel.loadMore')}
            </Button>
          </div>
        )}
      </div>
    </div>
  )
}
