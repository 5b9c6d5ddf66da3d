import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router'
import { NotFound } from '../features/shell/components/not-found.tsx'
import { RouteError } from '../features/shell/components/route-error.tsx'
import type { Trpc } from '../lib/trpc.ts'

export interface RouterContext {
  queryClient: QueryClient
  trpc: Trpc
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: RouteError,
  notFoundComponent: NotFound,
})
