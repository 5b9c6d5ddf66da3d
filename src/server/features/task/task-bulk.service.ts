import type { TaskBulkFields } from '../../../shared/schemas/bulk.ts'
import type { Prisma } from '../../db/client.ts'
import { diffFields } from '../../events/event-log.ts'
import type { BulkKind } from '../bulk.ts'
import { eventPayload } from './task.service.ts'

type Task = Prisma.TaskGetPayload<object>

/** Tasks in the shared bulk mechanism (../bulk.ts): assign, set status or priority, delete. */
export const taskBulkKind: BulkKind<Task, TaskBulkFields> = {
  entity: 'task',
  table: 'Task',
  label: 'Task',
  find: (tx, where) => tx.task.findMany({ where }),
  update: (tx, id, data) => tx.task.update({ where: { id }, data }),
  remove: (tx, ids) => tx.task.deleteMany({ where: { id: { in: ids } } }),
  memberField: 'assigneeId',
  // A task done gets its completion time; reopened or cancelled, it loses it (as a single edit does).
  derived: (task, fields) =>
    fields.status === undefined ? {} : { completedAt: fields.status === 'DONE' ? (task.completedAt ?? new Date()) : null },
  updatedEvent: (before, after, keys) => ({
    type: after.status === 'DONE' && before.status !== 'DONE' ? 'task.completed' : 'task.updated',
    payload: eventPayload(after, {
      completedAt: after.completedAt,
      changes: diffFields(before, after, [...keys, ...(keys.includes('status') ? (['completedAt'] as const) : [])]),
      // The assignment notification reads who had the task before.
      ...(before.assigneeId === after.assigneeId ? {} : { previousAssigneeId: before.assigneeId }),
    }),
  }),
  deletedPayload: (task) => eventPayload(task),
}
