import { useEffect } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { ShieldCheck } from 'lucide-react'
import { useTRPC } from '../../../lib/trpc.ts'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { SettingsNav } from '../../settings/components/settings-nav.tsx'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { ChangePasswordCard } from './change-password-card.tsx'
import { SessionsCard } from './sessions-card.tsx'
import { TwoFactorCard } from './two-factor-card.tsx'
import { SecurityHistoryCard } from './security-history-card.tsx'

/** /settings/security: two-factor sign-in, one's own password, connected devices and security history. */
export function SecurityPage() {
  const { t } = useTranslation()
  const viewer = useViewer()
  const trpc = useTRPC()
  const router = useRouter()
  // A session that must first choose its password or enrol has no live connection (the server refuses
  // it), so it learns that it was signed out elsewhere by asking.
  const restricted = Boolean(viewer.mustChangePassword || viewer.mustEnrolTwoFactor)
  const me = useQuery({ ...trpc.auth.me.queryOptions(), refetchInterval: restricted ? 2_000 : false })
  useEffect(() => {
    if (restricted && me.isSuccess && me.data === null) void router.navigate({ to: '/login' })
  }, [restricted, me.isSuccess, me.data, router])
  return (
    <div className="space-y-6">
      <PageHeader title={t('security.title')} description={t('security.description')} icon={ShieldCheck} />
      <SettingsNav />
      {viewer.mustChangePassword && (
        <Alert tone="warning" data-testid="must-change-password">
          {t('security.mustChange')}
        </Alert>
      )}
      {viewer.mustChangePassword ? (
        <ChangePasswordCard />
      ) : (
        <>
          <TwoFactorCard />
          <ChangePasswordCard />
        </>
      )}
      <SessionsCard />
      <SecurityHistoryCard />
    </div>
  )
}
