import { AlarmClock, CalendarClock } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { cn } from '../../../lib/cn.ts'
import { isOverdue, type TaskStatus } from '../task-display.ts'

interface TaskDueDateProps {
  task: { dueAt: Date | null; status: TaskStatus }
  className?: string
}

/** When the task is due; overdue ones are red and say so in words, not by colour alone. */
export function TaskDueDate({ task, className }: TaskDueDateProps) {
  const { t } = useTranslation()
  if (!task.dueAt) {
    return <span className={cn('text-zinc-500 dark:text-zinc-400', className)}>{t('task.due.none')}</span>
  }
  const overdue = isOverdue(task)
  const Icon = overdue ? AlarmClock : CalendarClock
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 whitespace-nowrap',
        overdue ? 'font-medium text-red-600 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400',
        className,
      )}
      data-overdue={overdue || undefined}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {overdue && <span className="sr-only">{t('task.due.overdue')}</span>}
      <FormattedDate value={task.dueAt} format="dateTime" />
    </span>
  )
}
