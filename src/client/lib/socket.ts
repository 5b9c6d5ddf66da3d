import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '../../shared/realtime/events.ts'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let socket: AppSocket | undefined
let handshakeAuth: () => SocketAuth = () => ({})

/** The tab's single Socket.IO connection, created on first use; the session cookie authenticates it. */
export function getSocket(): AppSocket {
  socket ??= io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    // Read at every (re)connection, so the server resumes after the latest event this tab has seen.
    auth: (send) => send(handshakeAuth()),
  })
  return socket
}

/** Lets the live-events layer put its resume point into every connection handshake. */
export function provideHandshakeAuth(provider: () => SocketAuth): void {
  handshakeAuth = provider
}

export function connectSocket(): AppSocket {
  const current = getSocket()
  if (!current.connected && !current.active) current.connect()
  return current
}

export function disconnectSocket(): void {
  socket?.disconnect()
}
