import { createRouter } from '@tanstack/react-router'
import { NotFound } from './features/shell/components/not-found.tsx'
import { PagePending } from './features/shell/components/pending-screens.tsx'
import { RouteError } from './features/shell/components/route-error.tsx'
import type { RouterContext } from './routes/root.tsx'
import { routeTree } from './routes/route-tree.ts'

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: 'intent',
    // React Query owns caching; the router must always ask it rather than keep its own copy.
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 400,
    defaultPendingComponent: PagePending,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
  })
}

export type ClientRouter = ReturnType<typeof createAppRouter>

declare module '@tanstack/react-router' {
  interface Register {
    router: ClientRouter
  }
}
