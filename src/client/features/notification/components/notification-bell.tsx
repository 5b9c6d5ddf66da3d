import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Bell } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { ConnectionStatus } from '../../live/components/connection-status.tsx'
import { useNotificationLive } from '../hooks/use-notification-live.ts'
import { NotificationPanel } from './notification-panel.tsx'

/** The notification bell of the top bar (live unread count and panel). */
export function NotificationBell() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const count = useQuery(trpc.notifications.unreadCount.queryOptions()).data ?? 0
  useNotificationLive()

  const close = useCallback((restoreFocus: boolean) => {
    setOpen(false)
    if (restoreFocus) buttonRef.current?.focus()
  }, [])

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false)
    }
    // On the document: focus may have left the panel (a button that just became disabled).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true)
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open, close])

  return (
    <>
      <ConnectionStatus />
      <div ref={rootRef} className="relative">
        <button
          ref={buttonRef}
          type="button"
          data-testid="notification-bell"
          aria-label={count > 0 ? t('notification.bell.labelUnread', { count }) : t('notification.bell.label')}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          aria-haspopup="dialog"
          onClick={() => setOpen((value) => !value)}
          className={cn(
            'relative flex size-10 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900',
            'dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white',
            open && 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white',
            focusRing,
          )}
        >
          <Bell aria-hidden className="size-5" />
          {count > 0 && (
            <span
              aria-hidden
              data-testid="notification-count"
              className="absolute top-1 right-1 flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] leading-none font-semibold text-white tabular-nums ring-2 ring-white dark:bg-rose-500 dark:ring-zinc-900"
            >
              {count > 99 ? '99+' : count}
            </span>
          )}
        </button>
        {open && <NotificationPanel id={panelId} onClose={close} />}
      </div>
    </>
  )
}
