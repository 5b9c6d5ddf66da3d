import { createRoute, redirect } from '@tanstack/react-router'
import { z } from 'zod'
import { LoginPage } from '../features/auth/components/login-page.tsx'
import { redirectTarget } from '../features/auth/redirect-target.ts'
import { CenteredPending } from '../features/shell/components/pending-screens.tsx'
import { rootRoute } from './root.tsx'

const loginSearch = z.object({
  redirect: redirectTarget.optional().catch(undefined),
})

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: loginSearch,
  beforeLoad: async ({ context, search }) => {
    // An unreachable server must not hide the form: signing in will report it.
    const viewer = await context.queryClient
      .ensureQueryData(context.trpc.auth.me.queryOptions())
      .catch(() => null)
    if (viewer) throw redirect({ href: search.redirect ?? '/', replace: true })
  },
  pendingComponent: CenteredPending,
  component: LoginRouteComponent,
})

function LoginRouteComponent() {
  const { redirect: redirectTo } = loginRoute.useSearch()
  return <LoginPage redirectTo={redirectTo} />
}
