import { createRoute, notFound } from '@tanstack/react-router'
import { can } from '../../shared/permissions.ts'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const adminRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'admin',
  // Same answer as an unknown page: a role without access learns nothing about what is there.
  beforeLoad: ({ context }) => {
    if (!can(context.viewer.role, 'users:manage')) throw notFound()
  },
  component: () => <SectionPlaceholder section="admin" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const adminRoutes = [adminRoute]
