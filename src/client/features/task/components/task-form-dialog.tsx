import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { EDITABLE_TASK_STATUSES, TASK_PRIORITIES, taskCreateInput } from '../../../../shared/schemas/task.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { requiredFieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { OrganisationPicker } from '../../person/components/organisation-picker.tsx'
import { taskErrorKey } from '../task-errors.ts'
import type { TaskDetail, TaskPriority, TaskStatus } from '../task-display.ts'
import { taskValuesOf, toTaskInput, type TaskFormValues } from '../task-form-values.ts'
import { AssigneeSelect } from './assignee-select.tsx'

interface TaskFormDialogProps {
  open: boolean
  onClose: () => void
  /** The task to edit; without it the dialog creates one. */
  task?: TaskDetail
}

export function TaskFormDialog({ open, ...props }: TaskFormDialogProps) {
  return open ? <TaskFormDialogContent {...props} /> : null
}

function TaskFormDialogContent({ onClose, task }: Omit<TaskFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const formId = useId()
  // The version the edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState(task)
  const [values, setValues] = useState<TaskFormValues>(() => taskValuesOf(task, task ? undefined : viewer.id))
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({})

  const localise = (errors: Record<string, string[] | undefined>) => {
    const result = { ...errors }
    for (const [field, key] of Object.entries(FIELD_MESSAGES)) {
      if (errors[field]?.length) result[field] = [t(key)]
    }
    return result
  }

  const onError = (error: unknown) => {
    const current = (error as { data?: { details?: { current?: TaskDetail } | null } }).data?.details?.current
    if (errorKind(error) === 'conflict' && current) {
      queryClient.setQueryData(trpc.tasks.byId.queryKey({ id: current.id }), current)
      setBase(current)
      setValues(taskValuesOf(current))
    }
    setFieldErrors(localise(fieldErrorsOf(error)))
  }

  const afterSave = async (saved: TaskDetail) => {
    queryClient.setQueryData(trpc.tasks.byId.queryKey({ id: saved.id }), saved)
    onClose()
    await Promise.all([
      queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
      queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
      queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
    ])
  }
  const create = useMutation(trpc.tasks.create.mutationOptions({ onSuccess: afterSave, onError }))
  const update = useMutation(trpc.tasks.update.mutationOptions({ onSuccess: afterSave, onError }))
  const mutation = base ? update : create

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = taskCreateInput.safeParse(toTaskInput(values), { error: requiredFieldErrors(t('common.required')) })
    if (!parsed.success) {
      setFieldErrors(localise(z.flattenError(parsed.error).fieldErrors))
      const form = event.currentTarget
      // Once the messages are rendered, the first field marked invalid (in reading order) gets focus.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setFieldErrors({})
    const { teamId: _team, ...data } = parsed.data
    if (!base) {
      create.mutate(data)
      return
    }
    const before = toTaskInput(taskValuesOf(base))
    const changed = Object.fromEntries(
      Object.entries(toTaskInput(values)).filter(([key, value]) => before[key as keyof typeof before] !== value),
    )
    // Only what the user changed is sent, re-read from the validated data (dates as Date).
    const patch = Object.fromEntries(
      Object.keys(changed).map((key) => [key, data[key as keyof typeof data]]),
    ) as Partial<typeof data>
    if (Object.keys(patch).length === 0) onClose()
    else update.mutate({ id: base.id, version: base.version, data: patch })
  }

  const set = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const formErrorKey = mutation.error ? taskErrorKey(mutation.error) : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={base ? t('task.form.editTitle') : t('task.form.createTitle')}
      closeLabel={t('task.form.cancel')}
      dismissible={!mutation.isPending}
      size="lg"
      data-testid="task-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {t('task.form.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {base ? t('task.form.save') : t('task.form.create')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {formErrorKey && (
          <Alert tone={errorKind(mutation.error) === 'conflict' ? 'warning' : 'error'}>{t(formErrorKey)}</Alert>
        )}
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
      </form>
    </Dialog>
  )
}

type FieldMessageKey = 'task.form.dueInvalid' | 'task.form.assigneeUnavailable' | 'task.form.organisationUnavailable'

/** Fields whose problems read the same whatever the rule broken, in the UI language (translation keys). */
const FIELD_MESSAGES: Record<string, FieldMessageKey> = {
  dueAt: 'task.form.dueInvalid',
  assigneeId: 'task.form.assigneeUnavailable',
  organisationId: 'task.form.organisationUnavailable',
}
