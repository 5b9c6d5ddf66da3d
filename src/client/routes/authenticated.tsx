import { createRoute, redirect } from '@tanstack/react-router'
import { AppLayout } from '../features/shell/components/app-layout.tsx'
import { NotFound } from '../features/shell/components/not-found.tsx'
import { ShellPending } from '../features/shell/components/pending-screens.tsx'
import { rootRoute } from './root.tsx'

/** Layout and guard of every signed-in page; children read `viewer` from the route context. */
export const authenticatedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_authenticated',
  beforeLoad: async ({ context, location }) => {
    const viewer = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions())
    if (!viewer) {
      throw redirect({ to: '/login', search: location.href === '/' ? {} : { redirect: location.href } })
    }
    return { viewer }
  },
  pendingComponent: ShellPending,
  notFoundComponent: NotFound,
  component: AppLayout,
})
