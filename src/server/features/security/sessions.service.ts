import type { PrismaClient } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import type { ConnectionRegistry } from '../../realtime/connections.ts'
import { describeDevice } from '../auth/auth.service.ts'
import { recordSecurityEvent } from './security-events.ts'

interface SessionsContext {
  prisma: PrismaClient
  connections: Pick<ConnectionRegistry, 'revokeSession' | 'revokeOtherSessions' | 'revokeUser'>
  client: { ip: string; userAgent?: string }
}

export interface OwnSession {
  /** The session's key (a hash of its cookie, which never leaves the browser that holds it). */
  id: string
  device: string
  userAgent: string | null
  ip: string | null
  createdAt: Date
  lastSeenAt: Date
  current: boolean
}

/** "Appareils connectés": the caller's open sessions, the current one first, then the most recent. */
export async function listOwnSessions(ctx: Pick<SessionsContext, 'prisma'>, userId: string, currentSessionId: string): Promise<OwnSession[]> {
  const sessions = await ctx.prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  })
  return sessions
    .map((session) => ({ ...session, device: describeDevice(session.userAgent ?? undefined), current: session.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current))
}

/** Ends one of the caller's own sessions (not the current one: that is signing out). */
export async function revokeOwnSession(ctx: SessionsContext, userId: string, currentSessionId: string, sessionId: string) {
  if (sessionId === currentSessionId) throw new DomainError('INVALID', 'Sign out to end this session')
  const ended = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId } })
    if (count === 0) return false
    await recordSecurityEvent(tx, { action: 'sessions_revoked', userId, ...ctx.client, details: { scope: 'one', count } })
    return true
  })
  // Someone else's session, or one already gone: the same answer, no existence leak.
  if (!ended) throw new DomainError('NOT_FOUND', 'Session not found')
  await ctx.connections.revokeSession(sessionId)
  return { ended: 1 }
}

/** Ends every session of the caller but the current one. */
export async function revokeOtherOwnSessions(ctx: SessionsContext, userId: string, currentSessionId: string) {
  const count = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } })
    await recordSecurityEvent(tx, { action: 'sessions_revoked', userId, ...ctx.client, details: { scope: 'others', count } })
    return count
  })
  await ctx.connections.revokeOtherSessions(userId, currentSessionId, 'session ended')
  return { ended: count }
}

/** An administrator ends every session of a user (whose live connections close on every node). */
export async function endAllSessionsOf(ctx: SessionsContext, actorId: string, userId: string) {
  const count = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } })
    await recordSecurityEvent(tx, { action: 'sessions_revoked', userId, actorId, ...ctx.client, details: { scope: 'all', count } })
    return count
  })
  await ctx.connections.revokeUser(userId, 'sessions ended by an administrator')
  return { ended: count }
}
