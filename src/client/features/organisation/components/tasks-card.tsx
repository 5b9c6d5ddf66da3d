import { Link } from '@tanstack/react-router'
import { ListChecks } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'
import { RelatedCard } from './related-card.tsx'

type Task = OrganisationDetail['tasks'][number]

const STATUS_TONES: Record<Task['status'], StatusTone> = {
  OPEN: 'accent',
  IN_PROGRESS: 'info',
  DONE: 'success',
  CANCELLED: 'neutral',
}

function isOverdue(task: Task, now: number): boolean {
  return Boolean(task.dueAt) && task.dueAt!.getTime() < now && (task.status === 'OPEN' || task.status === 'IN_PROGRESS')
}

export function TasksCard({ tasks }: { tasks: OrganisationDetail['tasks'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const now = Date.now()
  return (
    <RelatedCard
      icon={ListChecks}
      title={t('organisation.tasks.title')}
      count={tasks.length}
      empty={t('organisation.tasks.empty')}
      data-testid="organisation-tasks"
    >
      {tasks.map((task) => {
        const overdue = isOverdue(task, now)
        const closed = task.status === 'DONE' || task.status === 'CANCELLED'
        return (
          <li key={task.id} className="space-y-1.5 px-5 py-3">
            <div className="flex items-start justify-between gap-3">
              <p
                className={cn(
                  'text-sm font-medium',
                  closed ? 'text-zinc-500 line-through dark:text-zinc-400' : 'text-zinc-900 dark:text-white',
                )}
              >
                <Link to="/tasks/$id" params={{ id: task.id }} className="hover:underline">
                  {task.title}
                </Link>
              </p>
              <StatusBadge tone={STATUS_TONES[task.status]}>{t(`organisation.tasks.statuses.${task.status}`)}</StatusBadge>
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
              <span className={cn(overdue && 'font-medium text-red-600 dark:text-red-400')}>
                {task.dueAt ? t('organisation.tasks.due', { date: format.date(task.dueAt) }) : t('organisation.tasks.noDue')}
                {overdue && ` · ${t('organisation.tasks.overdue')}`}
              </span>
              <span className="flex items-center gap-1.5">
                {task.assignee ? (
                  <>
                    <Avatar name={task.assignee.name} className="size-5 text-[0.5625rem]" />
                    {task.assignee.name}
                  </>
                ) : (
                  t('organisation.tasks.unassigned')
                )}
              </span>
            </div>
          </li>
        )
      })}
    </RelatedCard>
  )
}
