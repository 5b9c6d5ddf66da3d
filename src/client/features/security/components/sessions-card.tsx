import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Laptop, LogOut } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'

/** "Appareils connectés": where the account is signed in, this device first; sign out one or all others. */
export function SessionsCard() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const sessions = useQuery(trpc.auth.sessions.queryOptions())
  const onEnded = ({ ended }: { ended: number }) => {
    showToast({ message: t('security.sessions.ended', { count: ended }) })
    void queryClient.invalidateQueries({ queryKey: trpc.auth.sessions.queryKey() })
  }
  const revoke = useMutation(trpc.auth.revokeSession.mutationOptions({ onSuccess: onEnded }))
  const revokeOthers = useMutation(trpc.auth.revokeOtherSessions.mutationOptions({ onSuccess: onEnded }))
  const others = sessions.data?.filter((session) => !session.current) ?? []
  const failed = revoke.error ?? revokeOthers.error

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('security.sessions.title')}</CardTitle>
        <CardDescription>{t('security.sessions.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {failed && (
          <Alert tone="error" title={t('security.sessions.revokeError')}>
            {requestErrorMessage(failed, t)}
          </Alert>
        )}
        {sessions.isPending ? (
          <div className="space-y-3" aria-label={t('common.loading')} aria-busy>
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : sessions.isError ? (
          <RetryAlert
            title={t('security.sessions.loadError')}
            description={requestErrorMessage(sessions.error, t)}
            retryLabel={t('common.retry')}
            onRetry={() => void sessions.refetch()}
            retrying={sessions.isFetching}
          />
        ) : (
          <>
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="sessions-list">
              {sessions.data.map((session) => (
                <li key={session.id} className="flex flex-wrap items-center gap-3 p-3" data-testid="session-row">
                  <Laptop aria-hidden className="size-5 shrink-0 text-zinc-500" />
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      {session.device}
                      {session.current && <Badge tone="accent">{t('security.sessions.current')}</Badge>}
                    </p>
                    <p className="text-xs text-zinc-600 dark:text-zinc-400">
                      {session.ip ? `${t('security.sessions.address', { ip: session.ip })} · ` : ''}
                      {t('security.sessions.lastSeen')} <FormattedDate value={session.lastSeenAt} format="dateTime" /> ·{' '}
                      {t('security.sessions.signedIn')} <FormattedDate value={session.createdAt} format="dateTime" />
                    </p>
                  </div>
                  {!session.current && (
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t('security.sessions.revokeLabel', { device: session.device })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate({ id: session.id })}
                    >
                      <LogOut aria-hidden className="size-4" />
                      {t('security.sessions.revoke')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            {others.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('security.sessions.empty')}</p>
            ) : (
              <Button variant="danger" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
                {t('security.sessions.revokeOthers')}
              </Button>
            )}
          </>
        )}
      </CardContent>
    </Card>
  )
}
