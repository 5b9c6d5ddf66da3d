import { useMutation, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query'
import type { Page } from '../../../../shared/schemas/common.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { TaskStatus, TaskSummary } from '../task-display.ts'

type TaskPages = InfiniteData<Page<TaskSummary>>
type Snapshot = [QueryKey, TaskPages | undefined]

interface Callbacks {
  onCompleted?: (task: { id: string; title: string }) => void
}

/**
 * Completes or reopens a task in one click: every task list shows the new status at once, and goes
 * back to what it was if the server refuses (permission, network); the lists are refetched either way.
 */
export function useTaskCompletion({ onCompleted }: Callbacks = {}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const lists = trpc.tasks.list.pathFilter()

  const optimistic = (status: TaskStatus) => ({
    onMutate: async ({ id }: { id: string }) => {
      await queryClient.cancelQueries(lists)
      const snapshots = queryClient.getQueriesData<TaskPages>(lists)
      queryClient.setQueriesData<TaskPages>(lists, (data) =>
        data?.pages
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((task) =>
                  task.id === id ? { ...task, status, completedAt: status === 'DONE' ? new Date() : null } : task,
                ),
              })),
            }
          : data,
      )
      return { snapshots }
    },
    onError: (_error: unknown, _input: unknown, context: { snapshots: Snapshot[] } | undefined) => {
      for (const [key, data] of context?.snapshots ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(lists),
        queryClient.invalidateQueries(trpc.tasks.byId.pathFilter()),
        // Person and organisation pages list their open tasks.
        queryClient.invalidateQueries(trpc.people.byId.pathFilter()),
        queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      ]),
  })

  const complete = useMutation(
    trpc.tasks.complete.mutationOptions({
      ...optimistic('DONE'),
      onSuccess: (task) => onCompleted?.(task),
    }),
  )
  const reopen = useMutation(trpc.tasks.reopen.mutationOptions(optimistic('OPEN')))
  return { complete, reopen }
}
