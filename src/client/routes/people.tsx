import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const peopleRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'people',
  component: () => <SectionPlaceholder section="people" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const personRoutes = [peopleRoute]
