import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events.ts'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let socket: AppSocket | undefined

/** The tab's single Socket.IO connection, created on first use; the session cookie authenticates it. */
export function getSocket(): AppSocket {
  socket ??= io({ path: '/socket.io', withCredentials: true, autoConnect: false })
  return socket
}

export function connectSocket(): AppSocket {
  const current = getSocket()
  if (!current.connected && !current.active) current.connect()
  return current
}

export function disconnectSocket(): void {
  socket?.disconnect()
}
