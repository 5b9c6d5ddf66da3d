import type { ReactNode } from 'react'
import { SearchX, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { errorKind } from '../../lib/errors.ts'
import { Alert } from '../ui/alert.tsx'
import { Button } from '../ui/button.tsx'
import { EmptyState } from '../ui/empty-state.tsx'
import { LoadMore } from '../ui/pagination.tsx'
import { RetryAlert } from '../ui/retry-alert.tsx'
import { TableSkeleton } from '../ui/table-skeleton.tsx'

/** What a record list shows of its infinite query. */
interface ListQuery {
  isPending: boolean
  isError: boolean
  isFetchNextPageError: boolean
  data?: unknown
  error: unknown
  isFetching: boolean
  hasNextPage: boolean
  isFetchingNextPage: boolean
  refetch: () => unknown
  fetchNextPage: () => unknown
}

/** The lists sharing this layout; each has the same `list` messages (loadError, empty…, noMatch…, loadMore). */
type ListMessages = 'mandate.list' | 'person.list' | 'product.list' | 'organisation.list' | 'activityList.list'

interface RecordListProps {
  query: ListQuery
  messages: ListMessages
  /** How many rows are loaded and how many match, e.g. "25 of 140". */
  summary: ReactNode
  /** Rows loaded so far. */
  shown: number
  skeletonColumns: number
  /** Search or filters are set: an empty list is "no match". */
  filtered: boolean
  /** Offered on a "no match" list, unless the filters carry their own reset. */
  clearFilters?: { label: string; onClear: () => void }
  emptyIcon: LucideIcon
  /** Replaces the empty list's text (what a writer can do differs from what a reader can). */
  emptyText?: string
  /** Offered on an empty, unfiltered list (create the first record). */
  emptyAction?: ReactNode
  /** The table of the rows loaded. */
  children: ReactNode
}

/** A record list's loading, error, empty, no-match and loaded states, with "load more". */
export function RecordList({
  query,
  messages,
  summary,
  shown,
  skeletonColumns,
  filtered,
  clearFilters,
  emptyIcon,
  emptyText,
  emptyAction,
  children,
}: RecordListProps) {
  const { t } = useTranslation()
  if (query.isPending) return <TableSkeleton columns={skeletonColumns} label={t('common.loading')} />
  if (query.isError && !query.data) {
    return (
      <RetryAlert
        title={t(`${messages}.loadError`)}
        description={errorKind(query.error) === 'unreachable' ? t('errors.unreachable') : t('errors.server')}
        retryLabel={t('common.retry')}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    )
  }
  if (shown === 0) {
    return filtered ? (
      <EmptyState
        icon={SearchX}
        title={t(`${messages}.noMatchTitle`)}
        description={t(`${messages}.noMatchText`)}
        action={
          clearFilters && (
            <Button variant="secondary" onClick={clearFilters.onClear}>
              {clearFilters.label}
            </Button>
          )
        }
      />
    ) : (
      <EmptyState
        icon={emptyIcon}
        title={t(`${messages}.emptyTitle`)}
        description={emptyText ?? t(`${messages}.emptyText`)}
        action={emptyAction}
      />
    )
  }
  return (
    <div className="space-y-4">
      {children}
      {query.isFetchNextPageError && <Alert tone="error">{t('errors.server')}</Alert>}
      <LoadMore
        summary={summary}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loadMoreLabel={t(`${messages}.loadMore`)}
      />
    </div>
  )
}
