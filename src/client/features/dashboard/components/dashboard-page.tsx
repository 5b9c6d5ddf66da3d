import { useQuery } from '@tanstack/react-query'
import { BarChart3, Radio, ShieldCheck, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { seesAllTeams } from '../../../../shared/permissions.ts'
import { DASHBOARD_PERIODS, DASHBOARD_SCOPES, type DashboardPeriod, type DashboardScope } from '../../../../shared/schemas/dashboard.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { Select } from '../../../components/ui/select.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { teamsQueryOptions } from '../../admin/queries.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { summaryInput, type DashboardSearch } from '../dashboard-search.ts'
import { useDashboardSummary } from '../hooks/use-dashboard-summary.ts'
import { ActivityFeed } from './activity-feed.tsx'
import { FollowUpsCard } from './follow-ups-card.tsx'
import { KpiGrid } from './kpi-grid.tsx'
import { StageChart } from './stage-chart.tsx'
import { InteractionsBySalesperson, TasksByAssignee } from './team-activity.tsx'

interface DashboardPageProps {
  search: DashboardSearch
  onSearchChange: (search: DashboardSearch) => void
}

export function DashboardPage({ search, onSearchChange }: DashboardPageProps) {
  const { t, i18n } = useTranslation()
  const viewer = useViewer()
  useDocumentTitle(t('dashboard.documentTitle'))
  const today = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(new Date())
  const input = summaryInput(search, viewer.role)
  const summary = useDashboardSummary(input)
  const period = input.period as DashboardPeriod
  const data = summary.data
  const empty = data && data.openPipeline.count === 0 && data.stages.every((row) => row.count === 0) && data.activity.length === 0

  return (
    <div className="space-y-6">
      <section className="relative overflow-hidden rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <div
          aria-hidden
          className="absolute inset-0 bg-[radial-gradient(circle_at_100%_0%,rgb(99_102_241/0.12),transparent_45%)] dark:bg-[radial-gradient(circle_at_100%_0%,rgb(99_102_241/0.18),transparent_45%)]"
        />
        <p className="relative text-sm font-medium text-indigo-700 first-letter:uppercase dark:text-indigo-300">{today}</p>
        <h1
          data-testid="dashboard-greeting"
          className="relative mt-2 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl dark:text-white"
        >
          {t('dashboard.greeting', { name: viewer.name })}
        </h1>
        <div className="relative mt-4 flex flex-wrap gap-2">
          <Badge tone="accent" data-testid="viewer-role">
            <ShieldCheck aria-hidden className="size-3.5" />
            {t(`roles.${viewer.role}`)}
          </Badge>
          <Badge data-testid="viewer-team">
            <Users aria-hidden className="size-3.5" />
            {viewer.teamName ? t('dashboard.teamLabel', { team: viewer.teamName }) : t('dashboard.allTeams')}
          </Badge>
          <Badge>
            <Radio aria-hidden className="size-3.5" />
            {t('dashboard.figures.live')}
          </Badge>
        </div>
      </section>

      <DashboardControls
        period={period}
        scope={input.scope as DashboardScope}
        teamId={search.team}
        onChange={(next) => onSearchChange({ ...search, ...next })}
      />

      {summary.isPending ? (
        <DashboardSkeleton />
      ) : summary.isError && !data ? (
        <RetryAlert
          title={t('dashboard.states.errorTitle')}
          description={t('dashboard.states.error')}
          retryLabel={t('common.retry')}
          onRetry={() => void summary.refetch()}
          retrying={summary.isFetching}
        />
      ) : data && empty ? (
        <EmptyState icon={BarChart3} title={t('dashboard.states.emptyTitle')} description={t('dashboard.states.empty')} />
      ) : data ? (
        <div className="space-y-6" data-testid="dashboard-figures" aria-busy={summary.isFetching}>
          <KpiGrid summary={data} period={period} />
          <div className="grid gap-6 xl:grid-cols-3">
            <div className="min-w-0 space-y-6 xl:col-span-2">
              <StageChart stages={data.stages} />
              <InteractionsBySalesperson interactions={data.interactions} />
            </div>
            <div className="min-w-0 space-y-6">
              <ActivityFeed items={data.activity} />
              <TasksByAssignee tasks={data.tasks} />
              <FollowUpsCard followUps={data.followUps} />
            </div>
          </div>
        </div>
      ) : null}
    </div>
  )
}

function DashboardControls({
  period,
  scope,
  teamId,
  onChange,
}: {
  period: DashboardPeriod
  scope: DashboardScope
  teamId?: string
  onChange: (next: DashboardSearch) => void
}) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const admin = seesAllTeams(viewer.role)
  const teams = useQuery({ ...teamsQueryOptions(trpc), enabled: admin })
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <SegmentedControl
        legend={t('dashboard.figures.period')}
        options={DASHBOARD_PERIODS.map((value) => ({ value, label: t(`dashboard.figures.periods.${value}`) }))}
        value={period}
        onChange={(value) => onChange({ period: value })}
      />
      <SegmentedControl
        legend={t('dashboard.figures.scope')}
        options={DASHBOARD_SCOPES.map((value) => ({ value, label: t(`dashboard.figures.scopes.${value}`) }))}
        value={scope}
        onChange={(value) => onChange({ scope: value })}
      />
      {admin && (
        <label className="flex flex-col gap-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {t('dashboard.figures.teamFilter')}
          <Select
            value={teamId ?? ''}
            onChange={(event) => onChange({ team: event.target.value || undefined })}
            className="sm:w-56"
            data-testid="dashboard-team"
          >
            <option value="">{t('dashboard.figures.allTeams')}</option>
            {teams.data?.items.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </label>
      )}
    </div>
  )
}

function DashboardSkeleton() {
  const { t } = useTranslation()
  return (
    <div role="status" aria-label={t('dashboard.states.loading')} className="space-y-6">
      <div className="grid grid-cols-1 gap-3 min-[420px]:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 7 }, (_, index) => (
          <Skeleton key={index} className="h-24" />
        ))}
      </div>
      <div className="grid gap-6 xl:grid-cols-3">
        <Skeleton className="h-80 xl:col-span-2" />
        <Skeleton className="h-80" />
      </div>
    </div>
  )
}
