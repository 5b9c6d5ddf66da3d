import { createRoute } from '@tanstack/react-router'
import { TasksPage } from '../features/task/components/tasks-page.tsx'
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

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const taskRoutes = [tasksRoute]
