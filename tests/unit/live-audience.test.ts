import { describe, expect, it } from 'vitest'
import { canSeeEvent } from '../../src/server/events/visibility.ts'
import type { LiveEvent } from '../../src/server/events/types.ts'
import type { Viewer } from '../../src/server/features/auth/auth.service.ts'
import { liveAudience, liveRooms } from '../../src/server/realtime/socket-server.ts'

// The shared fan-out sends an event to rooms; a socket receives it when one of its rooms is in the
// event's audience. That must be exactly what the one visibility rule allows, for every role × team.
const roles = ['ADMIN', 'MANAGER', 'SALES', 'VIEWER'] as const
const viewers: Viewer[] = roles.flatMap((role) =>
  [null, 'team-a', 'team-b'].map((teamId, index) => ({
    id: `${role}-${index}`,
    email: '',
    name: '',
    role,
    teamId,
    teamName: null,
    theme: 'system',
    language: 'fr',
    avatarColor: null,
  })),
)
const event = (teamId: string | null, payload: Record<string, unknown> = {}): LiveEvent => ({
  id: '1',
  type: 'organisation.updated',
  entity: 'organisation',
  entityId: 'o',
  teamId,
  actorId: null,
  payload,
  createdAt: new Date().toISOString(),
})
const events = [
  event('team-a'),
  event('team-b'),
  event(null),
  ...viewers.map((viewer) => ({ ...event(null, { recipientId: viewer.id }), entity: 'notification' })),
  ...viewers.map((viewer) => ({ ...event('team-a', { recipientId: viewer.id }), entity: 'notification' })),
]

describe('live fan-out per audience', () => {
  it('reaches exactly the sockets the visibility rule allows, for every role, team and kind of event', () => {
    let allowed = 0
    for (const viewer of viewers) {
      const rooms = new Set(liveRooms(viewer))
      for (const item of events) {
        const receives = liveAudience(item).some((room) => rooms.has(room))
        expect(receives, `${viewer.id} / ${item.teamId} / ${JSON.stringify(item.payload)}`).toBe(canSeeEvent(viewer, item))
        if (receives) allowed++
      }
    }
    expect(allowed).toBeGreaterThan(viewers.length) // the check is not vacuous
  })
})
