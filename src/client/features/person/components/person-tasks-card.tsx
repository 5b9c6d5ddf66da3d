import { Link } from '@tanstack/react-router'
import { ListChecks } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Card, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { TaskDueDate } from '../../task/components/task-due-date.tsx'
import { TASK_PRIORITY_TONES } from '../../task/task-display.ts'
import type { PersonDetail } from '../person-display.ts'

/** The tasks still to do about this person, soonest first. */
export function PersonTasksCard({ tasks, className }: { tasks: PersonDetail['tasks']; className?: string }) {
  const { t } = useTranslation()
  return (
    <Card className={className} data-testid="person-tasks">
      <CardHeader className="pb-4">
        <CardTitle>{t('person.tasks.title', { count: tasks.length })}</CardTitle>
      </CardHeader>
      {tasks.length === 0 ? (
        <div className="flex flex-col items-center border-t border-zinc-200 px-5 py-10 text-center dark:border-zinc-800">
          <ListChecks aria-hidden className="size-6 text-zinc-400 dark:text-zinc-500" />
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('person.tasks.empty')}</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {tasks.map((task) => (
            <li key={task.id} className="flex flex-col gap-1.5 px-5 py-3 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-zinc-900 dark:text-white">
                  <Link to="/tasks/$id" params={{ id: task.id }} className="hover:underline">
                    {task.title}
                  </Link>
                </p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {task.assignee
                    ? t('person.tasks.assignedTo', { name: task.assignee.name })
                    : t('person.tasks.unassigned')}
                </p>
              </div>
              <div className="flex items-center gap-3 text-xs">
                <TaskDueDate task={task} />
                <StatusBadge tone={TASK_PRIORITY_TONES[task.priority]}>
                  {t(`task.priorities.${task.priority}`)}
                </StatusBadge>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
