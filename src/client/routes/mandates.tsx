import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const mandatesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'mandates',
  component: () => <SectionPlaceholder section="mandates" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const mandateRoutes = [mandatesRoute]
