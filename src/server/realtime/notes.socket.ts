import { notesAwarenessInput, notesUpdateInput, organisationRoomInput } from '../../shared/realtime/collaboration.ts'
import { rooms } from '../../shared/realtime/events.ts'
import { appendNotesUpdate, loadNotesState, mirrorNotes, NotesTooLongError } from '../features/organisation/notes.service.ts'
import { reportError } from '../observability.ts'
import type { ServerDeps } from '../trpc/context.ts'
import { canOpenOrganisation } from './presence.socket.ts'
import type { AppSocket } from './socket-server.ts'

const MIRROR_DELAY_MS = 1_000

/** Batches the copy of a document's text to its column: once per second of typing, per node. */
export function createNotesMirror(deps: ServerDeps) {
  const pending = new Map<string, { timer: NodeJS.Timeout; editors: Set<string> }>()
  const flush = (organisationId: string) => {
    const entry = pending.get(organisationId)
    if (!entry) return Promise.resolve()
    pending.delete(organisationId)
    clearTimeout(entry.timer)
    return mirrorNotes(deps.prisma, organisationId, [...entry.editors]).catch((error) =>
      deps.logger.warn({ err: (error as Error).message, organisationId }, 'notes mirror failed'),
    )
  }
  return {
    schedule(organisationId: string, userId: string) {
      const entry = pending.get(organisationId) ?? { timer: setTimeout(() => void flush(organisationId), MIRROR_DELAY_MS), editors: new Set<string>() }
      entry.editors.add(userId)
      pending.set(organisationId, entry)
    },
    async flushAll() {
      await Promise.all([...pending.keys()].map(flush))
    },
  }
}
export type NotesMirror = ReturnType<typeof createNotesMirror>

/** Co-edited notes: Yjs updates stored before they are acknowledged, then relayed to the room. */
export function registerNotesHandlers(socket: AppSocket, deps: ServerDeps, mirror: NotesMirror) {
  const opened = new Set<string>()

  socket.on('notes:join', async (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => undefined
    const input = organisationRoomInput.safeParse(payload)
    if (!input.success) return reply({ ok: false, error: 'BAD_REQUEST' })
    const { organisationId } = input.data
    try {
      if (!(await canOpenOrganisation(deps, socket, organisationId))) return reply({ ok: false, error: 'NOT_FOUND' })
      // Join before reading: an update stored meanwhile arrives twice, which Yjs ignores.
      await socket.join(rooms.notes(organisationId))
      opened.add(organisationId)
      reply({ ok: true, state: await loadNotesState(deps.prisma, organisationId) })
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message }, 'notes join failed')
      reportError(error, { source: 'socket:notes:join', userId: socket.data.auth.viewer.id, teamId: socket.data.auth.viewer.teamId })
      reply({ ok: false, error: 'UNAVAILABLE' })
    }
  })

  socket.on('notes:update', async (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => undefined
    const input = notesUpdateInput.safeParse(payload)
    if (!input.success) return reply({ ok: false, error: 'BAD_REQUEST' })
    const { organisationId } = input.data
    if (!opened.has(organisationId)) return reply({ ok: false, error: 'NOT_JOINED' })
    if (socket.data.auth.viewer.role === 'VIEWER') return reply({ ok: false, error: 'FORBIDDEN' })
    const update = new Uint8Array(input.data.update)
    try {
      await appendNotesUpdate(deps.prisma, organisationId, update, socket.data.auth.viewer.id)
    } catch (error) {
      return reply({ ok: false, error: error instanceof NotesTooLongError ? 'TOO_LONG' : 'BAD_REQUEST' })
    }
    reply({ ok: true })
    socket.to(rooms.notes(organisationId)).emit('notes:update', { organisationId, update, userId: socket.data.auth.viewer.id })
    mirror.schedule(organisationId, socket.data.auth.viewer.id)
  })

  socket.on('notes:leave', (payload) => {
    const input = organisationRoomInput.safeParse(payload)
    if (!input.success || !opened.delete(input.data.organisationId)) return
    void socket.leave(rooms.notes(input.data.organisationId))
  })

  socket.on('notes:awareness', (payload) => {
    const input = notesAwarenessInput.safeParse(payload)
    if (!input.success || !opened.has(input.data.organisationId)) return
    socket.to(rooms.notes(input.data.organisationId)).emit('notes:awareness', { organisationId: input.data.organisationId, update: new Uint8Array(input.data.update) })
  })
}
