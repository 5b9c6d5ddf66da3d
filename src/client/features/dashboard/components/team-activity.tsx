import { Link } from '@tanstack/react-router'
import { useTheme } from 'next-themes'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { chartPalette } from './stage-chart.tsx'

type Summary = RouterOutputs['dashboard']['summary']

const WEEK_COLOURS = {
  light: ['#a1a1aa', '#7c3aed', '#0369a1', '#4f46e5'],
  dark: ['#71717a', '#a78bfa', '#38bdf8', '#818cf8'],
}

export function TasksByAssignee({ tasks }: { tasks: Summary['tasks'] }) {
  const { t } = useTranslation()
  return (
    <Card data-testid="tasks-by-assignee">
      <CardHeader>
        <CardTitle>{t('dashboard.tasks.title')}</CardTitle>
        <CardDescription>{t('dashboard.tasks.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {tasks.byAssignee.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dashboard.tasks.empty')}</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-zinc-600 dark:text-zinc-300">
                <th scope="col" className="py-2 pr-3 font-medium">{t('dashboard.tasks.assignee')}</th>
                <th scope="col" className="w-16 py-2 pr-3 text-right leading-tight font-medium">{t('dashboard.tasks.overdue')}</th>
                <th scope="col" className="w-16 py-2 text-right leading-tight font-medium">{t('dashboard.tasks.dueThisWeek')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.byAssignee.map((row) => (
                <tr key={row.assignee?.id ?? 'none'} className="border-t border-zinc-200 dark:border-zinc-800">
                  <th
                    scope="row"
                    title={row.assignee?.name}
                    className="py-2 pr-3 text-left font-normal break-words text-zinc-900 dark:text-zinc-100"
                  >
                    {row.assignee?.name ?? t('dashboard.tasks.unassigned')}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {row.overdue > 0 ? (
                      <Link to="/tasks" search={{ view: 'overdue', show: 'active' }} className="font-semibold text-rose-700 hover:underline dark:text-rose-300">
                        {row.overdue}
                      </Link>
                    ) : (
                      <span className="text-zinc-600 dark:text-zinc-400">0</span>
                    )}
                  </td>
                  <td className="py-2 text-right tabular-nums">{row.dueThisWeek}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  )
}

export function InteractionsBySalesperson({ interactions }: { interactions: Summary['interactions'] }) {
  const { t, i18n } = useTranslation()
  const dark = useTheme().resolvedTheme === 'dark'
  const palette = chartPalette(dark)
  const colours = WEEK_COLOURS[dark ? 'dark' : 'light']
  const dayMonth = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'short' })
  const weeks = interactions.weekStarts.map((start) => t('dashboard.interactions.weekOf', { date: dayMonth.format(start) }))
  const rows = interactions.bySalesperson.map((row) => ({
    name: row.user?.name ?? t('dashboard.interactions.unknownAuthor'),
    total: row.total,
    ...Object.fromEntries(row.counts.map((count, index) => [`w${index}`, count])),
  }))
  const description = rows.map((row) => `${row.name} : ${row.total}`).join(', ')

  return (
    <Card data-testid="interactions-by-salesperson">
      <CardHeader>
        <CardTitle>{t('dashboard.interactions.title')}</CardTitle>
        <CardDescription>{t('dashboard.interactions.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dashboard.interactions.empty')}</p>
        ) : (
          <>
            <figure
              role="img"
              aria-label={`${t('dashboard.interactions.chartLabel')}. ${description}`}
              style={{ height: Math.max(160, rows.length * 44 + 60) }}
              className="w-full"
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid horizontal={false} stroke={palette.grid} />
                  <XAxis type="number" allowDecimals={false} tick={{ fill: palette.text, fontSize: 12 }} axisLine={false} tickLine={false} />
                  <YAxis type="category" dataKey="name" width={110} tick={{ fill: palette.text, fontSize: 12 }} axisLine={false} tickLine={false} />
                  <Tooltip contentStyle={{ background: palette.tooltip, borderColor: palette.grid, color: palette.text, borderRadius: 8 }} cursor={{ fill: palette.grid, opacity: 0.4 }} />
                  <Legend
                  itemSorter={null}
                  wrapperStyle={{ fontSize: 12 }}
                  formatter={(value) => <span style={{ color: palette.text }}>{value}</span>}
                />
                  {weeks.map((label, index) => (
                    <Bar key={label} dataKey={`w${index}`} name={label} stackId="weeks" fill={colours[index]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
            {/* Tables ignore sr-only's 1 px width: the wrapper hides it without widening the page. */}
            <div className="sr-only">
            <table>
              <caption>{t('dashboard.interactions.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.interactions.person')}</th>
                  {weeks.map((label) => (
                    <th key={label} scope="col">{label}</th>
                  ))}
                  <th scope="col">{t('dashboard.interactions.total')}</th>
                </tr>
              </thead>
              <tbody>
                {interactions.bySalesperson.map((row, index) => (
                  <tr key={row.user?.id ?? index}>
                    <th scope="row">{rows[index].name}</th>
                    {row.counts.map((count, week) => (
                      <td key={week}>{count}</td>
                    ))}
                    <td>{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  )
}
