import type { Db } from '../scope.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { SecurityAction } from '../../../shared/schemas/security.ts'

/**
 * Security-relevant actions, written to the event log (ASVS V16.3) as `security.<action>` events on
 * the entity `security`, keyed by the account concerned. They carry no team, so they reach admins
 * only (events/visibility.ts), and no webhook type. Never a password, code or token in the payload.
 */
export type { SecurityAction }

export interface SecurityEvent {
  action: SecurityAction
  /** The account concerned; null for a failed sign-in to an unknown address. */
  userId: string | null
  /** Who did it, when not the account itself (an admin). */
  actorId?: string | null
  ip?: string
  userAgent?: string
  details?: Record<string, unknown>
}

export async function recordSecurityEvent(db: Db, event: SecurityEvent): Promise<void> {
  await appendEvent(db, {
    type: `security.${event.action}`,
    entity: 'security',
    // Keyed by the account concerned, else by whoever acted (an admin changing webhooks or rules).
    entityId: event.userId ?? event.actorId ?? 'unknown',
    teamId: null,
    actorId: event.actorId ?? event.userId,
    payload: {
      userId: event.userId,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 300) ?? null,
      ...event.details,
    },
  })
}
