import type { z } from 'zod'
import {
  organisationRoomInput,
  presenceUpdateInput,
  userColor,
  type PresenceMember,
} from '../../shared/realtime/collaboration.ts'
import { rooms } from '../../shared/realtime/events.ts'
import type { EventDispatcher } from '../events/dispatcher.ts'
import { teamScope } from '../features/scope.ts'
import { reportError } from '../observability.ts'
import type { ServerDeps } from '../trpc/context.ts'
import type { AppSocket, AppSocketServer } from './socket-server.ts'

type PresenceState = SocketPresence[string]
export type SocketPresence = Record<string, { field: string | null; status: 'active' | 'idle' }>

function memberOf(socket: { id: string; data: AppSocket['data'] }, organisationId: string): PresenceMember | null {
  const state = socket.data.presence?.[organisationId]
  if (!state || !socket.data.auth) return null
  const { viewer } = socket.data.auth
  return { socketId: socket.id, userId: viewer.id, name: viewer.name, color: userColor(viewer.id, viewer.avatarColor), field: state.field, status: state.status }
}

/** Tells the organisation's room, on every node, who this socket is and what it is doing there. */
function announce(socket: AppSocket, organisationId: string) {
  const member = memberOf(socket, organisationId)
  if (member) socket.to(rooms.organisation(organisationId)).emit('presence:changed', { organisationId, member })
}

/**
 * A user renamed (in their settings or by an admin) or given another colour: their sockets carry the
 * new name and colour from now on, and say so in every room they are in. Each node's dispatcher hears
 * the event and updates its own sockets, so every page shows the change at once, not at the next
 * connection.
 */
export function followProfileChanges(io: AppSocketServer, dispatcher: EventDispatcher): () => void {
  return dispatcher.subscribe((event) => {
    if (event.type !== 'user.updated' || typeof event.payload.name !== 'string') return
    const name = event.payload.name
    // An admin's change carries no colour: the user's own stays.
    const colour = event.payload.avatarColor
    for (const socket of io.of('/').sockets.values()) {
      const viewer = socket.data.auth?.viewer
      if (viewer?.id !== event.entityId) continue
      const avatarColor = colour === undefined ? viewer.avatarColor : (colour as string | null)
      if (viewer.name === name && viewer.avatarColor === avatarColor) continue
      socket.data.auth = { ...socket.data.auth, viewer: { ...viewer, name, avatarColor } }
      for (const organisationId of Object.keys(socket.data.presence ?? {})) announce(socket, organisationId)
    }
  })
}

/** May this socket's user read the organisation? Checked once per join, like a `byId`. */
export async function canOpenOrganisation(deps: ServerDeps, socket: AppSocket, organisationId: string): Promise<boolean> {
  const organisation = await deps.prisma.organisation.findFirst({
    where: { id: organisationId, ...teamScope(socket.data.auth.viewer) },
    select: { id: true },
  })
  return organisation !== null
}

function parse<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> | null {
  const result = schema.safeParse(payload)
  return result.success ? result.data : null
}

/**
 * Who is on an organisation's page, across every node: the state lives in each socket's data, the
 * room is shared through the Redis adapter, and joining answers with everyone present.
 */
export function registerPresenceHandlers(io: AppSocketServer, socket: AppSocket, deps: ServerDeps) {
  socket.data.presence = {}

  function leave(organisationId: string) {
    if (!socket.data.presence[organisationId]) return
    delete socket.data.presence[organisationId]
    socket.to(rooms.organisation(organisationId)).emit('presence:left', { organisationId, socketId: socket.id })
    void socket.leave(rooms.organisation(organisationId))
  }

  socket.on('presence:join', async (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => undefined
    const input = parse(organisationRoomInput, payload)
    if (!input) return reply({ ok: false, error: 'BAD_REQUEST' })
    try {
      if (!(await canOpenOrganisation(deps, socket, input.organisationId))) return reply({ ok: false, error: 'NOT_FOUND' })
      const state: PresenceState = socket.data.presence[input.organisationId] ?? { field: null, status: 'active' }
      socket.data.presence[input.organisationId] = state
      await socket.join(rooms.organisation(input.organisationId))
      announce(socket, input.organisationId)
      // Across nodes when they answer in time; this node's own sockets otherwise (the others'
      // presence then arrives through their next update).
      const room = rooms.organisation(input.organisationId)
      const present = await io
        .in(room)
        .fetchSockets()
        .catch(() => io.local.in(room).fetchSockets())
      const members = present.map((remote) => memberOf(remote, input.organisationId)).filter((member): member is PresenceMember => member !== null)
      reply({ ok: true, members })
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message }, 'presence join failed')
      reportError(error, { source: 'socket:presence:join', userId: socket.data.auth.viewer.id, teamId: socket.data.auth.viewer.teamId })
      reply({ ok: false, error: 'UNAVAILABLE' })
    }
  })

  socket.on('presence:update', (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => undefined
    const input = parse(presenceUpdateInput, payload)
    if (!input) return reply({ ok: false, error: 'BAD_REQUEST' })
    // Only a room this socket was allowed into.
    if (!socket.data.presence[input.organisationId]) return reply({ ok: false, error: 'NOT_JOINED' })
    socket.data.presence[input.organisationId] = { field: input.field, status: input.status }
    announce(socket, input.organisationId)
    reply({ ok: true })
  })

  socket.on('presence:leave', (payload) => {
    const input = parse(organisationRoomInput, payload)
    if (input) leave(input.organisationId)
  })

  socket.on('disconnect', () => {
    for (const organisationId of Object.keys(socket.data.presence)) {
      io.to(rooms.organisation(organisationId)).emit('presence:left', { organisationId, socketId: socket.id })
    }
  })
}
