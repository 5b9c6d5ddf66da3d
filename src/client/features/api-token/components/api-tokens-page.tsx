import { useCallback, useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'
import { KeyRound, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { SettingsNav } from '../../settings/components/settings-nav.tsx'
import { apiTokensQueryOptions } from '../queries.ts'
import type { ApiToken } from '../token-status.ts'
import { ApiTokenCreateDialog } from './api-token-create-dialog.tsx'
import { ApiTokenRevokeDialog } from './api-token-revoke-dialog.tsx'
import { ApiTokenTable } from './api-token-table.tsx'
import { ApiUsageHelp } from './api-usage-help.tsx'
import { loadedRows } from '../../../components/list-page/use-record-list.ts'

type OpenDialog = { kind: 'create' } | { kind: 'revoke'; token: ApiToken } | null

export function ApiTokensPage() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const tokens = useInfiniteQuery(apiTokensQueryOptions(trpc))
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const closeDialog = useCallback(() => setDialog(null), [])
  const { items, total } = loadedRows(tokens.data)
  const openCreate = () => setDialog({ kind: 'create' })

  return (
    <div className="min-w-0 space-y-6">
      <PageHeader
        title={t('admin.tokens.title')}
        description={t('admin.tokens.description')}
        icon={KeyRound}
        actions={
          <Button onClick={openCreate}>
            <Plus aria-hidden className="size-4" />
            {t('admin.tokens.create')}
          </Button>
        }
      />
      <SettingsNav />

      {tokens.isPending ? (
        <TableSkeleton columns={6} rows={3} label={t('common.loading')} />
      ) : tokens.isError ? (
        <RetryAlert
          title={t('admin.tokens.loadError')}
          description={requestErrorMessage(tokens.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void tokens.refetch()}
          retrying={tokens.isFetching}
        />
      ) : items.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title={t('admin.tokens.emptyTitle')}
          description={t('admin.tokens.emptyText')}
          action={
            <Button variant="secondary" onClick={openCreate}>
              <Plus aria-hidden className="size-4" />
              {t('admin.tokens.create')}
            </Button>
          }
        />
      ) : (
        <div className="space-y-4">
          <ApiTokenTable tokens={items} onRevoke={(token) => setDialog({ kind: 'revoke', token })} />
          <LoadMore
            summary={t('admin.tokens.shown', { shown: items.length, total })}
            hasMore={Boolean(tokens.hasNextPage)}
            loading={tokens.isFetchingNextPage}
            onLoadMore={() => void tokens.fetchNextPage()}
            loadMoreLabel={t('admin.tokens.loadMore')}
          />
        </div>
      )}

      <ApiUsageHelp />

      {dialog?.kind === 'create' && <ApiTokenCreateDialog role={viewer.role} onClose={closeDialog} />}
      {dialog?.kind === 'revoke' && <ApiTokenRevokeDialog token={dialog.token} onClose={closeDialog} />}
    </div>
  )
}
