import { createRoute } from '@tanstack/react-router'
import { SearchPage } from '../features/search/components/search-page.tsx'
import { searchPageSearch } from '../features/search/search-page-search.ts'
import { authenticatedRoute } from './authenticated.tsx'

export const searchRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'search',
  validateSearch: searchPageSearch,
  component: SearchRouteComponent,
})

function SearchRouteComponent() {
  const search = searchRoute.useSearch()
  const navigate = searchRoute.useNavigate()
  return <SearchPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const searchRoutes = [searchRoute]
