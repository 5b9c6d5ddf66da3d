import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { ScrollText, SearchX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { SECURITY_ACTIONS } from '../../../../shared/schemas/security.ts'
import { validationText } from '../../../../shared/validation.ts'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { validationLanguage } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { auditListInput, type AuditSearch } from '../audit-search.ts'
import { AuditEntries } from './audit-entries.tsx'
import { TwoFactorPolicyCard } from './two-factor-policy-card.tsx'

const routeApi = getRouteApi('/_authenticated/admin/audit')

/** /admin/audit: the roles that must use two-step verification, and the audit trail with its filters. */
export function AuditPage() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const search = routeApi.useSearch()
  const navigate = routeApi.useNavigate()
  const users = useQuery(trpc.users.list.queryOptions({ limit: 200 }))
  const audit = useInfiniteQuery({
    ...trpc.security.audit.infiniteQueryOptions(auditListInput(search), { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  })
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? []
  const setFilter = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (previous) => Object.fromEntries(Object.entries({ ...previous, ...patch }).filter(([, value]) => value)) as AuditSearch })
  const reversed = Boolean(search.from && search.to && search.to < search.from)
  const filtered = Boolean(search.user || search.kind || search.from || search.to)

  return (
    <div className="space-y-6">
      <PageHeader title={t('security.audit.title')} description={t('security.audit.description')} icon={ScrollText} />
      <TwoFactorPolicyCard />
      <Card>
        <CardHeader>
          <CardTitle>{t('security.audit.journal')}</CardTitle>
          <CardDescription>{t('security.audit.journalDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-start" data-testid="audit-filters">
            <SelectField label={t('security.audit.user')} value={search.user ?? ''} onChange={(event) => setFilter({ user: event.target.value || undefined })}>
              <option value="">{t('security.audit.anyUser')}</option>
              {users.data?.items.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('security.audit.kind')}
              value={search.kind ?? ''}
              onChange={(event) => setFilter({ kind: (event.target.value || undefined) as AuditSearch['kind'] })}
            >
              <option value="">{t('security.audit.anyKind')}</option>
              {SECURITY_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`security.audit.actions.${action}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('security.audit.from')} type="date" value={search.from ?? ''} onChange={(event) => setFilter({ from: event.target.value || undefined })} />
            <TextField
              label={t('security.audit.to')}
              type="date"
              value={search.to ?? ''}
              errors={reversed ? [validationText('period_reversed', validationLanguage())] : undefined}
              onChange={(event) => setFilter({ to: event.target.value || undefined })}
            />
            {filtered && (
              <Button variant="ghost" className="lg:mt-6" onClick={() => void navigate({ search: {} })}>
                {t('security.audit.reset')}
              </Button>
            )}
          </div>
          {audit.isPending ? (
            <div className="space-y-2" aria-label={t('common.loading')} aria-busy>
              {[0, 1, 2, 3].map((row) => (
                <Skeleton key={row} className="h-12 w-full" />
              ))}
            </div>
          ) : audit.isError ? (
            <RetryAlert
              title={t('security.audit.loadError')}
              description={requestErrorMessage(audit.error, t)}
              retryLabel={t('common.retry')}
              onRetry={() => void audit.refetch()}
              retrying={audit.isFetching}
            />
          ) : entries.length === 0 ? (
            <EmptyState icon={SearchX} title={t('security.audit.empty')} />
          ) : (
            <div className={audit.isPlaceholderData ? 'space-y-4 opacity-60 transition-opacity' : 'space-y-4'}>
              <AuditEntries entries={entries} showUser />
              <LoadMore
                summary={t('security.audit.shown', { count: entries.length })}
                hasMore={Boolean(audit.hasNextPage)}
                loading={audit.isFetchingNextPage}
                onLoadMore={() => void audit.fetchNextPage()}
                loadMoreLabel={t('security.audit.loadMore')}
              />
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  )
}
