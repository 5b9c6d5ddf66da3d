import { seesAllTeams } from '../../shared/permissions.ts'
import type { Viewer } from '../features/auth/auth.service.ts'
import type { LiveEvent } from './types.ts'

/**
 * Whether `viewer` may receive `event` live — the same rule as reading the record (SPEC §3):
 * personal events (notifications) go to their recipient only; team events to that team and admins;
 * events without a team (users, teams, webhooks) to admins only.
 */
export function canSeeEvent(viewer: Viewer, event: LiveEvent): boolean {
  const recipientId = event.payload.recipientId
  if (typeof recipientId === 'string') return recipientId === viewer.id
  if (seesAllTeams(viewer.role)) return true
  return event.teamId !== null && event.teamId === viewer.teamId
}
