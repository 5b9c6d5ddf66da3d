import type { ReactNode } from 'react'
import { SearchX, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { errorKind } from '../lib/errors.ts'
import { Button } from './ui/button.tsx'
import { EmptyState } from './ui/empty-state.tsx'
import { LoadMore } from './ui/pagination.tsx'
import { RetryAlert } from './ui/retry-alert.tsx'
import { TableSkeleton } from './ui/table-skeleton.tsx'

/** What a record list shows of its infinite query. */
interface ListQuery {
  isPending: boolean
  isError: boolean
  data?: unknown
  error: unknown
  isFetching: boolean
  hasNextPage: boolean
  isFetchingNextPage: boolean
  refetch: () => unknown
  fetchNextPage: () => unknown
}

/** The lists sharing this layout; each has the same `list` messages. */
type ListMessages = 'mandate.list' | 'person.list' | 'product.list'

interface RecordListProps {
  query: ListQuery
  messages: ListMessages
  /** Rows loaded so far, and how many match in all. */
  shown: number
  total: number
  skeletonColumns: number
  /** Search or filters are set: an empty list is "no match", with a way to clear them. */
  filtered: boolean
  onClearFilters: () => void
  emptyIcon: LucideIcon
  /** Offered on an empty, unfiltered list (create the first record). */
  emptyAction?: ReactNode
  /** The table of the rows loaded. */
  children: ReactNode
}

/** A record list's loading, error, empty, no-match and loaded states, with "load more". */
export function RecordList({
  query,
  messages,
  shown,
  total,
  skeletonColumns,
  filtered,
  onClearFilters,
  emptyIcon,
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
          <Button variant="secondary" onClick={onClearFilters}>
            {t(`${messages}.clearFilters`)}
          </Button>
        }
      />
    ) : (
      <EmptyState icon={emptyIcon} title={t(`${messages}.emptyTitle`)} description={t(`${messages}.emptyText`)} action={emptyAction} />
    )
  }
  return (
    <div className="space-y-4">
      {children}
      <LoadMore
        summary={t(`${messages}.count`, { shown, count: total })}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loadMoreLabel={t(`${messages}.loadMore`)}
      />
    </div>
  )
}
