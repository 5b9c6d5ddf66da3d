import { adminRoute } from './admin.tsx'
import { authenticatedRoute } from './authenticated.tsx'
import { dashboardRoute } from './dashboard.tsx'
import { loginRoute } from './login.tsx'
import { mandatesRoute } from './mandates.tsx'
import { notFoundRoute } from './not-found.tsx'
import { organisationsRoute } from './organisations.tsx'
import { peopleRoute } from './people.tsx'
import { pipelineRoute } from './pipeline.tsx'
import { productsRoute } from './products.tsx'
import { rootRoute } from './root.tsx'
import { tasksRoute } from './tasks.tsx'

export const routeTree = rootRoute.addChildren([
  loginRoute,
  authenticatedRoute.addChildren([
    dashboardRoute,
    organisationsRoute,
    peopleRoute,
    pipelineRoute,
    mandatesRoute,
    productsRoute,
    tasksRoute,
    adminRoute,
    notFoundRoute,
  ]),
])
