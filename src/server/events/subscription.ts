import { tracked } from '@trpc/server'
import type { Viewer } from '../features/auth/auth.service.ts'
import type { LiveFeed } from './live-feed.ts'
import type { LiveEvent } from './types.ts'

/** Emitted when the subscriber was too far behind: refetch, then continue with what follows. */
export const RESET_EVENT_TYPE = 'sync.reset'

/**
 * The tRPC adapter of the live feed: an async generator yielding `tracked(id, event)` so that the
 * client resumes from `lastEventId` after a reconnection; ends when the client unsubscribes.
 */
export async function* liveEvents(
  feed: LiveFeed,
  viewer: Viewer,
  options: { lastEventId?: string | null; filter?: (event: LiveEvent) => boolean; signal?: AbortSignal },
) {
  const pending: LiveEvent[] = []
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const subscription = feed.open(
    viewer,
    options.lastEventId,
    {
      deliver: (event) => {
        pending.push(event)
        notify()
      },
      reset: (latestEventId) => {
        pending.length = 0
        pending.push({
          id: latestEventId,
          type: RESET_EVENT_TYPE,
          entity: 'sync',
          entityId: '',
          teamId: null,
          actorId: null,
          payload: {},
          createdAt: new Date().toISOString(),
        })
        notify()
      },
    },
    options.filter,
  )
  options.signal?.addEventListener('abort', notify, { once: true })
  try {
    while (!options.signal?.aborted) {
      const event = pending.shift()
      if (event) {
        yield tracked(event.id, event)
        continue
      }
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    subscription.close()
  }
}
