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
    // A password an admin chose must be replaced first: the server refuses everything else.
    // So must a second factor that the user's role requires (the server refuses the rest until then).
    if ((viewer.mustChangePassword || viewer.mustEnrolTwoFactor) && location.pathname !== '/settings/security') {
      throw redirect({ to: '/settings/security', replace: true })
    }
    return { viewer }
  },
  pendingComponent: ShellPending,
  notFoundComponent: NotFound,
  component: AppLayout,
})
