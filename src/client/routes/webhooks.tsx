import { createRoute, notFound } from '@tanstack/react-router'
import { can } from '../../shared/permissions.ts'
import { WebhooksPage } from '../features/webhook/components/webhooks-page.tsx'
import { webhooksQueryOptions } from '../features/webhook/queries.ts'
import { webhookSearch } from '../features/webhook/webhook-search.ts'
import { authenticatedRoute } from './authenticated.tsx'

export const webhooksRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'webhooks',
  validateSearch: webhookSearch,
  // Same answer as an unknown page: a role without access learns nothing about what is there.
  beforeLoad: ({ context }) => {
    if (!can(context.viewer.role, 'webhooks:manage')) throw notFound()
  },
  // A failed load is told on the page, with a retry, rather than by the route's error screen.
  loader: ({ context }) => context.queryClient.prefetchQuery(webhooksQueryOptions(context.trpc)),
  component: WebhooksPage,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const webhookRoutes = [webhooksRoute]
