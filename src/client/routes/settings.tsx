import { createRoute, redirect } from '@tanstack/react-router'
import { ApiTokensPage } from '../features/api-token/components/api-tokens-page.tsx'
import { apiTokensQueryOptions } from '../features/api-token/queries.ts'
import { authenticatedRoute } from './authenticated.tsx'

/** Personal settings have one page so far: the bare address leads to it. */
export const settingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'settings',
  beforeLoad: () => {
    throw redirect({ to: '/settings/tokens', replace: true })
  },
})

/** Every signed-in user manages their own API tokens here (SPEC §3: a viewer's are read-only). */
export const apiTokensRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'settings/tokens',
  // A failed load is told on the page, with a retry, rather than by the route's error screen.
  loader: ({ context }) => context.queryClient.prefetchInfiniteQuery(apiTokensQueryOptions(context.trpc)),
  component: ApiTokensPage,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const settingsRoutes = [settingsRoute, apiTokensRoute]
