import { createRoute, notFound } from '@tanstack/react-router'
import { idSchema } from '../../shared/schemas/common.ts'
import { PersonPage } from '../features/person/components/person-page.tsx'
import { PeoplePage } from '../features/person/components/people-page.tsx'
import { personListOptions, personListSearch } from '../features/person/person-search.ts'
import { errorKind } from '../lib/errors.ts'
import { authenticatedRoute } from './authenticated.tsx'
import { useRememberVisit } from '../features/search/hooks/use-remember-visit.ts'

export const peopleRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'people',
  validateSearch: personListSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: typing in the search box must not hold the page in a pending state; failures show in place.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(personListOptions(context.trpc, deps))
  },
  component: PeopleRouteComponent,
})

function PeopleRouteComponent() {
  const search = peopleRoute.useSearch()
  const navigate = peopleRoute.useNavigate()
  return <PeoplePage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}

export const personRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'people/$id',
  loader: async ({ context, params }) => {
    // A malformed id can name nothing: same answer as a person outside the team.
    if (!idSchema.safeParse(params.id).success) throw notFound()
    try {
      await context.queryClient.ensureQueryData(context.trpc.people.byId.queryOptions({ id: params.id }))
    } catch (error) {
      if (errorKind(error) === 'notFound') throw notFound()
      throw error
    }
  },
  component: PersonRouteComponent,
})

function PersonRouteComponent() {
  const { id } = personRoute.useParams()
  useRememberVisit('person', id)
  return <PersonPage key={id} personId={id} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const personRoutes = [peopleRoute, personRoute]
