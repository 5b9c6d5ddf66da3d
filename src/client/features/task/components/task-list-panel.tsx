import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { CircleCheck, PartyPopper, SearchX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { TASK_PRIORITIES } from '../../../../shared/schemas/task.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { loadedRows, totalText } from '../../../components/list-page/use-record-list.ts'
import { cn } from '../../../lib/cn.ts'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { useTaskCompletion } from '../hooks/use-task-completion.ts'
import type { TaskSummary } from '../task-display.ts'
import { taskErrorKey } from '../task-errors.ts'
import { TASK_SHOW_OPTIONS, taskListOptions, type TaskListSearch } from '../task-search.ts'
import { TaskRow, type TaskRowActions } from './task-row.tsx'
import { TaskBulkActions } from './task-bulk-actions.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { useSelection } from '../../../components/list-page/selection.ts'
import { useListLiveRefresh } from '../../../components/list-page/use-list-live-refresh.ts'
import { useTeamMembers } from '../../organisation/hooks/use-team-members.ts'

interface TaskListPanelProps extends Pick<TaskRowActions, 'onEdit' | 'onDelete'> {
  search: TaskListSearch
  onSearchChange: (search: TaskListSearch) => void
}

/** One view's tasks: filters, the list with one-click completion, and further pages on demand. */
export function TaskListPanel({ search, onSearchChange, onEdit, onDelete }: TaskListPanelProps) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const { complete, reopen } = useTaskCompletion({
    onCompleted: (task) => showToast({ message: t('task.list.completed', { title: task.title }), onUndo: () => setDone(task.id, false) }),
  })
  const query = useInfiniteQuery({ ...taskListOptions(trpc, search), placeholderData: keepPreviousData })
  const { items, total, totalCapped } = loadedRows(query.data)
  const overdueView = search.view === 'overdue'
  const filtered = Boolean(search.q || search.priority?.length || (!overdueView && search.show !== 'active'))
  const toggleError = complete.error ?? reopen.error

  const setDone = (taskId: string, done: boolean) => {
    complete.reset()
    reopen.reset()
    if (done) complete.mutate({ id: taskId })
    else reopen.mutate({ id: taskId })
  }
  const canToggle = (task: TaskSummary) => canWrite || task.assigneeId === viewer.id
  const selection = useSelection(JSON.stringify(search))
  const members = useTeamMembers({ activeOnly: true })
  const ids = items.map((task) => task.id)
  const ticked = ids.filter((id) => selection.has(id)).length
  useListLiveRefresh('task', trpc.tasks.list.pathFilter())

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <SearchField
          label={t('task.list.search')}
          value={search.q ?? ''}
          onChange={(q) => onSearchChange({ ...search, q: q || undefined })}
          className="lg:max-w-xs lg:flex-1"
        />
        <div className="flex flex-wrap items-center gap-3">
          {!overdueView && (
            <SegmentedControl
              legend={t('task.list.showLegend')}
              options={TASK_SHOW_OPTIONS.map((show) => ({ value: show, label: t(`task.list.show.${show}`) }))}
              value={search.show}
              onChange={(show) => onSearchChange({ ...search, show })}
            />
          )}
          <MultiSelect
            label={t('task.list.priorityFilter')}
            options={TASK_PRIORITIES.map((priority) => ({ value: priority, label: t(`task.priorities.${priority}`) }))}
            value={search.priority ?? []}
            onChange={(priority) => onSearchChange({ ...search, priority: priority.length ? priority : undefined })}
            clearLabel={t('task.list.clearFilter')}
            className="w-44"
          />
        </div>
      </div>

      {toggleError && <Alert tone="error">{t(taskErrorKey(toggleError) ?? 'errors.server')}</Alert>}

      {query.isPending ? (
        <TaskListSkeleton label={t('common.loading')} />
      ) : query.isError && !query.data ? (
        <RetryAlert
          title={t('task.list.loadError')}
          description={errorKind(query.error) === 'unreachable' ? t('errors.unreachable') : t('errors.server')}
          retryLabel={t('common.retry')}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={SearchX}
            title={t('task.list.noMatchTitle')}
            description={t('task.list.noMatchText')}
            action={
              <Button variant="secondary" onClick={() => onSearchChange({ view: search.view, show: 'active' })}>
                {t('task.list.clearFilters')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={overdueView ? PartyPopper : CircleCheck}
            title={t(`task.empty.${search.view}.title`)}
            description={t(`task.empty.${search.view}.text`)}
          />
        )
      ) : (
        <div className="space-y-4">
          {canWrite && (
            <>
              <CheckboxField
                label={t('list.selectAll')}
                checked={ticked > 0 && ticked === ids.length}
                onChange={() => selection.toggleAll(ids)}
                className="px-1"
                data-testid="select-all"
              />
              <TaskBulkActions selection={selection} members={members.data?.items ?? []} />
            </>
          )}
          <ul
            aria-label={t(`task.views.${search.view}`)}
            className={cn(
              'divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm transition-opacity dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900',
              query.isPlaceholderData && 'opacity-60',
            )}
            data-testid="task-list"
          >
            {items.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                canToggle={canToggle(task)}
                selection={canWrite ? selection : undefined}
                onToggle={(toggled, done) => setDone(toggled.id, done)}
                onEdit={onEdit}
                onReopen={canToggle(task) ? (reopened) => setDone(reopened.id, false) : undefined}
                onDelete={onDelete}
              />
            ))}
          </ul>
          <LoadMore
            summary={t('task.list.count', { shown: items.length, count: total, total: totalText(total, totalCapped, i18n.language) })}
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            loadMoreLabel={t('task.list.loadMore')}
          />
        </div>
      )}
    </div>
  )
}

function TaskListSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      <span role="status" className="sr-only">
        {label}
      </span>
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="flex items-start gap-3 px-5 py-4">
          <Skeleton className="mt-0.5 size-4 rounded" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-3 w-1/3" />
          </div>
          <Skeleton className="h-5 w-16 rounded-full" />
        </div>
      ))}
    </div>
  )
}
