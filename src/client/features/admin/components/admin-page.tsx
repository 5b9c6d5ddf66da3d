import { getRouteApi, Link } from '@tanstack/react-router'
import { ScrollText, ShieldCheck, UsersRound, UserRound } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { buttonStyles } from '../../../components/ui/button.tsx'
import { TabPanel, Tabs, type TabItem } from '../../../components/ui/tabs.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import type { AdminTab } from '../admin-search.ts'
import { TeamsPanel } from './teams-panel.tsx'
import { UsersPanel } from './users-panel.tsx'

const routeApi = getRouteApi('/_authenticated/admin')
const TABS_ID = 'admin'

export function AdminPage() {
  const { t } = useTranslation()
  const viewer = useViewer()
  const search = routeApi.useSearch()
  const navigate = routeApi.useNavigate()
  const managesTeams = can(viewer.role, 'teams:manage')

  const tabs: TabItem<AdminTab>[] = [
    { value: 'users', label: t('admin.tabs.users'), icon: UserRound },
    ...(managesTeams ? [{ value: 'teams' as const, label: t('admin.tabs.teams'), icon: UsersRound }] : []),
  ]
  // A manager following a link to the teams tab simply lands on users.
  const tab: AdminTab = search.tab === 'teams' && managesTeams ? 'teams' : 'users'

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('nav.admin')}
        description={managesTeams ? t('admin.description') : t('admin.managerDescription', { team: viewer.teamName })}
        icon={ShieldCheck}
        actions={
          can(viewer.role, 'security:admin') ? (
            <Link to="/admin/audit" className={buttonStyles({ variant: 'secondary' })}>
              <ScrollText aria-hidden className="size-4" />
              {t('security.audit.link')}
            </Link>
          ) : undefined
        }
      />
      {tabs.length > 1 ? (
        <>
          <Tabs
            label={t('admin.tabs.label')}
            idBase={TABS_ID}
            items={tabs}
            value={tab}
            onChange={(next) => void navigate({ search: next === 'users' ? {} : { tab: next } })}
          />
          <TabPanel idBase={TABS_ID} value={tab}>
            {tab === 'teams' ? <TeamsPanel /> : <UsersPanel />}
          </TabPanel>
        </>
      ) : (
        <UsersPanel />
      )}
    </div>
  )
}
