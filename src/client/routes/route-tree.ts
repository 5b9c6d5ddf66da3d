import { activityRoutes } from './activities.tsx'
import { adminRoutes } from './admin.tsx'
import { authenticatedRoute } from './authenticated.tsx'
import { dashboardRoute } from './dashboard.tsx'
import { importRoutes } from './imports.tsx'
import { loginRoute } from './login.tsx'
import { mandateRoutes } from './mandates.tsx'
import { notFoundRoute } from './not-found.tsx'
import { organisationRoutes } from './organisations.tsx'
import { personRoutes } from './people.tsx'
import { pipelineRoutes } from './pipeline.tsx'
import { productRoutes } from './products.tsx'
import { rootRoute } from './root.tsx'
import { searchRoutes } from './search.tsx'
import { settingsRoutes } from './settings.tsx'
import { taskRoutes } from './tasks.tsx'
import { webhookRoutes } from './webhooks.tsx'

export const routeTree = rootRoute.addChildren([
  loginRoute,
  authenticatedRoute.addChildren([
    dashboardRoute,
    ...organisationRoutes,
    ...personRoutes,
    ...pipelineRoutes,
    ...mandateRoutes,
    ...productRoutes,
    ...taskRoutes,
    ...activityRoutes,
    ...importRoutes,
    ...adminRoutes,
    ...webhookRoutes,
    ...settingsRoutes,
    ...searchRoutes,
    notFoundRoute,
  ]),
])
