import { useQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

const FORMAT_NAMES = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF' } as const

/** Who exported what, with which filters and how many rows: the team's recent exports, from the event log. */
export function ExportHistoryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const history = useQuery({ ...trpc.exports.history.queryOptions({ limit: 30 }), enabled: open })
  return (
    <Dialog open={open} onClose={onClose} title={t('export.history.title')} description={t('export.history.description')} size="lg" data-testid="export-history">
      {history.isPending ? (
        <div className="space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : history.isError ? (
        <RetryAlert
          title={t('export.history.error')}
          description={t('errors.server')}
          retryLabel={t('common.retry')}
          onRetry={() => void history.refetch()}
          retrying={history.isRefetching}
        />
      ) : history.data.length === 0 ? (
        <EmptyState icon={History} title={t('export.history.empty')} description={t('export.history.emptyText')} />
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {history.data.map((entry) => (
            <li key={entry.id} className="py-2.5 text-sm" data-testid="export-history-entry">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">
                  {t('export.history.line', {
                    who: entry.actorName ?? '—',
                    format: FORMAT_NAMES[entry.format],
                    list: t(`export.lists.${entry.list}`),
                    count: entry.rowCount,
                  })}
                  {entry.status !== 'completed' && (
                    <span className="ml-2 text-xs text-amber-700 dark:text-amber-400">{t(`export.history.status.${entry.status}`)}</span>
                  )}
                </span>
                <FormattedDate value={entry.createdAt} format="dateTime" className="text-xs text-zinc-500 dark:text-zinc-400" />
              </div>
              <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                {entry.filters.length ? entry.filters.map(([label, value]) => `${label} : ${value}`).join(' · ') : t('export.history.noFilters')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
