import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { EDITABLE_TASK_STATUSES, TASK_PRIORITIES, taskCreateInput } from '../../../../shared/schemas/task.ts'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { useRecordForm } from '../../../components/record-form/use-record-form.ts'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { validateForm } from '../../../lib/forms.ts'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { OrganisationPicker, type PickedOrganisation } from '../../person/components/organisation-picker.tsx'
import { taskErrorKey } from '../task-errors.ts'
import type { TaskDetail, TaskPriority, TaskStatus } from '../task-display.ts'
import { taskValuesOf, toTaskInput } from '../task-form-values.ts'
import { AssigneeSelect } from './assignee-select.tsx'

/** The shared rules, minus the team (a form always writes to the viewer's or the record's team). */
const taskFormInput = taskCreateInput.omit({ teamId: true })

interface TaskFormDialogProps {
  open: boolean
  onClose: () => void
  /** The task to edit; without it the dialog creates one. */
  task?: TaskDetail
  /** A new task about the record the user is on. */
  about?: { organisation?: PickedOrganisation | null; personId?: string }
}

export function TaskFormDialog({ open, ...props }: TaskFormDialogProps) {
  return open ? <TaskFormDialogContent {...props} /> : null
}

function TaskFormDialogContent({ onClose, task, about }: Omit<TaskFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const viewer = useViewer()

  const form = useRecordForm({
    record: task,
    valuesOf: (record?: TaskDetail) => taskValuesOf(record),
    initialValues: {
      ...taskValuesOf(task, task ? undefined : viewer.id),
      ...(about?.organisation ? { organisation: about.organisation } : {}),
    },
    validate: (values) => validateForm(taskFormInput, toTaskInput(values)),
    create: (data) => client.tasks.create.mutate({ ...data, personId: about?.personId ?? data.personId }),
    update: (input) => client.tasks.update.mutate(input),
    // Compared as the inputs hold them, sent as validated (dates as Date).
    changes: (base, data, values) => {
      const before = toTaskInput(taskValuesOf(base))
      const after = toTaskInput(values)
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key])
      return Object.fromEntries(changed.map((key) => [key, data[key]])) as Partial<typeof data>
    },
    localise: (errors) => {
      const result = { ...errors }
      for (const [field, key] of Object.entries(FIELD_MESSAGES)) {
        if (errors[field]?.length) result[field] = [t(key)]
      }
      return result
    },
    onConflict: (current) => queryClient.setQueryData(trpc.tasks.byId.queryKey({ id: current.id }), current),
    onSaved: async (saved) => {
      queryClient.setQueryData(trpc.tasks.byId.queryKey({ id: saved.id }), saved)
      onClose()
      await Promise.all([
        queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
        queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
        queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      ])
    },
    onUnchanged: onClose,
    errorText: (error) => {
      const key = taskErrorKey(error)
      return key && t(key)
    },
  })
  const { base, values, set, fieldErrors } = form

  return (
    <RecordFormDialog
      title={base ? t('task.form.editTitle') : t('task.form.createTitle')}
      cancelLabel={t('task.form.cancel')}
      submitLabel={base ? t('task.form.save') : t('task.form.create')}
      size="lg"
      onClose={onClose}
      {...form.dialog}
      data-testid="task-form-dialog"
    >
      <TextField
        label={t('task.form.title')}
        name="title"
        value={values.title}
        onChange={(event) => set('title', event.target.value)}
        errors={fieldErrors.title}
        data-autofocus
      />
      <TextareaField
        label={t('task.form.description')}
        name="description"
        rows={3}
        value={values.description}
        onChange={(event) => set('description', event.target.value)}
        errors={fieldErrors.description}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('task.form.dueAt')}
          name="dueAt"
          type="datetime-local"
          value={values.dueAt}
          onChange={(event) => set('dueAt', event.target.value)}
          errors={fieldErrors.dueAt}
          className="[&_input]:dark:[color-scheme:dark]"
        />
        <SelectField
          label={t('task.form.priority')}
          name="priority"
          value={values.priority}
          onChange={(event) => set('priority', event.target.value as TaskPriority)}
          errors={fieldErrors.priority}
        >
          {TASK_PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`task.priorities.${priority}`)}
            </option>
          ))}
        </SelectField>
        <AssigneeSelect
          teamId={base?.teamId ?? viewer.teamId ?? undefined}
          value={values.assigneeId}
          onChange={(assigneeId) => set('assigneeId', assigneeId)}
          errors={fieldErrors.assigneeId}
        />
        {base && (
          <SelectField
            label={t('task.form.status')}
            name="status"
            value={values.status}
            onChange={(event) => set('status', event.target.value as TaskStatus)}
            errors={fieldErrors.status}
          >
            {/* Done is reached by ticking the task, never by editing it. */}
            {values.status === 'DONE' && (
              <option value="DONE" disabled>
                {t('task.statuses.DONE')}
              </option>
            )}
            {EDITABLE_TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`task.statuses.${status}`)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <OrganisationPicker
        label={t('task.form.organisation')}
        value={values.organisation}
        onChange={(organisation) => set('organisation', organisation)}
        errors={fieldErrors.organisationId}
        teamId={base?.teamId ?? viewer.teamId ?? undefined}
        clearable
      />
    </RecordFormDialog>
  )
}

type FieldMessageKey = 'task.form.dueInvalid' | 'task.form.assigneeUnavailable' | 'task.form.organisationUnavailable'

/** Fields whose problems read the same whatever the rule broken, in the UI language (translation keys). */
const FIELD_MESSAGES: Record<string, FieldMessageKey> = {
  dueAt: 'task.form.dueInvalid',
  assigneeId: 'task.form.assigneeUnavailable',
  organisationId: 'task.form.organisationUnavailable',
}
