import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const pipelineRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'pipeline',
  component: () => <SectionPlaceholder section="pipeline" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const pipelineRoutes = [pipelineRoute]
