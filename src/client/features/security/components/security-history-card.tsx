import { useInfiniteQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { AuditEntries } from './audit-entries.tsx'

/** What happened to one's own account: sign-ins and failures, changes, by whom and from where. */
export function SecurityHistoryCard() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const history = useInfiniteQuery(
    trpc.auth.securityHistory.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  )
  const entries = history.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <Card data-testid="security-history">
      <CardHeader>
        <CardTitle>{t('security.history.title')}</CardTitle>
        <CardDescription>{t('security.history.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {history.isPending ? (
          <div className="space-y-2" aria-label={t('common.loading')} aria-busy>
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : history.isError ? (
          <RetryAlert
            title={t('security.history.loadError')}
            description={requestErrorMessage(history.error, t)}
            retryLabel={t('common.retry')}
            onRetry={() => void history.refetch()}
            retrying={history.isFetching}
          />
        ) : entries.length === 0 ? (
          <EmptyState icon={History} title={t('security.history.empty')} />
        ) : (
          <>
            <AuditEntries entries={entries} showUser={false} />
            <LoadMore
              summary={t('security.history.shown', { count: entries.length })}
              hasMore={Boolean(history.hasNextPage)}
              loading={history.isFetchingNextPage}
              onLoadMore={() => void history.fetchNextPage()}
              loadMoreLabel={t('security.history.loadMore')}
            />
          </>
        )}
      </CardContent>
    </Card>
  )
}
