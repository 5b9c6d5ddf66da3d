import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { ArrowLeft, Check, ListChecks, Pencil, RotateCcw } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Button, buttonStyles, focusRing } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { cn } from '../../../lib/cn.ts'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useDocumentTitle } from '../../../lib/use-document-title.ts'
import { LogActivityButton } from '../../activity/components/log-activity-button.tsx'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'
import { StatusScreen } from '../../shell/components/status-screen.tsx'
import { isActiveTask, TASK_PRIORITY_TONES, TASK_STATUS_TONES, type TaskDetail } from '../task-display.ts'
import { TaskDueDate } from './task-due-date.tsx'
import { TaskFormDialog } from './task-form-dialog.tsx'
import { TaskHistoryCard } from './task-history-card.tsx'

/** One task: what, when, about whom, its history; complete, reopen, edit and log activity from here. */
export function TaskPage({ id }: { id: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const query = useQuery(trpc.tasks.byId.queryOptions({ id }))
  // Someone else completes or edits it: the page follows.
  useLiveEvents((event) => {
    if (event.entity !== 'task' || event.entityId !== id) return
    void queryClient.invalidateQueries(trpc.tasks.byId.queryFilter({ id }))
    void queryClient.invalidateQueries(trpc.tasks.history.queryFilter({ id }))
  })
  if (query.isPending) return <TaskPageSkeleton />
  if (query.isError) return errorKind(query.error) === 'notFound' ? <TaskNotFound /> : <TaskLoadError onRetry={() => query.refetch()} />
  return <TaskView task={query.data} />
}

function TaskView({ task }: { task: TaskDetail }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const [editing, setEditing] = useState(false)
  useDocumentTitle(task.title)
  const canWrite = can(viewer.role, 'record:write')
  const canToggle = canWrite || task.assigneeId === viewer.id
  const active = isActiveTask(task.status)

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.tasks.byId.queryFilter({ id: task.id })),
      queryClient.invalidateQueries(trpc.tasks.history.queryFilter({ id: task.id })),
      queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
      queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
    ])
  const reopen = useMutation(trpc.tasks.reopen.mutationOptions({ onSettled: refresh }))
  const complete = useMutation(
    trpc.tasks.complete.mutationOptions({
      onSettled: refresh,
      onSuccess: (done) =>
        showToast({
          message: t('activity.task.completed'),
          onUndo: () => reopen.mutate({ id: done.id }),
        }),
    }),
  )
  const personName = task.person ? `${task.person.firstName} ${task.person.lastName}` : null

  return (
    <div className="space-y-6" data-testid="task-page">
      <Link
        to="/tasks"
        className={cn(
          'inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          focusRing,
        )}
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('activity.task.back')}
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-3">
          <h1
            className={cn(
              'text-2xl font-semibold tracking-tight break-words text-zinc-900 dark:text-white',
              !active && 'text-zinc-500 line-through dark:text-zinc-400',
            )}
            data-testid="task-title"
          >
            {task.title}
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <StatusBadge tone={TASK_STATUS_TONES[task.status]} data-testid="task-status">
              {t(`task.statuses.${task.status}`)}
            </StatusBadge>
            <StatusBadge tone={TASK_PRIORITY_TONES[task.priority]}>{t(`task.priorities.${task.priority}`)}</StatusBadge>
            <TaskDueDate task={task} />
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {canToggle &&
            (active ? (
              <Button size="sm" onClick={() => complete.mutate({ id: task.id })} loading={complete.isPending}>
                <Check aria-hidden className="size-4" />
                {t('activity.task.complete')}
              </Button>
            ) : (
              <Button variant="secondary" size="sm" onClick={() => reopen.mutate({ id: task.id })} loading={reopen.isPending}>
                <RotateCcw aria-hidden className="size-4" />
                {t('activity.task.reopen')}
              </Button>
            ))}
          {canWrite && (
            <LogActivityButton
              shortcut
              subject={{
                teamId: task.teamId,
                organisation: task.organisation,
                people: task.person && personName ? [{ id: task.person.id, name: personName }] : [],
              }}
            />
          )}
          {canWrite && (
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
              <Pencil aria-hidden className="size-4" />
              {t('activity.task.edit')}
            </Button>
          )}
        </div>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('activity.task.details')}</CardTitle>
          </CardHeader>
          <CardContent>
            <DescriptionList>
              <DescriptionItem label={t('activity.task.description')} wide emptyText={t('activity.task.noDescription')}>
                {task.description && <span className="whitespace-pre-line">{task.description}</span>}
              </DescriptionItem>
              <DescriptionItem label={t('activity.task.organisation')} emptyText={t('activity.task.none')}>
                {task.organisation && (
                  <Link to="/organisations/$id" params={{ id: task.organisation.id }} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {task.organisation.name}
                  </Link>
                )}
              </DescriptionItem>
              <DescriptionItem label={t('activity.task.person')} emptyText={t('activity.task.none')}>
                {task.person && (
                  <Link to="/people/$id" params={{ id: task.person.id }} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {personName}
                  </Link>
                )}
              </DescriptionItem>
              <DescriptionItem label={t('activity.task.assignee')} emptyText={t('activity.task.unassigned')}>
                {task.assignee?.name}
              </DescriptionItem>
              <DescriptionItem label={t('activity.task.createdBy')}>{task.createdBy?.name}</DescriptionItem>
              <DescriptionItem label={t('activity.task.team')}>{task.team.name}</DescriptionItem>
              <DescriptionItem label={t('activity.task.createdAt')}>
                <FormattedDate value={task.createdAt} format="dateTime" />
              </DescriptionItem>
              {task.completedAt && (
                <DescriptionItem label={t('activity.task.completedAt')}>
                  <FormattedDate value={task.completedAt} format="dateTime" />
                </DescriptionItem>
              )}
            </DescriptionList>
          </CardContent>
        </Card>
        <TaskHistoryCard taskId={task.id} />
      </div>
      <TaskFormDialog open={editing} onClose={() => setEditing(false)} task={task} />
    </div>
  )
}

function TaskPageSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-48 w-full" />
    </div>
  )
}

export function TaskNotFound() {
  const { t } = useTranslation()
  useDocumentTitle(t('activity.task.notFoundTitle'))
  return (
    <StatusScreen
      data-testid="not-found"
      icon={ListChecks}
      eyebrow={t('errors.notFoundCode')}
      title={t('activity.task.notFoundTitle')}
      description={t('activity.task.notFoundText')}
      actions={
        <Link to="/tasks" className={buttonStyles()}>
          {t('activity.task.back')}
        </Link>
      }
    />
  )
}

function TaskLoadError({ onRetry }: { onRetry: () => Promise<unknown> }) {
  const { t } = useTranslation()
  return (
    <RetryAlert title={t('activity.task.loadError')} description={t('activity.errors.failed')} retryLabel={t('common.retry')} onRetry={() => void onRetry()} />
  )
}
