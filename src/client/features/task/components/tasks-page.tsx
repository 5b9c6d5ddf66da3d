import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { AlarmClock, ListChecks, Plus, User, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { TabPanel, Tabs } from '../../../components/ui/tabs.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { ExportMenu } from '../../export/components/export-menu.tsx'
import { PageHeader } from '../../shell/components/page-header.tsx'
import type { TaskSummary } from '../task-display.ts'
import { taskErrorKey } from '../task-errors.ts'
import { taskListQuery, type TaskListSearch, type TaskView } from '../task-search.ts'
import { TaskFormDialog } from './task-form-dialog.tsx'
import { TaskListPanel } from './task-list-panel.tsx'

const TABS_ID = 'task-views'
const VIEW_ICONS = { mine: User, team: Users, overdue: AlarmClock } as const

interface TasksPageProps {
  search: TaskListSearch
  onSearchChange: (search: TaskListSearch) => void
}

export function TasksPage({ search, onSearchChange }: TasksPageProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const canWrite = can(viewer.role, 'record:write')
  const canDelete = can(viewer.role, 'record:delete')
  const [creating, setCreating] = useState(false)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<TaskSummary | null>(null)

  const remove = useMutation(
    trpc.tasks.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null)
        await Promise.all([
          queryClient.invalidateQueries(trpc.tasks.pathFilter()),
          queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
          queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
        ])
      },
    }),
  )

  const views: { value: TaskView; label: string; icon: (typeof VIEW_ICONS)[TaskView] }[] = (
    ['mine', 'team', 'overdue'] as const
  ).map((view) => ({ value: view, label: t(`task.views.${view}`), icon: VIEW_ICONS[view] }))

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('task.list.title')}
        description={t('task.list.description')}
        icon={ListChecks}
        actions={
          <>
            <ExportMenu entity="tasks" filters={taskListQuery(search)} />
            {canWrite && (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden className="size-4" />
                {t('task.list.create')}
              </Button>
            )}
          </>
        }
      />

      <div>
        <Tabs
          label={t('task.views.label')}
          idBase={TABS_ID}
          items={views}
          value={search.view}
          onChange={(view) => onSearchChange({ ...search, view })}
        />
        <TabPanel idBase={TABS_ID} value={search.view} className="pt-5">
          <TaskListPanel
            search={search}
            onSearchChange={onSearchChange}
            onEdit={canWrite ? (task) => setEditingId(task.id) : undefined}
            onDelete={canDelete ? setDeleting : undefined}
          />
        </TabPanel>
      </div>

      <TaskFormDialog open={creating} onClose={() => setCreating(false)} />
      {editingId && <EditTaskDialog taskId={editingId} onClose={() => setEditingId(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={t('task.delete.title')}
        description={t('task.delete.text', { title: deleting?.title ?? '' })}
        confirmLabel={t('task.delete.confirm')}
        cancelLabel={t('task.form.cancel')}
        tone="danger"
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version })}
        onCancel={() => {
          setDeleting(null)
          remove.reset()
        }}
        error={remove.error && <Alert tone="error">{t(taskErrorKey(remove.error) ?? 'errors.server')}</Alert>}
      />
    </div>
  )
}

/** The list holds summaries; editing needs the whole task (its description), fetched fresh. */
function EditTaskDialog({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const task = useQuery({ ...trpc.tasks.byId.queryOptions({ id: taskId }), staleTime: 0 })
  if (task.isError) {
    return (
      <ConfirmDialog
        open
        title={t('task.form.editTitle')}
        description={t(taskErrorKey(task.error) ?? 'errors.server')}
        confirmLabel={t('common.retry')}
        cancelLabel={t('task.form.cancel')}
        onConfirm={() => void task.refetch()}
        onCancel={onClose}
        loading={task.isFetching}
      />
    )
  }
  return task.data && task.isFetchedAfterMount ? <TaskFormDialog open onClose={onClose} task={task.data} /> : null
}
