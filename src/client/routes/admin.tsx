import { createRoute, notFound } from '@tanstack/react-router'
import { can } from '../../shared/permissions.ts'
import { AdminPage } from '../features/admin/components/admin-page.tsx'
import { adminSearch } from '../features/admin/admin-search.ts'
import { teamsQueryOptions, usersQueryOptions } from '../features/admin/queries.ts'
import { authenticatedRoute } from './authenticated.tsx'
import { AuditPage } from '../features/security/components/audit-page.tsx'
import { auditSearch } from '../features/security/audit-search.ts'

export const adminRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'admin',
  validateSearch: adminSearch,
  // Same answer as an unknown page: a role without access learns nothing about what is there.
  beforeLoad: ({ context }) => {
    if (!can(context.viewer.role, 'users:manage')) throw notFound()
  },
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    // Not awaited: changing a filter shows the previous rows dimmed instead of a pending screen.
    void context.queryClient.prefetchInfiniteQuery(usersQueryOptions(context.trpc, deps))
    await context.queryClient.ensureQueryData(teamsQueryOptions(context.trpc))
  },
  component: AdminPage,
})

/** The firm's security rules and audit trail (admins only). */
export const adminAuditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'admin/audit',
  validateSearch: auditSearch,
  beforeLoad: ({ context }) => {
    if (!can(context.viewer.role, 'security:admin')) throw notFound()
  },
  component: AuditPage,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const adminRoutes = [adminRoute, adminAuditRoute]
