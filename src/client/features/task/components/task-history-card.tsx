import { useQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { userColor } from '../../../../shared/realtime/collaboration.ts'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

const EVENT_KEYS = { created: 'created', updated: 'updated', completed: 'completed', deleted: 'deleted' } as const

/** The task's history from the event log: who created, changed, completed or reopened it. */
export function TaskHistoryCard({ taskId }: { taskId: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const query = useQuery(trpc.tasks.history.queryOptions({ id: taskId }))
  return (
    <Card className="overflow-hidden" data-testid="task-history">
      <section aria-label={t('activity.task.history')}>
        <div className="flex items-center gap-2.5 border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
          <History aria-hidden className="size-4 text-indigo-600 dark:text-indigo-400" />
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-white">{t('activity.task.history')}</h2>
        </div>
        {query.isPending ? (
          <div className="space-y-3 px-5 py-4" aria-busy="true">
            <Skeleton className="h-3 w-2/3" />
            <Skeleton className="h-3 w-1/2" />
          </div>
        ) : query.isError ? (
          <div className="p-4">
            <RetryAlert title={t('activity.task.historyError')} description={t('activity.errors.failed')} retryLabel={t('common.retry')} onRetry={() => void query.refetch()} retrying={query.isRefetching} />
          </div>
        ) : query.data.length === 0 ? (
          <p className="px-5 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">{t('activity.task.historyEmpty')}</p>
        ) : (
          <ol className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {query.data.map((entry) => {
              const verb = entry.type.split('.')[1] as keyof typeof EVENT_KEYS
              const name = entry.actor?.name ?? t('activity.task.someone')
              return (
                <li key={entry.id} className="flex gap-3 px-5 py-3" data-testid="task-history-entry">
                  <Avatar name={entry.actor?.name ?? '?'} color={entry.actor ? userColor(entry.actor.id, entry.actor.avatarColor) : undefined} className="mt-0.5 size-7 text-[0.625rem]" />
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="text-zinc-900 dark:text-zinc-100">{t(`activity.task.events.${EVENT_KEYS[verb] ?? 'updated'}`, { name })}</p>
                    <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                      <FormattedDate value={entry.createdAt} format="dateTime" />
                    </p>
                  </div>
                </li>
              )
            })}
          </ol>
        )}
      </section>
    </Card>
  )
}
