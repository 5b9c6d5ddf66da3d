import { createRoute, notFound } from '@tanstack/react-router'
import { idSchema } from '../../shared/schemas/common.ts'
import { MandatePage } from '../features/mandate/components/mandate-page.tsx'
import { MandatesPage } from '../features/mandate/components/mandates-page.tsx'
import { mandateListOptions, mandateListSearch } from '../features/mandate/mandate-search.ts'
import { errorKind } from '../lib/errors.ts'
import { authenticatedRoute } from './authenticated.tsx'
import { useRememberVisit } from '../features/search/hooks/use-remember-visit.ts'

export const mandatesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'mandates',
  validateSearch: mandateListSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: typing in the search box must not hold the page in a pending state; failures show in place.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(mandateListOptions(context.trpc, deps))
  },
  component: MandatesRouteComponent,
})

function MandatesRouteComponent() {
  const search = mandatesRoute.useSearch()
  const navigate = mandatesRoute.useNavigate()
  return <MandatesPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}

export const mandateRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'mandates/$id',
  loader: async ({ context, params }) => {
    // A malformed id can name nothing: same answer as a mandate outside the team.
    if (!idSchema.safeParse(params.id).success) throw notFound()
    try {
      await context.queryClient.ensureQueryData(context.trpc.mandates.byId.queryOptions({ id: params.id }))
    } catch (error) {
      if (errorKind(error) === 'notFound') throw notFound()
      throw error
    }
  },
  component: MandateRouteComponent,
})

function MandateRouteComponent() {
  const { id } = mandateRoute.useParams()
  useRememberVisit('mandate', id)
  return <MandatePage key={id} mandateId={id} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const mandateRoutes = [mandatesRoute, mandateRoute]
