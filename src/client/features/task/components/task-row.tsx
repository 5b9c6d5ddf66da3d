import { Link } from '@tanstack/react-router'
import { Building2, MoreHorizontal, Pencil, RotateCcw, Trash2, User } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { Checkbox } from '../../../components/ui/checkbox.tsx'
import type { Selection } from '../../../components/list-page/selection.ts'
import { Menu, MenuItem } from '../../../components/ui/menu.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { TASK_PRIORITY_TONES, TASK_STATUS_TONES, isActiveTask, type TaskSummary } from '../task-display.ts'
import { TaskDueDate } from './task-due-date.tsx'

export interface TaskRowActions {
  onToggle?: (task: TaskSummary, done: boolean) => void
  onEdit?: (task: TaskSummary) => void
  onReopen?: (task: TaskSummary) => void
  onDelete?: (task: TaskSummary) => void
}

interface TaskRowProps extends TaskRowActions {
  task: TaskSummary
  /** The viewer may tick this task (a writer, or its assignee). */
  canToggle: boolean
  /** Tick boxes for bulk actions (writers only), before the completion box. */
  selection?: Selection
}

const relatedLinkClassName = cn(
  'inline-flex min-w-0 items-center gap-1 rounded hover:text-indigo-600 dark:hover:text-indigo-400',
  focusRing,
)

export function TaskRow({ task, canToggle, selection, onToggle, onEdit, onReopen, onDelete }: TaskRowProps) {
  const { t } = useTranslation()
  const done = task.status === 'DONE'
  const cancelled = task.status === 'CANCELLED'
  const hasMenu = Boolean(onEdit || (onReopen && !isActiveTask(task.status)) || onDelete)

  return (
    <li
      className={cn('flex items-start gap-3 px-4 py-3.5 sm:px-5', selection?.has(task.id) && 'bg-indigo-50/60 dark:bg-indigo-950/30')}
      data-testid="task-row"
      data-status={task.status}
    >
      {selection && (
        // Set apart from the completion box beside it: this one only picks the task for a bulk action.
        <span className="-my-1 flex self-stretch border-r border-zinc-200 py-1 pr-3 dark:border-zinc-700">
          <Checkbox
            className="mt-1"
            checked={selection.has(task.id)}
            onChange={() => selection.toggle(task.id)}
            aria-label={t('list.selectRow', { name: task.title })}
            data-testid="select-row"
          />
        </span>
      )}
      <Checkbox
        className="mt-1 size-[1.125rem]"
        checked={done}
        disabled={!canToggle || cancelled}
        onChange={(event) => onToggle?.(task, event.currentTarget.checked)}
        aria-label={done ? t('task.row.reopen', { title: task.title }) : t('task.row.complete', { title: task.title })}
      />
      <div className="min-w-0 flex-1">
        <p
          className={cn(
            'text-sm font-medium',
            done || cancelled ? 'text-zinc-500 line-through dark:text-zinc-400' : 'text-zinc-900 dark:text-white',
          )}
        >
          <Link to="/tasks/$id" params={{ id: task.id }} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500">
            {task.title}
          </Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <TaskDueDate task={task} />
          {task.organisation && (
            <Link to="/organisations/$id" params={{ id: task.organisation.id }} className={relatedLinkClassName}>
              <Building2 aria-hidden className="size-3.5 shrink-0" />
              <span className="truncate">{task.organisation.name}</span>
            </Link>
          )}
          {task.person && (
            <Link to="/people/$id" params={{ id: task.person.id }} className={relatedLinkClassName}>
              <User aria-hidden className="size-3.5 shrink-0" />
              <span className="truncate">
                {task.person.firstName} {task.person.lastName}
              </span>
            </Link>
          )}
        </div>
      </div>
      <div className="flex shrink-0 flex-col items-end gap-2 sm:flex-row sm:items-center sm:gap-3">
        {task.status !== 'OPEN' && (
          <StatusBadge tone={TASK_STATUS_TONES[task.status]} dot>
            {t(`task.statuses.${task.status}`)}
          </StatusBadge>
        )}
        <StatusBadge tone={TASK_PRIORITY_TONES[task.priority]}>{t(`task.priorities.${task.priority}`)}</StatusBadge>
        <span className="hidden md:inline-flex" title={task.assignee?.name ?? t('task.row.unassigned')}>
          {task.assignee ? (
            <Avatar name={task.assignee.name} className="size-7 text-[0.6875rem]" />
          ) : (
            <span className="flex size-7 items-center justify-center rounded-full border border-dashed border-zinc-300 text-zinc-400 dark:border-zinc-600">
              <User aria-hidden className="size-3.5" />
            </span>
          )}
          <span className="sr-only">{task.assignee?.name ?? t('task.row.unassigned')}</span>
        </span>
      </div>
      {hasMenu && (
        <Menu
          label={t('task.row.actions', { title: task.title })}
          triggerClassName="-mr-1 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white"
          trigger={<MoreHorizontal aria-hidden className="size-5" />}
        >
          {onEdit && (
            <MenuItem icon={Pencil} onSelect={() => onEdit(task)}>
              {t('task.row.edit')}
            </MenuItem>
          )}
          {onReopen && !isActiveTask(task.status) && (
            <MenuItem icon={RotateCcw} onSelect={() => onReopen(task)}>
              {t('task.row.reopenAction')}
            </MenuItem>
          )}
          {onDelete && (
            <MenuItem icon={Trash2} onSelect={() => onDelete(task)}>
              {t('task.row.delete')}
            </MenuItem>
          )}
        </Menu>
      )}
    </li>
  )
}
