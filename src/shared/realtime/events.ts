// Typed Socket.IO event maps shared by the browser and the server. Event names are `domain:verb`.
import type { Ack, PresenceMember } from './collaboration.ts'

/** A domain event as clients receive it (see src/server/events/types.ts). */
export interface LiveEventPayload {
  id: string
  type: string
  entity: string
  entityId: string
  teamId: string | null
  actorId: string | null
  payload: Record<string, unknown>
  createdAt: string
}

export interface ServerToClientEvents {
  'session:ready': (payload: { userId: string; nodeId: string; lastEventId: string }) => void
  /** A domain event the user may see, in id order, after any catch-up. */
  'events:new': (event: LiveEventPayload) => void
  /** Too many events were missed: refetch, then continue from `latestEventId`. */
  'events:reset': (payload: { latestEventId: string }) => void
  /** Someone joined or changed their presence on an organisation page. */
  'presence:changed': (payload: { organisationId: string; member: PresenceMember }) => void
  'presence:left': (payload: { organisationId: string; socketId: string }) => void
  /** A Yjs update of the organisation's notes, from another editor. */
  'notes:update': (payload: { organisationId: string; update: Uint8Array; userId: string }) => void
  'notes:awareness': (payload: { organisationId: string; update: Uint8Array }) => void
}

export interface ClientToServerEvents {
  'system:ping': (ack: (reply: { nodeId: string; at: string }) => void) => void
  /** Enter an organisation's page: answered with everyone present (on every node). */
  'presence:join': (payload: { organisationId: string }, ack: Ack<{ members: PresenceMember[] }>) => void
  'presence:leave': (payload: { organisationId: string }) => void
  'presence:update': (payload: { organisationId: string; field: string | null; status: 'active' | 'idle' }, ack?: Ack<object>) => void
  /** Open the co-edited notes: answered with the whole document state (a Yjs update). */
  'notes:join': (payload: { organisationId: string }, ack: Ack<{ state: Uint8Array }>) => void
  /** A local Yjs update; acknowledged once it is stored. */
  'notes:update': (payload: { organisationId: string; update: Uint8Array }, ack: Ack<object>) => void
  'notes:awareness': (payload: { organisationId: string; update: Uint8Array }) => void
  /** Close the notes: no more updates from the others. */
  'notes:leave': (payload: { organisationId: string }) => void
}

/** Every event a client may send, at run time (the authorization matrix checks each one). */
export const CLIENT_EVENTS = [
  'system:ping',
  'presence:join',
  'presence:leave',
  'presence:update',
  'notes:join',
  'notes:update',
  'notes:awareness',
  'notes:leave',
] as const satisfies readonly (keyof ClientToServerEvents)[]

// Fails to compile when an event is added to the map but not to the list.
type UnlistedClientEvent = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>
const allClientEventsListed: [UnlistedClientEvent] extends [never] ? true : never = true
void allClientEventsListed

/** Sent in the Socket.IO handshake `auth`: resume after this event id (omit on first connection). */
export interface SocketAuth {
  lastEventId?: string
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  team: (teamId: string) => `team:${teamId}`,
  admins: 'role:admin',
  /** Presence on an organisation's page. */
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  /** Editors of an organisation's notes: joined and left independently of presence. */
  notes: (organisationId: string) => `notes:${organisationId}`,
} as const
