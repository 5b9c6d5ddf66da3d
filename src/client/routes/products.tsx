import { createRoute, notFound } from '@tanstack/react-router'
import { idSchema } from '../../shared/schemas/common.ts'
import { ProductPage } from '../features/product/components/product-page.tsx'
import { ProductsPage } from '../features/product/components/products-page.tsx'
import { productListOptions, productListSearch } from '../features/product/product-search.ts'
import { errorKind } from '../lib/errors.ts'
import { authenticatedRoute } from './authenticated.tsx'
import { useRememberVisit } from '../features/search/hooks/use-remember-visit.ts'

export const productsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'products',
  validateSearch: productListSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: typing in the search box must not hold the page in a pending state; failures show in place.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(productListOptions(context.trpc, deps))
  },
  component: ProductsRouteComponent,
})

function ProductsRouteComponent() {
  const search = productsRoute.useSearch()
  const navigate = productsRoute.useNavigate()
  return <ProductsPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
}

export const productRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'products/$id',
  loader: async ({ context, params }) => {
    // A malformed id can name nothing: same answer as a product outside the team.
    if (!idSchema.safeParse(params.id).success) throw notFound()
    try {
      await context.queryClient.ensureQueryData(context.trpc.products.byId.queryOptions({ id: params.id }))
    } catch (error) {
      if (errorKind(error) === 'notFound') throw notFound()
      throw error
    }
  },
  component: ProductRouteComponent,
})

function ProductRouteComponent() {
  const { id } = productRoute.useParams()
  useRememberVisit('product', id)
  return <ProductPage key={id} productId={id} />
}

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const productRoutes = [productsRoute, productRoute]
