import type { StatusTone } from '../../components/ui/status-badge.tsx'
import type { RouterOutputs } from '../../lib/trpc.ts'
import {
  ACTIVE_TASK_STATUSES,
  type TASK_PRIORITIES,
  type TASK_STATUSES,
} from '../../../shared/schemas/task.ts'

export type TaskSummary = RouterOutputs['tasks']['list']['items'][number]
export type TaskDetail = RouterOutputs['tasks']['byId']
export type TaskPriority = (typeof TASK_PRIORITIES)[number]
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const TASK_PRIORITY_TONES: Record<TaskPriority, StatusTone> = {
  LOW: 'neutral',
  MEDIUM: 'info',
  HIGH: 'warning',
  URGENT: 'danger',
}

export const TASK_STATUS_TONES: Record<TaskStatus, StatusTone> = {
  OPEN: 'accent',
  IN_PROGRESS: 'info',
  DONE: 'success',
  CANCELLED: 'neutral',
}

export function isActiveTask(status: TaskStatus): boolean {
  return (ACTIVE_TASK_STATUSES as readonly string[]).includes(status)
}

/** Due in the past and still to do: the same rule as the server's "overdue" view. */
export function isOverdue(task: { dueAt: Date | null; status: TaskStatus }, now = new Date()): boolean {
  return task.dueAt !== null && new Date(task.dueAt) < now && isActiveTask(task.status)
}
