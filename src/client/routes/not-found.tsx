import { createRoute } from '@tanstack/react-router'
import { NotFound } from '../features/shell/components/not-found.tsx'
import { authenticatedRoute } from './authenticated.tsx'

/** Unknown addresses: behind sign-in, and shown inside the layout so navigation stays at hand. */
export const notFoundRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '$',
  component: NotFound,
})
