import { createRoute } from '@tanstack/react-router'
import { ActivitiesPage } from '../features/activity/components/activities-page.tsx'
import { activityListOptions, activityListSearch, effectiveActivitySearch } from '../features/activity/activity-search.ts'
import { authenticatedRoute } from './authenticated.tsx'

/** Every logged activity of the team (SPEC §3: what the viewer may read), filterable and exportable. */
export const activitiesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'activities',
  validateSearch: activityListSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: changing a filter must not hold the page in a pending state; failures show in place.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(activityListOptions(context.trpc, effectiveActivitySearch(deps), context.viewer.id))
  },
  component: ActivitiesRouteComponent,
})

function ActivitiesRouteComponent() {
  const search = activitiesRoute.useSearch()
  const navigate = activitiesRoute.useNavigate()
  return <ActivitiesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}

export const activityRoutes = [activitiesRoute]
