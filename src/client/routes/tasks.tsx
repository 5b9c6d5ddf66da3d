import { createRoute, notFound } from '@tanstack/react-router'
import { idSchema } from '../../shared/schemas/common.ts'
import { TaskNotFound, TaskPage } from '../features/task/components/task-page.tsx'
import { TasksPage } from '../features/task/components/tasks-page.tsx'
import { errorKind } from '../lib/errors.ts'
import { taskListOptions, taskListSearch } from '../features/task/task-search.ts'
import { authenticatedRoute } from './authenticated.tsx'

export const tasksRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'tasks',
  validateSearch: taskListSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: switching tabs or typing must not hold the page in a pending state; failures show in place.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(taskListOptions(context.trpc, deps))
  },
  component: TasksRouteComponent,
})

function TasksRouteComponent() {
  const search = tasksRoute.useSearch()
  const navigate = tasksRoute.useNavigate()
  // A new tab is a new page in the history; a filter change only refines the current one.
  return (
    <TasksPage
      search={search}
      onSearchChange={(next) => void navigate({ search: next, replace: next.view === search.view })}
    />
  )
}

export const taskRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'tasks/$id',
  loader: async ({ context, params }) => {
    // A malformed id can name nothing: same answer as a task outside the team.
    if (!idSchema.safeParse(params.id).success) throw notFound()
    try {
      await context.queryClient.ensureQueryData(context.trpc.tasks.byId.queryOptions({ id: params.id }))
    } catch (error) {
      if (errorKind(error) === 'notFound') throw notFound()
      throw error
    }
  },
  notFoundComponent: TaskNotFound,
  component: TaskRouteComponent,
})

function TaskRouteComponent() {
  const { id } = taskRoute.useParams()
  return <TaskPage key={id} id={id} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const taskRoutes = [tasksRoute, taskRoute]
