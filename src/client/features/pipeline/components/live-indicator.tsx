import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import { useConnectionStatus } from '../../live/hooks/use-live-events.ts'

const DOTS = {
  online: 'bg-emerald-500 ring-4 ring-emerald-500/15',
  connecting: 'bg-zinc-400',
  offline: 'bg-amber-500 ring-4 ring-amber-500/15',
} as const

/** Whether the board is receiving others' moves right now. */
export function LiveIndicator() {
  const { t } = useTranslation()
  const status = useConnectionStatus()
  return (
    <span
      data-testid="pipeline-live-status"
      data-status={status}
      className="inline-flex h-8 items-center gap-2 rounded-full border border-zinc-200 bg-white px-3 text-xs font-medium text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
    >
      {/* No endless animation here: it would repaint the page forever for a detail. */}
      <span aria-hidden className={cn('size-2 rounded-full', DOTS[status])} />
      {t(`pipeline.live.${status}`)}
    </span>
  )
}
