import { Link } from '@tanstack/react-router'
import { ArrowRightLeft, FileSignature, MessageSquare, ThumbsDown, Trophy, type LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { cn } from '../../../lib/cn.ts'
import type { RouterOutputs } from '../../../lib/trpc.ts'
import { formatRelativeTime, useNow } from '../../notification/relative-time.ts'

type ActivityItem = RouterOutputs['dashboard']['summary']['activity'][number]

const ICONS: Record<ActivityItem['kind'], { icon: LucideIcon; tone: string }> = {
  moved: { icon: ArrowRightLeft, tone: 'bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-200' },
  won: { icon: Trophy, tone: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200' },
  lost: { icon: ThumbsDown, tone: 'bg-rose-100 text-rose-800 dark:bg-rose-500/15 dark:text-rose-200' },
  signed: { icon: FileSignature, tone: 'bg-violet-100 text-violet-800 dark:bg-violet-500/15 dark:text-violet-200' },
  interaction: { icon: MessageSquare, tone: 'bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-200' },
}

function useDescribe() {
  const { t } = useTranslation()
  return (item: ActivityItem): string => {
    const actor = item.actor?.name ?? t('dashboard.feed.someone')
    const name = item.organisation?.name ?? ''
    switch (item.kind) {
      case 'moved':
        return t('dashboard.feed.moved', {
          actor,
          name,
          from: t(`pipeline.stages.${item.fromStage}`, { defaultValue: item.fromStage ?? '' }),
          to: t(`pipeline.stages.${item.toStage}`, { defaultValue: item.toStage ?? '' }),
        })
      case 'won':
      case 'lost':
        return t(`dashboard.feed.${item.kind}`, { actor, name })
      case 'signed':
        return t('dashboard.feed.signed', { actor, name, reference: item.reference ?? '' })
      case 'interaction': {
        const kind = t(`dashboard.feed.kinds.${item.interactionKind}`, { defaultValue: item.interactionKind ?? '' })
        return item.organisation ? t('dashboard.feed.interaction', { actor, kind, name }) : t('dashboard.feed.interactionNoOrganisation', { actor, kind })
      }
    }
  }
}

export function ActivityFeed({ items }: { items: ActivityItem[] }) {
  const { t, i18n } = useTranslation()
  const now = useNow()
  const describe = useDescribe()
  return (
    <Card data-testid="activity-feed">
      <CardHeader>
        <CardTitle>{t('dashboard.feed.title')}</CardTitle>
        <CardDescription>{t('dashboard.feed.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('dashboard.feed.empty')}</p>
        ) : (
          <ol className="space-y-3" aria-live="polite">
            {items.map((item) => {
              const { icon: Icon, tone } = ICONS[item.kind]
              const text = describe(item)
              return (
                <li key={item.eventId} data-testid="activity-item" data-kind={item.kind} className="flex min-w-0 items-start gap-3">
                  <span className={cn('mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full', tone)}>
                    <Icon aria-hidden className="size-3.5" />
                  </span>
                  <div className="min-w-0 flex-1">
                    {item.organisation ? (
                      <Link
                        to="/organisations/$id"
                        params={{ id: item.organisation.id }}
                        className="block text-sm text-zinc-900 hover:underline dark:text-zinc-100"
                      >
                        {text}
                      </Link>
                    ) : (
                      <p className="text-sm text-zinc-900 dark:text-zinc-100">{text}</p>
                    )}
                    {item.summary && <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{item.summary}</p>}
                    <time dateTime={item.at.toISOString()} className="text-xs text-zinc-600 dark:text-zinc-400">
                      {formatRelativeTime(item.at, now, i18n.language)}
                    </time>
                  </div>
                </li>
              )
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  )
}
