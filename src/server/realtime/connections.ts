import type { Bus } from '../infra/bus.ts'

interface LiveConnection {
  sessionId?: string
  tokenId?: string
  userId: string
  close(reason: string): void
}

const REVOKE_CHANNEL = 'auth:revoke'
type RevokeMessage = { sessionId?: string; tokenId?: string; userId?: string; exceptSessionId?: string; reason: string }

/**
 * Tracks this node's live connections (tRPC WebSocket and Socket.IO) by session and user, so that a
 * logout or a role change made on any node closes them everywhere: contexts are built once per
 * connection and would otherwise keep stale rights.
 */
export function createConnectionRegistry(bus: Bus) {
  const connections = new Set<LiveConnection>()

  function closeMatching(message: RevokeMessage) {
    for (const connection of connections) {
      const matches =
        (message.sessionId && connection.sessionId === message.sessionId) ||
        (message.tokenId && connection.tokenId === message.tokenId) ||
        (message.userId &&
          connection.userId === message.userId &&
          (message.exceptSessionId === undefined || connection.sessionId !== message.exceptSessionId))
      if (matches) {
        connections.delete(connection)
        connection.close(message.reason)
      }
    }
  }
  const unsubscribe = bus.subscribe(REVOKE_CHANNEL, (message) => closeMatching(message as RevokeMessage))

  return {
    track(connection: LiveConnection): () => void {
      connections.add(connection)
      return () => connections.delete(connection)
    },
    get size() {
      return connections.size
    },
    revokeSession(sessionId: string) {
      return bus.publish(REVOKE_CHANNEL, { sessionId, reason: 'session ended' } satisfies RevokeMessage)
    },
    revokeToken(tokenId: string) {
      return bus.publish(REVOKE_CHANNEL, { tokenId, reason: 'api token revoked' } satisfies RevokeMessage)
    },
    revokeUser(userId: string, reason: string) {
      return bus.publish(REVOKE_CHANNEL, { userId, reason } satisfies RevokeMessage)
    },
    /** Every session's connections of the user but one (the caller's), on every node. */
    revokeOtherSessions(userId: string, keepSessionId: string, reason: string) {
      return bus.publish(REVOKE_CHANNEL, { userId, exceptSessionId: keepSessionId, reason } satisfies RevokeMessage)
    },
    close() {
      unsubscribe()
      connections.clear()
    },
  }
}

export type ConnectionRegistry = ReturnType<typeof createConnectionRegistry>
