import { useCallback, useState } from 'react'
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { SearchX, UserPlus, UserRound } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { seesAllTeams } from '../../../../shared/permissions.ts'
import { Button } from '../../../components/ui/button.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { hasUserFilters, type AdminSearch } from '../admin-search.ts'
import { requestErrorMessage } from '../form-errors.ts'
import { teamsQueryOptions, usersQueryOptions } from '../queries.ts'
import { PasswordResetDialog } from './password-reset-dialog.tsx'
import { UserCreateDialog } from './user-create-dialog.tsx'
import { UserEditDialog } from './user-edit-dialog.tsx'
import { UserFilters } from './user-filters.tsx'
import { UsersTable, type AdminUser } from './users-table.tsx'
import { loadedRows } from '../../../components/list-page/use-record-list.ts'

const routeApi = getRouteApi('/_authenticated/admin')

type OpenDialog = { kind: 'create' } | { kind: 'edit'; user: AdminUser } | { kind: 'password'; user: AdminUser } | null

export function UsersPanel() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const trpcClient = useTRPCClient()
  const viewer = useViewer()
  const search = routeApi.useSearch()
  const navigate = routeApi.useNavigate()
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const closeDialog = useCallback(() => setDialog(null), [])

  const users = useInfiniteQuery({ ...usersQueryOptions(trpc, search), placeholderData: keepPreviousData })
  const teams = useQuery(teamsQueryOptions(trpc))
  const teamChoices = teams.data?.items ?? []

  const setFilters = useCallback(
    (patch: Partial<AdminSearch>) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true }),
    [navigate],
  )

  const { items, total } = loadedRows(users.data)

  const endSessions = useMutation({
    mutationFn: ({ id }: { id: string; name: string }) => trpcClient.users.endSessions.mutate({ id }),
    onSuccess: ({ ended }, { name }) =>
      showToast({ message: t('admin.users.sessionsEnded', { name, count: ended }) }),
    onError: (error) => showToast({ tone: 'error', message: `${t('admin.users.endSessionsError')} ${requestErrorMessage(error, t)}` }),
  })

  return (
    <section aria-labelledby="users-title" className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="users-title" className="text-base font-semibold text-zinc-900 dark:text-white">
            {t('admin.users.title')}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {users.data ? t('admin.users.count', { count: total }) : t('common.loading')}
          </p>
        </div>
        <Button onClick={() => setDialog({ kind: 'create' })}>
          <UserPlus aria-hidden className="size-4" />
          {t('admin.users.create')}
        </Button>
      </div>

      <UserFilters
        search={search}
        teams={seesAllTeams(viewer.role) ? teamChoices : undefined}
        onChange={setFilters}
      />

      {users.isPending ? (
        <TableSkeleton columns={6} label={t('common.loading')} />
      ) : users.isError && !users.data ? (
        <RetryAlert
          title={t('admin.users.loadError')}
          description={requestErrorMessage(users.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void users.refetch()}
          retrying={users.isFetching}
        />
      ) : items.length === 0 ? (
        hasUserFilters(search) ? (
          <EmptyState
            icon={SearchX}
            title={t('admin.users.noMatchTitle')}
            description={t('admin.users.noMatchText')}
            action={
              <Button
                variant="secondary"
                onClick={() => setFilters({ team: undefined, role: undefined, status: undefined, q: undefined })}
              >
                {t('admin.users.filters.clear')}
              </Button>
            }
          />
        ) : (
          <EmptyState icon={UserRound} title={t('admin.users.emptyTitle')} description={t('admin.users.emptyText')} />
        )
      ) : (
        <div className={users.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
          <UsersTable
            users={items}
            viewer={viewer}
            onEdit={(user) => setDialog({ kind: 'edit', user })}
            onResetPassword={(user) => setDialog({ kind: 'password', user })}
            onEndSessions={(user) => endSessions.mutate({ id: user.id, name: user.name })}
            endingSessionsOf={endSessions.isPending ? endSessions.variables?.id : undefined}
          />
          <div className="mt-4">
            <LoadMore
              summary={t('admin.users.shown', { shown: items.length, total })}
              hasMore={Boolean(users.hasNextPage)}
              loading={users.isFetchingNextPage}
              onLoadMore={() => void users.fetchNextPage()}
              loadMoreLabel={t('admin.users.loadMore')}
            />
          </div>
        </div>
      )}

      {dialog?.kind === 'create' && (
        <UserCreateDialog viewer={viewer} teams={teamChoices} defaultTeamId={search.team} onClose={closeDialog} />
      )}
      {dialog?.kind === 'edit' && (
        <UserEditDialog user={dialog.user} viewer={viewer} teams={teamChoices} onClose={closeDialog} />
      )}
      {dialog?.kind === 'password' && <PasswordResetDialog user={dialog.user} onClose={closeDialog} />}
    </section>
  )
}
