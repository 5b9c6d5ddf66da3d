import { useState } from 'react'
import { Building2, Plus, SearchX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { useOrganisationList } from '../hooks/use-organisation-list.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import { currentSort, hasFilters, type OrganisationSearch } from '../search.ts'
import { OrganisationCreateDialog } from './organisation-create-dialog.tsx'
import { OrganisationFilters } from './organisation-filters.tsx'
import { OrganisationTable, OrganisationTableSkeleton } from './organisation-table.tsx'

interface OrganisationListPageProps {
  search: OrganisationSearch
  onSearch: (changes: Partial<OrganisationSearch>) => void
}

export function OrganisationListPage({ search, onSearch }: OrganisationListPageProps) {
  const { t } = useTranslation()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const [creating, setCreating] = useState(false)
  const list = useOrganisationList(search)
  const members = useTeamMembers()
  const filtered = hasFilters(search)

  const createButton = canWrite && (
    <Button onClick={() => setCreating(true)} data-testid="organisation-create">
      <Plus aria-hidden className="size-4" />
      {t('organisation.list.create')}
    </Button>
  )

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('organisation.list.title')}
        description={t('organisation.list.description')}
        icon={Building2}
        actions={createButton}
      />

      <OrganisationFilters search={search} onSearch={onSearch} owners={members.data?.items ?? []} />

      {list.isPending ? (
        <OrganisationTableSkeleton />
      ) : list.isError && !list.data ? (
        <RetryAlert
          title={t('organisation.list.errorTitle')}
          description={errorKind(list.error) === 'unreachable' ? t('errors.unreachable') : t('errors.server')}
          retryLabel={t('common.retry')}
          onRetry={() => void list.refetch()}
          retrying={list.isRefetching}
        />
      ) : list.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={SearchX}
            title={t('organisation.list.noMatchTitle')}
            description={t('organisation.list.noMatchText')}
            className="bg-white/50 dark:bg-zinc-900/40"
          />
        ) : (
          <EmptyState
            icon={Building2}
            title={t('organisation.list.emptyTitle')}
            description={canWrite ? t('organisation.list.emptyTextWriter') : t('organisation.list.emptyText')}
            action={createButton}
            className="bg-white/50 dark:bg-zinc-900/40"
          />
        )
      ) : (
        <div className="space-y-4">
          <OrganisationTable
            rows={list.items}
            sort={currentSort(search)}
            onSort={(sort, dir) => onSearch({ sort, dir })}
            stale={list.isPlaceholderData}
          />
          {list.isFetchNextPageError && <Alert tone="error">{t('errors.server')}</Alert>}
          <LoadMore
            summary={
              <span data-testid="organisation-count">
                {list.hasNextPage
                  ? t('organisation.list.shown', { shown: list.items.length, total: list.total })
                  : t('organisation.list.total', { count: list.total })}
              </span>
            }
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
            loadMoreLabel={t('organisation.list.loadMore')}
          />
        </div>
      )}

      <OrganisationCreateDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
