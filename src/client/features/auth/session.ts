import type { AnyRouter } from '@tanstack/react-router'
import type { QueryClient } from '@tanstack/react-query'
import { disconnectSocket } from '../../lib/socket.ts'

/**
 * Leaves the signed-in area after a logout or an expired session: the live connection closes and
 * every cached answer is dropped, so the next user of this tab never sees the previous one's data.
 */
export async function leaveSession(
  router: AnyRouter,
  queryClient: QueryClient,
  options: { returnHere: boolean },
): Promise<void> {
  disconnectSocket()
  const { pathname, href } = router.state.location
  queryClient.clear()
  if (pathname === '/login') return
  await router.navigate({ to: '/login', search: options.returnHere ? { redirect: href } : {} })
}
