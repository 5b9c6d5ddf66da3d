import { createRoute } from '@tanstack/react-router'
import { DashboardPage } from '../features/dashboard/components/dashboard-page.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const dashboardRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/',
  component: DashboardPage,
})
