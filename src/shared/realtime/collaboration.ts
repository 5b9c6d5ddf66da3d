import { z } from 'zod'

// Payloads of the collaboration events (presence, co-edited notes), validated on the server: a
// malformed message is refused without disturbing the room.

export const organisationRoomInput = z.object({ organisationId: z.uuid() })

export const PRESENCE_STATUSES = ['active', 'idle'] as const
export const presenceUpdateInput = z.object({
  organisationId: z.uuid(),
  /** The field being edited (a form field name), or null. */
  field: z.string().regex(/^[a-zA-Z][\w.]{0,63}$/).nullable(),
  status: z.enum(PRESENCE_STATUSES),
})
export type PresenceUpdateInput = z.infer<typeof presenceUpdateInput>

/** Yjs updates are binary; 256 KiB is far more than any keystroke batch. */
export const MAX_DOCUMENT_UPDATE_BYTES = 256 * 1024
const binary = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array || (typeof Buffer !== 'undefined' && Buffer.isBuffer(value)), 'Expected binary data')
  .refine((value) => value.byteLength > 0 && value.byteLength <= MAX_DOCUMENT_UPDATE_BYTES, 'Update too large or empty')

export const notesUpdateInput = z.object({ organisationId: z.uuid(), update: binary })
export const notesAwarenessInput = z.object({ organisationId: z.uuid(), update: binary })

export interface PresenceMember {
  socketId: string
  userId: string
  name: string
  color: string
  field: string | null
  status: (typeof PRESENCE_STATUSES)[number]
}

export type Ack<T> = (reply: ({ ok: true } & T) | { ok: false; error: string }) => void

/** The colours a user's initials may take: Tailwind's 600/700 shades, white text on each at least 4.5:1. */
export const USER_COLORS = ['#4f46e5', '#be185d', '#047857', '#b45309', '#0e7490', '#7c3aed', '#dc2626', '#4d7c0f', '#0f766e', '#a21caf'] as const

/** A user's colour, the same on every screen and every node: the one they chose, else one derived from their id. */
export function userColor(userId: string, chosen?: string | null): string {
  if (chosen && (USER_COLORS as readonly string[]).includes(chosen)) return chosen
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length]
}

export const notesDocName = (organisationId: string) => `organisation:${organisationId}:notes`
