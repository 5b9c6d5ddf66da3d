import { createRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { ImportsPage } from '../features/import/components/imports-page.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const importsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'imports',
  // The open import is in the URL: reloading, or coming back later, shows it where it is.
  validateSearch: z.object({ id: z.uuid().optional().catch(undefined) }),
  component: ImportsRouteComponent,
})

function ImportsRouteComponent() {
  const { id } = importsRoute.useSearch()
  const navigate = importsRoute.useNavigate()
  return <ImportsPage id={id} onOpen={(next) => void navigate({ search: next ? { id: next } : {} })} />
}

export const importRoutes = [importsRoute]
