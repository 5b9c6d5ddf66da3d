import type { PickedOrganisation } from '../person/components/organisation-picker.tsx'
import type { TaskDetail, TaskPriority, TaskStatus } from './task-display.ts'

/** What the task form edits, as its inputs hold it (strings; '' for nothing). */
export interface TaskFormValues {
  title: string
  description: string
  /** A datetime-local value: 'YYYY-MM-DDTHH:mm' in the browser's time zone. */
  dueAt: string
  priority: TaskPriority
  status: TaskStatus
  assigneeId: string
  organisation: PickedOrganisation | null
}

const pad = (value: number) => String(value).padStart(2, '0')

function toDateTimeInput(value: Date | null): string {
  if (!value) return ''
  const date = new Date(value)
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export function taskValuesOf(task?: TaskDetail, defaultAssigneeId = ''): TaskFormValues {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    dueAt: toDateTimeInput(task?.dueAt ?? null),
    priority: task?.priority ?? 'MEDIUM',
    status: task?.status ?? 'OPEN',
    assigneeId: task ? (task.assigneeId ?? '') : defaultAssigneeId,
    organisation: task?.organisation ?? null,
  }
}

/** The API's view of the form (before validation by the shared schema). */
export function toTaskInput(values: TaskFormValues) {
  const due = values.dueAt ? new Date(values.dueAt) : null
  return {
    title: values.title,
    description: values.description,
    // A date the browser cannot read is passed as typed, so that validation reports it.
    dueAt: due ? (Number.isNaN(due.getTime()) ? values.dueAt : due.toISOString()) : null,
    priority: values.priority,
    // DONE is left out: only ticking the task reaches it, and an edit may not send it.
    status: values.status === 'DONE' ? undefined : values.status,
    assigneeId: values.assigneeId || null,
    organisationId: values.organisation?.id ?? null,
  }
}
