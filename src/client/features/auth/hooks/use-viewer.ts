import { useQuery } from '@tanstack/react-query'
import { useRouteContext } from '@tanstack/react-router'
import { useTRPC } from '../../../lib/trpc.ts'
import type { Viewer } from '../viewer.ts'

/** The signed-in user, kept fresh by the `auth.me` query; only valid under the authenticated layout. */
export function useViewer(): Viewer {
  const trpc = useTRPC()
  const { viewer: signedIn } = useRouteContext({ from: '/_authenticated' })
  const { data } = useQuery(trpc.auth.me.queryOptions())
  return data ?? signedIn
}
