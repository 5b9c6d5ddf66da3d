import { useState } from 'react'
import { Link } from '@tanstack/react-router'
import { BarChart3, Table2 } from 'lucide-react'
import { useTheme } from 'next-themes'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { formatAmount } from '../../pipeline/format.ts'

type Stages = RouterOutputs['dashboard']['summary']['stages']

/** Chart colours with ≥ 4.5:1 text contrast on the card in each theme. */
export function chartPalette(dark: boolean) {
  return dark
    ? { amount: '#818cf8', weighted: '#34d399', text: '#d4d4d8', grid: '#3f3f46', tooltip: '#18181b' }
    : { amount: '#4f46e5', weighted: '#047857', text: '#3f3f46', grid: '#e4e4e7', tooltip: '#ffffff' }
}

/** Value and weighted value by stage: a bar chart, with the same figures as a table on demand. */
export function StageChart({ stages }: { stages: Stages }) {
  const { t, i18n } = useTranslation()
  const { resolvedTheme } = useTheme()
  const palette = chartPalette(resolvedTheme === 'dark')
  const [asTable, setAsTable] = useState(false)
  const compact = (value: number) => formatAmount(value, i18n.language, true)
  const data = stages.map((row) => ({ ...row, label: t(`pipeline.stages.${row.stage}`) }))
  const description = data.map((row) => `${row.label} : ${compact(row.amount)}`).join(', ')

  return (
    <Card data-testid="stage-chart">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle>{t('dashboard.stages.title')}</CardTitle>
          <CardDescription>{t('dashboard.stages.description')}</CardDescription>
        </div>
        <Button variant="ghost" size="sm" onClick={() => setAsTable((value) => !value)} aria-pressed={asTable}>
          {asTable ? <BarChart3 aria-hidden className="size-4" /> : <Table2 aria-hidden className="size-4" />}
          <span className="sr-only sm:not-sr-only">{t(asTable ? 'dashboard.stages.showChart' : 'dashboard.stages.showTable')}</span>
        </Button>
      </CardHeader>
      <CardContent>
        {asTable ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="stage-table">
              <caption className="sr-only">{t('dashboard.stages.title')}</caption>
              <thead>
                <tr className="text-left text-zinc-600 dark:text-zinc-300">
                  <th scope="col" className="py-2 pr-3 font-medium">{t('dashboard.stages.stage')}</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">{t('dashboard.stages.count')}</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">{t('dashboard.stages.amount')}</th>
                  <th scope="col" className="py-2 text-right font-medium">{t('dashboard.stages.weighted')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((row) => (
                  <tr key={row.stage} className="border-t border-zinc-200 dark:border-zinc-800">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <Link to="/organisations" search={{ stage: [row.stage] }} className="text-indigo-700 hover:underline dark:text-indigo-300">
                        {row.label}
                      </Link>
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{row.count}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatAmount(row.amount, i18n.language)}</td>
                    <td className="py-2 text-right tabular-nums">{formatAmount(row.weightedAmount, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <figure role="img" aria-label={`${t('dashboard.stages.chartLabel')}. ${description}`} className="h-64 w-full">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke={palette.grid} />
                <XAxis dataKey="label" tick={{ fill: palette.text, fontSize: 12 }} tickLine={false} axisLine={{ stroke: palette.grid }} interval={0} />
                <YAxis tickFormatter={compact} tick={{ fill: palette.text, fontSize: 12 }} tickLine={false} axisLine={false} width={64} />
                <Tooltip
                  formatter={(value) => formatAmount(Number(value), i18n.language)}
                  contentStyle={{ background: palette.tooltip, borderColor: palette.grid, color: palette.text, borderRadius: 8 }}
                  cursor={{ fill: palette.grid, opacity: 0.4 }}
                />
                <Legend
                  itemSorter={null}
                  wrapperStyle={{ fontSize: 12 }}
                  formatter={(value) => <span style={{ color: palette.text }}>{value}</span>}
                />
                <Bar dataKey="amount" name={t('dashboard.stages.amount')} fill={palette.amount} radius={[4, 4, 0, 0]} isAnimationActive={false} />
                <Bar dataKey="weightedAmount" name={t('dashboard.stages.weighted')} fill={palette.weighted} radius={[4, 4, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        )}
      </CardContent>
    </Card>
  )
}
