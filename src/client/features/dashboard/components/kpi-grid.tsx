import type { ReactNode } from 'react'
import { Link, type LinkProps } from '@tanstack/react-router'
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { DashboardPeriod } from '../../../../shared/schemas/dashboard.ts'
import { cn } from '../../../lib/cn.ts'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { formatAmount } from '../../pipeline/format.ts'

type Summary = RouterOutputs['dashboard']['summary']

interface FigureProps {
  testId: string
  label: string
  value: ReactNode
  detail?: ReactNode
  trend?: { current: number; previous: number; higherIsBetter?: boolean }
  link: LinkProps
}

function Trend({ current, previous, higherIsBetter = true }: NonNullable<FigureProps['trend']>) {
  const { t } = useTranslation()
  if (current === previous) {
    return <ArrowRight aria-label={t('dashboard.figures.trendFlat')} className="size-4 text-zinc-500 dark:text-zinc-400" />
  }
  const up = current > previous
  const good = up === higherIsBetter
  const Icon = up ? ArrowUpRight : ArrowDownRight
  return (
    <Icon
      aria-label={t(up ? 'dashboard.figures.trendUp' : 'dashboard.figures.trendDown')}
      className={cn('size-4', good ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400')}
    />
  )
}

/** One figure, linked to the list it summarises. */
function Figure({ testId, label, value, detail, trend, link }: FigureProps) {
  return (
    <Link
      {...link}
      data-testid={testId}
      className="group flex min-w-0 flex-col gap-1 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition-colors hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500/60"
    >
      <span className="flex items-center justify-between gap-2 text-sm font-medium text-zinc-600 dark:text-zinc-300">
        {label}
        {trend && <Trend {...trend} />}
      </span>
      <span data-testid={`${testId}-value`} className="truncate text-2xl font-semibold tabular-nums text-zinc-900 dark:text-white">
        {value}
      </span>
      {detail && <span className="truncate text-xs text-zinc-600 dark:text-zinc-400">{detail}</span>}
    </Link>
  )
}

export function KpiGrid({ summary, period }: { summary: Summary; period: DashboardPeriod }) {
  const { t, i18n } = useTranslation()
  const amount = (value: number) => formatAmount(value, i18n.language, true)
  const previous = t(`dashboard.figures.previous.${period}`)
  const versus = (count: number) => t('dashboard.figures.versus', { count, period: previous })
  const { openPipeline, won, lost, moves, newOrganisations, mandatesSigned, tasks } = summary

  return (
    <section aria-label={t('dashboard.figures.label')} className="grid grid-cols-1 gap-3 min-[420px]:grid-cols-2 lg:grid-cols-4">
      <Figure
        testId="kpi-open-pipeline"
        label={t('dashboard.figures.openPipeline')}
        value={amount(openPipeline.amount)}
        detail={t('dashboard.figures.openPipelineDetail', { count: openPipeline.count, weighted: amount(openPipeline.weightedAmount) })}
        link={{ to: '/pipeline' }}
      />
      <Figure
        testId="kpi-won"
        label={t('dashboard.figures.won')}
        value={won.count}
        detail={t('dashboard.figures.amountVersus', { amount: amount(won.amount), previous: won.previousCount, period: previous })}
        trend={{ current: won.count, previous: won.previousCount }}
        link={{ to: '/organisations', search: { stage: ['WON'], sort: 'updatedAt' } }}
      />
      <Figure
        testId="kpi-lost"
        label={t('dashboard.figures.lost')}
        value={lost.count}
        detail={t('dashboard.figures.amountVersus', { amount: amount(lost.amount), previous: lost.previousCount, period: previous })}
        trend={{ current: lost.count, previous: lost.previousCount, higherIsBetter: false }}
        link={{ to: '/organisations', search: { stage: ['LOST'], sort: 'updatedAt' } }}
      />
      <Figure
        testId="kpi-moves"
        label={t('dashboard.figures.moves')}
        value={moves.count}
        detail={versus(moves.previousCount)}
        trend={{ current: moves.count, previous: moves.previousCount }}
        link={{ to: '/pipeline' }}
      />
      <Figure
        testId="kpi-new-organisations"
        label={t('dashboard.figures.newOrganisations')}
        value={newOrganisations.count}
        detail={versus(newOrganisations.previousCount)}
        trend={{ current: newOrganisations.count, previous: newOrganisations.previousCount }}
        link={{ to: '/organisations', search: { sort: 'createdAt' } }}
      />
      <Figure
        testId="kpi-mandates-signed"
        label={t('dashboard.figures.mandatesSigned')}
        value={mandatesSigned.count}
        detail={versus(mandatesSigned.previousCount)}
        trend={{ current: mandatesSigned.count, previous: mandatesSigned.previousCount }}
        link={{ to: '/mandates', search: { status: ['SIGNED'] } }}
      />
      <Figure
        testId="kpi-overdue-tasks"
        label={t('dashboard.figures.overdueTasks')}
        value={tasks.overdue}
        detail={t('dashboard.figures.overdueDetail', { count: tasks.dueThisWeek })}
        link={{ to: '/tasks', search: { view: 'overdue', show: 'active' } }}
      />
    </section>
  )
}
