import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, LiveEventPayload, ServerToClientEvents } from '../../src/shared/realtime/events.ts'
import type { TestClient } from './client.ts'

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  events: LiveEventPayload[]
  resets: string[]
  /** Resolves when an event matching `predicate` has arrived (already or later). */
  waitFor(predicate: (event: LiveEventPayload) => boolean, timeoutMs?: number): Promise<LiveEventPayload>
}

/** A browser-like Socket.IO connection with the client's session cookie, recording what arrives. */
export async function connectSocket(
  baseUrl: string,
  client: TestClient,
  options: { lastEventId?: string; /** Long polling only, as a browser behind a proxy that refuses WebSockets. */ polling?: boolean } = {},
): Promise<TestSocket> {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: options.polling ? ['polling'] : ['websocket'],
    extraHeaders: { cookie: client.jar.header() },
    reconnection: false,
    auth: options.lastEventId ? { lastEventId: options.lastEventId } : {},
  }) as TestSocket
  socket.events = []
  socket.resets = []
  socket.on('events:new', (event) => socket.events.push(event))
  socket.on('events:reset', ({ latestEventId }) => socket.resets.push(latestEventId))
  socket.waitFor = (predicate, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const found = socket.events.find(predicate)
      if (found) return resolve(found)
      const timer = setTimeout(() => {
        socket.off('events:new', listener)
        reject(new Error('event did not arrive in time'))
      }, timeoutMs)
      const listener = (event: LiveEventPayload) => {
        if (!predicate(event)) return
        clearTimeout(timer)
        socket.off('events:new', listener)
        resolve(event)
      }
      socket.on('events:new', listener)
    })
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve())
    socket.once('connect_error', reject)
  })
  return socket
}
