import { z } from 'zod'
import { idSchema, optionalText, pageInput, requiredText, sortDirection, versionSchema } from './common.ts'

export const TASK_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const
export const TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const
/** Statuses set by create/update; DONE is reached only through `complete`, so completion is always an explicit event. */
export const EDITABLE_TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'CANCELLED'] as const
/** Statuses of a task still to do: those that can be overdue. */
export const ACTIVE_TASK_STATUSES = ['OPEN', 'IN_PROGRESS'] as const

export const taskPriority = z.enum(TASK_PRIORITIES)
export const taskStatus = z.enum(TASK_STATUSES)
export const editableTaskStatus = z.enum(EDITABLE_TASK_STATUSES)

/** A Date (typed clients) or an ISO 8601 string with its offset (forms, plain JSON), in a range PostgreSQL stores. */
export const dueAtSchema = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))], {
    error: 'date_invalid',
  })
  .pipe(
    z
      .date()
      .min(new Date('1900-01-01T00:00:00Z'), 'date_too_early')
      .max(new Date('2199-12-31T23:59:59Z'), 'date_too_late'),
  )

const taskFields = {
  title: requiredText(200),
  description: optionalText(5_000),
  dueAt: dueAtSchema.nullish(),
  priority: taskPriority,
  status: editableTaskStatus,
  /** An active member of the task's team. */
  assigneeId: idSchema.nullish(),
  organisationId: idSchema.nullish(),
  personId: idSchema.nullish(),
}

export const taskCreateInput = z.object({
  ...taskFields,
  priority: taskFields.priority.default('MEDIUM'),
  status: taskFields.status.default('OPEN'),
  /** Only an admin may create in another team; others always create in their own. */
  teamId: idSchema.optional(),
})
export type TaskCreateInput = z.input<typeof taskCreateInput>

export const taskUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(taskFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type TaskUpdateInput = z.input<typeof taskUpdateInput>

/** complete, reopen and delete: the version is optional; when given, a stale one is refused. */
export const taskActionInput = z.object({ id: idSchema, version: versionSchema.optional() })
export type TaskActionInput = z.input<typeof taskActionInput>

export const TASK_VIEWS = ['mine', 'team', 'overdue'] as const
export const TASK_SORT_FIELDS = ['dueAt', 'priority', 'updatedAt', 'createdAt'] as const

export const taskListInput = z.object({
  ...pageInput,
  /** mine: assigned to me; team: every task I can see; overdue: due in the past and still to do. */
  view: z.enum(TASK_VIEWS).default('team'),
  q: z.string().trim().max(100).optional(),
  status: z.array(taskStatus).max(TASK_STATUSES.length).optional(),
  priority: z.array(taskPriority).max(TASK_PRIORITIES.length).optional(),
  assigneeId: idSchema.optional(),
  organisationId: idSchema.optional(),
  personId: idSchema.optional(),
  teamId: idSchema.optional(),
  sort: z
    .object({ field: z.enum(TASK_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'dueAt', direction: 'asc' }),
})
export type TaskListInput = z.input<typeof taskListInput>
