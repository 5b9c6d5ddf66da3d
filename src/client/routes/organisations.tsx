import { useCallback } from 'react'
import { createRoute, notFound } from '@tanstack/react-router'
import { idSchema } from '../../shared/schemas/common.ts'
import { OrganisationDetailPage } from '../features/organisation/components/organisation-detail-page.tsx'
import {
  OrganisationDetailSkeleton,
  OrganisationNotFound,
  OrganisationRouteError,
} from '../features/organisation/components/organisation-detail-states.tsx'
import { OrganisationListPage } from '../features/organisation/components/organisation-list-page.tsx'
import { organisationListOptions } from '../features/organisation/hooks/use-organisation-list.ts'
import { organisationSearchSchema, type OrganisationSearch } from '../features/organisation/search.ts'
import { errorKind } from '../lib/errors.ts'
import { authenticatedRoute } from './authenticated.tsx'
import { useRememberVisit } from '../features/search/hooks/use-remember-visit.ts'

export const organisationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'organisations',
  validateSearch: organisationSearchSchema,
  loaderDeps: ({ search }) => search,
  // Not awaited: typing in the search box must not hold the page in a pending state.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(organisationListOptions(context.trpc, deps))
  },
  component: OrganisationsRouteComponent,
})

function OrganisationsRouteComponent() {
  const search = organisationsRoute.useSearch()
  const navigate = organisationsRoute.useNavigate()
  const onSearch = useCallback(
    (changes: Partial<OrganisationSearch>) =>
      void navigate({ search: (previous) => ({ ...previous, ...changes }), replace: true }),
    [navigate],
  )
  return <OrganisationListPage search={search} onSearch={onSearch} />
}

export const organisationRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'organisations/$id',
  loader: async ({ context, params }) => {
    // A malformed id can name nothing: same answer as a record outside the team.
    if (!idSchema.safeParse(params.id).success) throw notFound()
    try {
      await context.queryClient.ensureQueryData(context.trpc.organisations.byId.queryOptions({ id: params.id }))
    } catch (error) {
      if (errorKind(error) === 'notFound') throw notFound()
      throw error
    }
  },
  pendingComponent: OrganisationDetailSkeleton,
  notFoundComponent: OrganisationNotFound,
  errorComponent: OrganisationRouteError,
  component: OrganisationRouteComponent,
})

function OrganisationRouteComponent() {
  const { id } = organisationRoute.useParams()
  useRememberVisit('organisation', id)
  return <OrganisationDetailPage id={id} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const organisationRoutes = [organisationsRoute, organisationRoute]
