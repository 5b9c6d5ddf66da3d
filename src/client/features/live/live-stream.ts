import type { QueryClient } from '@tanstack/react-query'
import type { LiveEventPayload } from '../../../shared/realtime/events.ts'
import { reportError } from '../../lib/sentry.ts'
import { getSocket, provideHandshakeAuth } from '../../lib/socket.ts'

export type LiveEvent = LiveEventPayload
export type LiveEventListener = (event: LiveEvent) => void
/** `connecting` until the first session is ready; `offline` while Socket.IO retries. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline'

const listeners = new Set<LiveEventListener>()
const statusListeners = new Set<() => void>()
const sessionEndedListeners = new Set<() => void>()
let status: ConnectionStatus = 'connecting'
let lastEventId: bigint | undefined
let sessionUserId: string | undefined
let queryClient: QueryClient | undefined
let started = false

function setStatus(next: ConnectionStatus) {
  if (status === next) return
  status = next
  for (const listener of statusListeners) listener()
}

/**
 * Refetches what may have changed while this tab was not listening: every query last fetched
 * before `since` (or still in flight, since its answer may predate the live feed).
 */
function resync(since: number) {
  void queryClient?.invalidateQueries({
    predicate: (query) => query.state.dataUpdatedAt < since || query.state.fetchStatus === 'fetching',
  })
}

function deliver(event: LiveEvent) {
  const id = BigInt(event.id)
  // The server sends events in id order, so anything at or below the last one is a duplicate.
  if (lastEventId !== undefined && id <= lastEventId) return
  lastEventId = id
  for (const listener of listeners) {
    try {
      listener(event)
    } catch (error) {
      reportError(error)
    }
  }
}

/** Attaches the event stream to the tab's socket once; later calls only refresh the query client. */
export function startLiveStream(client: QueryClient): void {
  queryClient = client
  if (started) return
  started = true
  const socket = getSocket()
  provideHandshakeAuth(() => (lastEventId === undefined ? {} : { lastEventId: lastEventId.toString() }))

  socket.on('session:ready', (session) => {
    sessionUserId = session.userId
    // A resumed session replays what was missed; a fresh one cannot, so refetch what predates it.
    if (lastEventId === undefined) {
      lastEventId = BigInt(session.lastEventId)
      resync(Date.now())
    }
    setStatus('online')
  })
  socket.on('events:new', deliver)
  socket.on('events:reset', ({ latestEventId }) => {
    lastEventId = BigInt(latestEventId)
    resync(Number.POSITIVE_INFINITY)
  })
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      // Logout or another account: the next session must not resume this one's stream.
      lastEventId = undefined
      sessionUserId = undefined
      setStatus('connecting')
    } else {
      setStatus('offline')
      // The server closed it: this session may have been ended elsewhere (password change, revoked).
      if (reason === 'io server disconnect') for (const listener of sessionEndedListeners) listener()
    }
  })
  socket.on('connect_error', (error) => {
    setStatus('offline')
    if (error.message === 'unauthorized') for (const listener of sessionEndedListeners) listener()
  })
  if (socket.connected) setStatus('online')
}

export function subscribeLiveEvents(listener: LiveEventListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Called when the server may have ended this session: the caller checks it and leaves if so. */
export function subscribeSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener)
  return () => sessionEndedListeners.delete(listener)
}

export function subscribeConnectionStatus(listener: () => void): () => void {
  statusListeners.add(listener)
  return () => statusListeners.delete(listener)
}

export function connectionStatus(): ConnectionStatus {
  return status
}

/** Who this tab's live session belongs to (to tell one's own actions from others'). */
export function liveSessionUserId(): string | undefined {
  return sessionUserId
}
