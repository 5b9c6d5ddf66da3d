import * as Y from 'yjs'
import type { PresenceMember } from '../../src/shared/realtime/collaboration.ts'
import type { TestSocket } from './socket.ts'

/** Emits with an acknowledgement, as the browser does. */
export function request<T = any>(socket: TestSocket, event: string, payload: unknown): Promise<T> {
  return (socket.timeout(10_000) as any).emitWithAck(event, payload)
}

export function joinPresence(socket: TestSocket, organisationId: string): Promise<{ ok: boolean; members?: PresenceMember[]; error?: string }> {
  return request(socket, 'presence:join', { organisationId })
}

/** A notes editor: a Yjs document kept in sync over the socket, like the browser's. */
export async function openNotes(socket: TestSocket, organisationId: string) {
  const doc = new Y.Doc()
  const acknowledged: string[] = []
  socket.on('notes:update' as any, (payload: { organisationId: string; update: ArrayBuffer | Uint8Array }) => {
    if (payload.organisationId === organisationId) Y.applyUpdate(doc, new Uint8Array(payload.update), 'remote')
  })
  const reply = await request<{ ok: boolean; state?: ArrayBuffer | Uint8Array; error?: string }>(socket, 'notes:join', { organisationId })
  if (!reply.ok) throw new Error(reply.error)
  Y.applyUpdate(doc, new Uint8Array(reply.state!), 'remote')
  const text = doc.getText('notes')
  return {
    doc,
    text,
    acknowledged,
    /** Inserts at `index` and resolves once the server has stored it. */
    async insert(index: number, value: string) {
      const before = Y.encodeStateVector(doc)
      text.insert(Math.min(index, text.length), value)
      const update = Y.encodeStateAsUpdate(doc, before)
      const ack = await request<{ ok: boolean; error?: string }>(socket, 'notes:update', { organisationId, update })
      if (ack.ok) acknowledged.push(value)
      return ack
    },
  }
}
