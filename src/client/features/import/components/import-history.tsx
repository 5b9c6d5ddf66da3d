import { useQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ImportCounts } from '../../../../shared/schemas/import.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

/** Who imported what, when, with what outcome; a row opens that import (its report, undo). */
export function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const list = useQuery(trpc.imports.list.queryOptions({ limit: 50 }))
  if (list.isPending) return <TableSkeleton rows={3} columns={4} label={t('common.loading')} />
  if (list.isError) return <RetryAlert title={t('import.history.loadError')} description={t('errors.unreachable')} retryLabel={t('common.retry')} onRetry={() => void list.refetch()} retrying={list.isFetching} />
  if (list.data.items.length === 0) return <EmptyState icon={History} title={t('import.history.empty')} description={t('import.history.emptyText')} />
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="import-history">
      {list.data.items.map((item) => {
        const counts = item.counts as ImportCounts | null
        const created = counts ? counts.organisations.create + counts.people.create : 0
        const updated = counts ? counts.organisations.update + counts.people.update : 0
        const skipped = counts ? counts.organisations.skip + counts.people.skip : 0
        return (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onOpen(item.id)}
              className="flex w-full flex-col gap-1 px-1 py-3 text-left hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 sm:flex-row sm:items-center sm:gap-4 dark:hover:bg-zinc-900"
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{item.fileName}</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {item.createdBy?.name ?? '—'} · <FormattedDate value={item.createdAt} format="dateTime" /> · {item.team.name}
                </span>
              </span>
              {counts && item.status !== 'DRAFT' && (
                <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" title={t('import.history.counts')}>
                  {created} / {updated} / {skipped}
                </span>
              )}
              <Badge tone={item.status === 'SUCCEEDED' ? 'accent' : 'neutral'}>{t(`import.status.${item.status}`)}</Badge>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
