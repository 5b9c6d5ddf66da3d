import { createRoute } from '@tanstack/react-router'
import { ApiTokensPage } from '../features/api-token/components/api-tokens-page.tsx'
import { apiTokensQueryOptions } from '../features/api-token/queries.ts'
import { SettingsPage } from '../features/settings/components/settings-page.tsx'
import { settingsQueryOptions } from '../features/settings/queries.ts'
import { SecurityPage } from '../features/security/components/security-page.tsx'
import { authenticatedRoute } from './authenticated.tsx'

/** Every signed-in user's own settings: profile, display, notifications. */
export const settingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'settings',
  // A failed load is told on the page, with a retry, rather than by the route's error screen.
  loader: ({ context }) => context.queryClient.prefetchQuery(settingsQueryOptions(context.trpc)),
  component: SettingsPage,
})

/** Every signed-in user manages their own API tokens here (SPEC §3: a viewer's are read-only). */
export const apiTokensRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'settings/tokens',
  loader: ({ context }) => context.queryClient.prefetchInfiniteQuery(apiTokensQueryOptions(context.trpc)),
  component: ApiTokensPage,
})

/** One's own account security: password and signed-in devices. */
export const securitySettingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'settings/security',
  component: SecurityPage,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const settingsRoutes = [settingsRoute, apiTokensRoute, securitySettingsRoute]
