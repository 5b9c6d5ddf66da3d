import { createRoute } from '@tanstack/react-router'
import { DashboardPage } from '../features/dashboard/components/dashboard-page.tsx'
import { dashboardSearchSchema } from '../features/dashboard/dashboard-search.ts'
import { authenticatedRoute } from './authenticated.tsx'

export const dashboardRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/',
  validateSearch: dashboardSearchSchema,
  component: DashboardRouteComponent,
})

function DashboardRouteComponent() {
  const search = dashboardRoute.useSearch()
  const navigate = dashboardRoute.useNavigate()
  return <DashboardPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}
