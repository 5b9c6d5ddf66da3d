import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { useFormatters } from '../../organisation/format.ts'

type FollowUps = RouterOutputs['dashboard']['summary']['followUps']

export function FollowUpsCard({ followUps }: { followUps: FollowUps }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Card data-testid="follow-ups">
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle>{t('dashboard.followUps.title')}</CardTitle>
          <CardDescription>{t('dashboard.followUps.description')}</CardDescription>
        </div>
        <span data-testid="follow-ups-count" className="shrink-0 rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-500/15 dark:text-amber-200">
          {t('dashboard.followUps.count', { count: followUps.count })}
        </span>
      </CardHeader>
      <CardContent>
        {followUps.items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dashboard.followUps.empty')}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {followUps.items.map((item) => (
              <li key={item.id} className="flex min-w-0 flex-col gap-0.5 py-2.5">
                <Link
                  to="/organisations/$id"
                  params={{ id: item.id }}
                  className="truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {item.name}
                </Link>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t(`pipeline.stages.${item.stage}`)} · {item.owner?.name ?? t('dashboard.followUps.noOwner')} ·{' '}
                  {t('dashboard.followUps.lastActivity', { date: format.date(item.lastActivityAt) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  )
}
