import { byIdInput } from '../../../shared/schemas/common.ts'
import { taskActionInput, taskCreateInput, taskListInput, taskUpdateInput } from '../../../shared/schemas/task.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { completeTask, createTask, deleteTask, getTask, getTaskHistory, listTasks, reopenTask, taskListDependsOn, updateTask } from './task.service.ts'
import { taskBulk } from '../../../shared/schemas/bulk.ts'
import { bulkProcedures } from '../bulk.router.ts'
import { taskBulkKind } from './task-bulk.service.ts'

export const taskRouter = router({
  // First pages and records are cached exactly (cache/read-cache.ts, docs/operations.md): "mine" per
  // user; later pages and the overdue view (which changes as time passes, with no write) are not.
  list: authorizedProcedure('record:read')
    .input(taskListInput)
    .query(({ ctx, input }) => {
      const dependsOn = taskListDependsOn(input)
      if (dependsOn.clock) return listTasks(ctx, input)
      return ctx.readCache.listAnswer('tasks.list', ctx.viewer, input, () => listTasks(ctx, input), dependsOn.caller)
    }),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('tasks.byId', ctx.viewer, input, () => getTask(ctx, input.id))),
  /** Who created, changed, completed or reopened the task, newest first (from the event log). */
  history: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => getTaskHistory(ctx, input.id)),
  create: authorizedProcedure('record:write')
    .input(taskCreateInput)
    .mutation(({ ctx, input }) => createTask(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(taskUpdateInput)
    .mutation(({ ctx, input }) => updateTask(ctx, input)),
  // Readers may reach these: the service lets a writer, or the task's assignee, through.
  complete: authorizedProcedure('record:read')
    .input(taskActionInput)
    .mutation(({ ctx, input }) => completeTask(ctx, input)),
  reopen: authorizedProcedure('record:read')
    .input(taskActionInput)
    .mutation(({ ctx, input }) => reopenTask(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(taskActionInput)
    .mutation(({ ctx, input }) => deleteTask(ctx, input)),
  ...bulkProcedures(taskBulkKind, taskBulk),
})
