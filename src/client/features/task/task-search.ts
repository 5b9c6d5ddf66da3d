import { z } from 'zod'
import { ACTIVE_TASK_STATUSES, TASK_VIEWS, taskPriority, type TaskListInput } from '../../../shared/schemas/task.ts'
import type { Trpc } from '../../lib/trpc.ts'

const PAGE_SIZE = 50

/** Which tasks of the view are listed: those still to do (the default), those done, or all of them. */
export const TASK_SHOW_OPTIONS = ['active', 'done', 'all'] as const
export type TaskShow = (typeof TASK_SHOW_OPTIONS)[number]
export type TaskView = (typeof TASK_VIEWS)[number]

/** The list's view and filters as they appear in the URL; anything malformed falls back to the default. */
export const taskListSearch = z.object({
  view: z.enum(TASK_VIEWS).default('mine').catch('mine'),
  show: z.enum(TASK_SHOW_OPTIONS).default('active').catch('active'),
  priority: z.array(taskPriority).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
})
export type TaskListSearch = z.infer<typeof taskListSearch>

const STATUSES_SHOWN: Record<TaskShow, TaskListInput['status']> = {
  active: [...ACTIVE_TASK_STATUSES],
  done: ['DONE'],
  all: undefined,
}

export function taskListQuery(search: TaskListSearch): TaskListInput {
  // Overdue tasks are still to do by definition: the server applies that rule itself.
  const show = search.view === 'overdue' ? 'all' : search.show
  return {
    view: search.view,
    q: search.q || undefined,
    priority: search.priority,
    status: STATUSES_SHOWN[show],
    // Done tasks read best most recent first; tasks to do, soonest due first.
    sort: show === 'done' ? { field: 'updatedAt', direction: 'desc' } : { field: 'dueAt', direction: 'asc' },
    limit: PAGE_SIZE,
  }
}

/** The list's query, shared by the route loader (first page) and the page (further pages). */
export function taskListOptions(trpc: Trpc, search: TaskListSearch) {
  return trpc.tasks.list.infiniteQueryOptions(taskListQuery(search), {
    getNextPageParam: (page) => page.nextCursor,
  })
}
