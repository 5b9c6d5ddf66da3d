import { memo } from 'react'
import { Bell, Clock, FileSignature, ListChecks, MessageSquare, ShieldAlert, SquareKanban, Webhook, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import type { NotificationItem as Notification } from '../notification-cache.ts'
import { formatRelativeTime } from '../relative-time.ts'

const ICONS: Record<string, LucideIcon> = {
  PIPELINE_UPDATE: SquareKanban,
  NEW_INTERACTION: MessageSquare,
  MANDATE_SIGNED: FileSignature,
  TASK_ASSIGNED: ListChecks,
  TASK_DUE: Clock,
  WEBHOOK_DISABLED: Webhook,
  SECURITY: ShieldAlert,
}

interface NotificationItemProps {
  notification: Notification
  now: number
  onOpen: (notification: Notification) => void
}

export const NotificationItem = memo(function NotificationItem({ notification, now, onOpen }: NotificationItemProps) {
  const { t, i18n } = useTranslation()
  const Icon = ICONS[notification.type] ?? Bell
  const unread = notification.readAt === null
  return (
    <li>
      <button
        type="button"
        data-testid="notification-item"
        data-unread={unread}
        onClick={() => onOpen(notification)}
        className={cn(
          'flex w-full gap-3 px-4 py-3 text-left transition-colors outline-none',
          'hover:bg-zinc-50 focus-visible:bg-zinc-100 dark:hover:bg-zinc-800/60 dark:focus-visible:bg-zinc-800',
          unread && 'bg-indigo-50/50 dark:bg-indigo-500/5',
        )}
      >
        <span
          aria-hidden
          className={cn(
            'mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full',
            unread
              ? 'bg-indigo-100 text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-300'
              : 'bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400',
          )}
        >
          <Icon className="size-4" />
        </span>
        <span className="min-w-0 flex-1">
          <span
            className={cn(
              'block text-sm',
              unread ? 'font-semibold text-zinc-900 dark:text-white' : 'font-medium text-zinc-700 dark:text-zinc-300',
            )}
          >
            {notification.title}
          </span>
          {notification.body && (
            <span className="mt-0.5 line-clamp-2 block text-sm text-zinc-600 dark:text-zinc-400">{notification.body}</span>
          )}
          <time
            dateTime={notification.createdAt.toISOString()}
            title={new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(notification.createdAt)}
            className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400"
          >
            {formatRelativeTime(notification.createdAt, now, i18n.language)}
          </time>
        </span>
        {unread && (
          <span className="mt-2 size-2 shrink-0 rounded-full bg-indigo-600 dark:bg-indigo-400">
            <span className="sr-only">{t('notification.panel.unread')}</span>
          </span>
        )}
      </button>
    </li>
  )
})
