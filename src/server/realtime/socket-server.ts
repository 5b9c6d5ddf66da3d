import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { Redis } from 'ioredis'
import { Server, type Socket } from 'socket.io'
import { rooms, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events.ts'
import type { Authenticated } from '../features/auth/auth.service.ts'
import type { LiveEvent } from '../events/types.ts'
import { seesAllTeams, type Role } from '../../shared/permissions.ts'
import { newCorrelationId, withCorrelationId } from '../correlation.ts'
import { isOriginAllowed } from '../http/origin.ts'
import { authenticateRequest, readSessionToken, type ServerDeps } from '../trpc/context.ts'
import { createLiveBroadcast } from './broadcast.ts'
import { createNotesMirror, registerNotesHandlers, type NotesMirror } from './notes.socket.ts'
import { followProfileChanges, registerPresenceHandlers, type SocketPresence } from './presence.socket.ts'

export interface SocketData {
  auth: Authenticated
  /** Organisation pages this socket is on, with the field being edited: read across nodes. */
  presence: SocketPresence
}
export type AppSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

/**
 * Messages one connection may send per second. A browser sends a handful (presence changes, cursor
 * moves, keystroke batches one at a time); a client flooding the room gets `RATE_LIMITED` instead.
 */
export const SOCKET_EVENTS_PER_SECOND = 200

/** Drops what a socket sends beyond its budget, answering the acknowledgement when there is one. */
function rateLimit(socket: AppSocket) {
  let windowStart = 0
  let count = 0
  socket.use((packet, next) => {
    const now = Date.now()
    if (now - windowStart >= 1_000) {
      windowStart = now
      count = 0
    }
    count += 1
    if (count <= SOCKET_EVENTS_PER_SECOND) return next()
    const ack = packet[packet.length - 1]
    if (typeof ack === 'function') ack({ ok: false, error: 'RATE_LIMITED' })
  })
}

/**
 * A broadcast's WebSocket frame in one buffer, written with one `write` per socket.
 *
 * Socket.IO encodes a broadcast once and precomputes its WebSocket frame as two buffers (header,
 * payload), which `ws` then writes to each socket corked, as a `writev`; a live event goes to every
 * socket of a team, so that is 500 corks, 1,000 writes and 500 `writev`s per node for 1,000 clients.
 * Joined once per broadcast, each socket gets a single plain write of the same buffer: 1.6 KB
 * allocated per delivery instead of 2.2 KB (heap-sampled, 500 sockets, 200 broadcasts), fewer
 * scavenges pausing a node in the middle of a fan-out.
 * (`_encode` and `wsPreEncodedFrame` are how socket.io-adapter hands the frame to engine.io; if a
 * later version changes them, this does nothing and the two-buffer path stays.)
 */
function sendBroadcastFramesWhole(io: AppSocketServer) {
  const adapter = io.of('/').adapter as unknown as { _encode?: (packet: unknown, options: { wsPreEncodedFrame?: unknown }) => unknown }
  const encode = adapter._encode
  if (typeof encode !== 'function') return
  adapter._encode = function (packet, options) {
    const encoded = encode.call(this, packet, options)
    const frame = options.wsPreEncodedFrame
    if (Array.isArray(frame) && frame.length === 2 && frame.every((part) => Buffer.isBuffer(part))) options.wsPreEncodedFrame = [Buffer.concat(frame)]
    return encoded
  }
}

/** Socket.IO for browsers: session-authenticated, origin-checked, rooms shared across nodes via Redis. */
export function createSocketServer(
  httpServer: HttpServer,
  deps: ServerDeps,
  redis?: Redis,
): { io: AppSocketServer; notesMirror: NotesMirror; liveDeliveries: { direct: number; throughEngine: number } } {
  const notesMirror = createNotesMirror(deps)
  const io: AppSocketServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // tRPC's WebSocket server handles its own upgrades on /trpc; engine.io must leave them alone.
    destroyUpgrade: false,
    // Presence must notice a lost connection within seconds (SPEC §4.4), not the default 45 s.
    pingInterval: 4_000,
    pingTimeout: 4_000,
    maxHttpBufferSize: 1_000_000,
    allowRequest: (req, callback) => callback(null, isOriginAllowed(req, deps.config.allowedOrigins)),
    adapter: redis ? createAdapter(redis, { streamName: `${deps.config.REDIS_PREFIX}socket.io` }) : undefined,
  })
  sendBroadcastFramesWhole(io)

  io.use(async (socket, next) => {
    try {
      const auth = await authenticateRequest(deps.auth, {
        sessionToken: readSessionToken(socket.request, deps.config),
        bearer: typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined,
      })
      if (!auth) return next(new Error('unauthorized'))
      // Like every procedure (trpc.ts): a session that must first choose its password or enrol a
      // second factor gets nothing live until it has.
      if (auth.credential.kind === 'session' && (auth.viewer.mustChangePassword || auth.viewer.mustEnrolTwoFactor)) {
        return next(new Error('forbidden'))
      }
      socket.data.auth = auth
      next()
    } catch (error) {
      deps.logger.error({ err: error }, 'socket authentication failed')
      next(new Error('unavailable'))
    }
  })

  // Live events, fanned out per audience: each event is encoded once for the sockets of its team (and
  // the admins), or of its recipient, on this node (`local`: every node's dispatcher does its own), not
  // once per socket, and written straight to each connection (realtime/broadcast.ts). Only sockets
  // that need no catch-up are in these rooms; see below.
  const live = createLiveBroadcast(io)
  deps.dispatcher.subscribe((event) => {
    const audience = liveAudience(event)
    if (audience.length > 0) live.broadcast(audience, 'events:new', event)
  })
  followProfileChanges(io, deps.dispatcher)

  io.on('connection', (socket) => {
    // Each incoming event runs under its own correlation id (logs, Sentry events).
    socket.use((_packet, next) => withCorrelationId(newCorrelationId(), () => next()))
    rateLimit(socket)
    const { viewer, credential } = socket.data.auth
    void socket.join(rooms.user(viewer.id))
    if (viewer.teamId) void socket.join(rooms.team(viewer.teamId))
    if (viewer.role === 'ADMIN') void socket.join(rooms.admins)
    const untrack = deps.connections.track({
      userId: viewer.id,
      sessionId: credential.kind === 'session' ? credential.sessionId : undefined,
      tokenId: credential.kind === 'token' ? credential.tokenId : undefined,
      close: () => socket.disconnect(true),
    })
    socket.on('disconnect', untrack)
    socket.on('system:ping', (ack) => {
      if (typeof ack === 'function') ack({ nodeId: deps.config.nodeId, at: new Date().toISOString() })
    })
    socket.emit('session:ready', { userId: viewer.id, nodeId: deps.config.nodeId, lastEventId: deps.dispatcher.lastEventId })
    const requested = socket.handshake.auth?.lastEventId
    const lastEventId = typeof requested === 'string' && /^\d{1,19}$/.test(requested) ? requested : undefined
    if (lastEventId === undefined) {
      // Nothing to catch up on: from now on, with everyone of its audience.
      void socket.join(liveRooms(viewer))
    } else {
      // Catching up from the log, then live, through its own gap-free feed for the connection's life.
      const feed = deps.liveFeed.open(viewer, lastEventId, {
        deliver: (event) => socket.emit('events:new', event),
        reset: (latestEventId) => socket.emit('events:reset', { latestEventId }),
      })
      socket.on('disconnect', () => feed.close())
    }
    registerPresenceHandlers(io, socket, deps)
    registerNotesHandlers(socket, deps, notesMirror)
  })

  return { io, notesMirror, liveDeliveries: live.stats }
}

/** Rooms of the shared live fan-out (distinct from the presence rooms, which every socket joins). */
const liveRoom = {
  user: (userId: string) => `live:user:${userId}`,
  team: (teamId: string) => `live:team:${teamId}`,
  admins: 'live:admins',
}

/** The live rooms a viewer's socket joins: together they receive exactly what `canSeeEvent` allows it. */
export function liveRooms(viewer: { id: string; role: string; teamId: string | null }): string[] {
  const joined = [liveRoom.user(viewer.id)]
  if (seesAllTeams(viewer.role as Role)) joined.push(liveRoom.admins)
  else if (viewer.teamId) joined.push(liveRoom.team(viewer.teamId))
  return joined
}

/** The live rooms an event goes to: its recipient alone, or its team's members and the admins (SPEC §3). */
export function liveAudience(event: LiveEvent): string[] {
  const recipientId = event.payload.recipientId
  if (typeof recipientId === 'string') return [liveRoom.user(recipientId)]
  return event.teamId ? [liveRoom.team(event.teamId), liveRoom.admins] : [liveRoom.admins]
}
