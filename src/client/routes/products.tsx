import { createRoute } from '@tanstack/react-router'
import { SectionPlaceholder } from '../features/shell/components/section-placeholder.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const productsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'products',
  component: () => <SectionPlaceholder section="products" />,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const productRoutes = [productsRoute]
