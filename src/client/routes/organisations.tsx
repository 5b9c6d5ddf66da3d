import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const organisationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'organisations',
  component: () => <SectionPlaceholder section="organisations" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const organisationRoutes = [organisationsRoute]
