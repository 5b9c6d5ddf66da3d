// Typed Socket.IO event maps shared by the browser and the server. Event names are `domain:verb`.
export interface ServerToClientEvents {
  'session:ready': (payload: { userId: string; nodeId: string }) => void
}

export interface ClientToServerEvents {
  'system:ping': (ack: (reply: { nodeId: string; at: string }) => void) => void
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  team: (teamId: string) => `team:${teamId}`,
  admins: 'role:admin',
} as const
