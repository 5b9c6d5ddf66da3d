import { describe, expect, it } from 'vitest'
import { mayNotify } from '../../src/server/features/notification/notification.projector.ts'

// Only the events that make a notification wake the notifications projection after a write; the
// others (most writes) are passed over by its next pass. A wrong "false" would delay a notification
// by up to the projection's timer, so the rule is the projector's own (draftFor), checked here.
const event = (type: string, payload: Record<string, unknown>, teamId: string | null = 'team-a') => ({
  type,
  entity: type.split('.')[0],
  entityId: 'entity-1',
  teamId,
  actorId: 'user-1',
  payload,
})

describe('which events wake the notifications projection', () => {
  it('wakes it for pipeline moves, interactions, signed mandates and assignments', () => {
    expect(mayNotify(event('organisation.updated', { changes: { stage: { from: 'PROSPECT', to: 'WON' } } }))).toBe(true)
    expect(mayNotify(event('interaction.created', { organisationId: 'org-1', summary: 'Call' }))).toBe(true)
    expect(mayNotify(event('mandate.created', { status: 'SIGNED' }))).toBe(true)
    expect(mayNotify(event('mandate.updated', { changes: { status: { from: 'DRAFT', to: 'SIGNED' } } }))).toBe(true)
    expect(mayNotify(event('task.created', { assigneeId: 'user-2' }))).toBe(true)
    expect(mayNotify(event('task.updated', { assigneeId: 'user-2', previousAssigneeId: null }))).toBe(true)
  })

  it('leaves it asleep for the writes that notify nobody', () => {
    expect(mayNotify(event('organisation.created', { name: 'Acme', stage: 'PROSPECT' }))).toBe(false)
    expect(mayNotify(event('organisation.updated', { changes: { name: { from: 'A', to: 'B' } } }))).toBe(false)
    expect(mayNotify(event('organisation.updated', { changes: { stage: { from: 'PROSPECT', to: 'WON' } } }, null))).toBe(false)
    expect(mayNotify(event('mandate.updated', { changes: { status: { from: 'DRAFT', to: 'SENT' } } }))).toBe(false)
    expect(mayNotify(event('task.updated', { assigneeId: 'user-2' }))).toBe(false)
    expect(mayNotify(event('person.created', { firstName: 'Ada' }))).toBe(false)
    expect(mayNotify(event('notification.created', { recipientId: 'user-2' }, null))).toBe(false)
  })
})
