import { useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'

/**
 * The signed-in user renamed or recoloured elsewhere (another tab, an admin): this tab's name,
 * initials and co-editing cursor follow at once.
 */
export function useOwnProfileLive(userId: string): void {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  useLiveEvents((event) => {
    if (event.type === 'user.updated' && event.entityId === userId) void queryClient.invalidateQueries(trpc.auth.me.queryFilter())
  })
}
