// Typed Socket.IO event maps shared by the browser and the server. Event names are `domain:verb`.

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
}

export interface ClientToServerEvents {
  'system:ping': (ack: (reply: { nodeId: string; at: string }) => void) => void
}

/** Sent in the Socket.IO handshake `auth`: resume after this event id (omit on first connection). */
export interface SocketAuth {
  lastEventId?: string
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  team: (teamId: string) => `team:${teamId}`,
  admins: 'role:admin',
} as const
