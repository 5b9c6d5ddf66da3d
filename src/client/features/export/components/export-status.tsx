import { useEffect } from 'react'
import { CircleAlert, CircleCheck, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ExportProgress } from '../../../../shared/schemas/export.ts'
import { Button } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import type { ExportState } from '../hooks/use-export.ts'

const FORMAT_NAMES = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF' } as const

interface ExportStatusProps {
  state: Exclude<ExportState, { status: 'idle' }>
  progress: ExportProgress | null
  limit: string
  onCancel: () => void
  onDismiss: () => void
}

/** A card at the bottom of the screen: progress with "Annuler" while an export runs, then its outcome. */
export function ExportStatus({ state, progress, limit, onCancel, onDismiss }: ExportStatusProps) {
  const { t, i18n } = useTranslation()
  const format = FORMAT_NAMES[state.choice.format]
  const number = (value: number) => value.toLocaleString(i18n.language).replace(/[\u202f\u00a0]/g, ' ')

  useEffect(() => {
    if (state.status !== 'done' && state.status !== 'cancelled') return
    const timer = setTimeout(onDismiss, 6_000)
    return () => clearTimeout(timer)
  }, [state.status, onDismiss])

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0
  return (
    <div
      role={state.status === 'failed' ? 'alert' : 'status'}
      data-testid="export-status"
      className={cn(
        'fixed right-4 bottom-4 left-4 z-50 rounded-xl border bg-white p-4 shadow-lg sm:left-auto sm:w-96',
        'border-zinc-200 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40',
      )}
    >
      {state.status === 'running' && (
        <div className="space-y-3">
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{t('export.progress.title', { format })}</p>
          <div
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label={t('export.progress.title', { format })}
            className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          >
            <div className="h-full rounded-full bg-indigo-600 transition-all dark:bg-indigo-400" style={{ width: `${percent}%` }} />
          </div>
          <div className="flex items-center justify-between gap-3 text-xs text-zinc-600 dark:text-zinc-400">
            <span data-testid="export-progress-text">
              {!progress
                ? t('export.progress.preparing')
                : progress.done >= progress.total && state.choice.format !== 'csv'
                  ? t('export.progress.writing')
                  : t('export.progress.rows', { done: number(progress.done), total: number(progress.total) })}
            </span>
            <Button variant="secondary" size="sm" onClick={onCancel} data-testid="export-cancel">
              {t('export.progress.cancel')}
            </Button>
          </div>
        </div>
      )}
      {state.status !== 'running' && (
        <div className="flex items-start gap-3">
          {state.status === 'failed' ? (
            <CircleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600 dark:text-red-400" />
          ) : (
            <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
          )}
          <p className="flex-1 text-sm text-zinc-800 dark:text-zinc-200" data-testid="export-outcome">
            {state.status === 'done' && t('export.progress.done', { fileName: state.fileName })}
            {state.status === 'cancelled' && t('export.progress.cancelled')}
            {state.status === 'failed' && t(`export.errors.${state.failure.kind}`, { limit })}
          </p>
          <button
            type="button"
            onClick={onDismiss}
            aria-label={t('export.progress.close')}
            className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      )}
    </div>
  )
}
