import { useQuery } from '@tanstack/react-query'
import { Settings } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { settingsQueryOptions } from '../queries.ts'
import { DisplayCard } from './display-card.tsx'
import { NotificationPreferencesCard } from './notification-preferences-card.tsx'
import { ProfileCard } from './profile-card.tsx'
import { SettingsNav } from './settings-nav.tsx'

/** The user's own settings: profile, display, notifications; tokens and security are sections beside it. */
export function SettingsPage() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const settings = useQuery(settingsQueryOptions(trpc))

  return (
    <div className="min-w-0 space-y-6">
      <PageHeader title={t('settings.title')} description={t('settings.description')} icon={Settings} />
      <SettingsNav />
      {settings.isPending ? (
        <div className="grid gap-6 lg:grid-cols-2" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton className="h-80 rounded-xl" />
          <Skeleton className="h-80 rounded-xl" />
        </div>
      ) : settings.isError ? (
        <RetryAlert
          title={t('settings.loadError')}
          description={requestErrorMessage(settings.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <div className="space-y-6">
            <ProfileCard profile={settings.data.profile} />
            <DisplayCard />
          </div>
          <NotificationPreferencesCard muted={settings.data.mutedNotifications} emailAvailable={settings.data.emailAvailable} />
        </div>
      )}
    </div>
  )
}
