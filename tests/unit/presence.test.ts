import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trackActivity, type ActivityStatus } from '../../src/client/features/organisation/collaboration/idle-tracker.ts'
import { collaboratorsOf } from '../../src/client/features/organisation/collaboration/use-organisation-presence.ts'
import { userColor, type PresenceMember } from '../../src/shared/realtime/collaboration.ts'

/** A page stand-in: an event target for activity, and a document whose visibility the test sets. */
function fakePage() {
  const target = new EventTarget()
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
  return {
    target: target as unknown as Window,
    doc: doc as unknown as Document,
    act: (name = 'keydown') => target.dispatchEvent(new Event(name)),
    setVisibility(state: DocumentVisibilityState) {
      doc.visibilityState = state
      doc.dispatchEvent(new Event('visibilitychange'))
    },
  }
}

describe('idle tracking', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('goes idle after 60 s without activity, and active again on the next key press', () => {
    const page = fakePage()
    const changes: ActivityStatus[] = []
    const stop = trackActivity((status) => changes.push(status), { target: page.target, doc: page.doc })

    vi.advanceTimersByTime(59_000)
    expect(changes).toEqual([])
    page.act('pointermove') // Re-arms the timer: another full minute is needed.
    vi.advanceTimersByTime(59_000)
    expect(changes).toEqual([])
    vi.advanceTimersByTime(1_000)
    expect(changes).toEqual(['idle'])
    page.act('keydown')
    expect(changes).toEqual(['idle', 'active'])
    stop()
    vi.advanceTimersByTime(120_000)
    expect(changes).toEqual(['idle', 'active'])
  })

  it('is idle at once when the tab is hidden, and active when it is shown again', () => {
    const page = fakePage()
    const changes: ActivityStatus[] = []
    const stop = trackActivity((status) => changes.push(status), { target: page.target, doc: page.doc })
    page.setVisibility('hidden')
    page.act('wheel') // Events of a hidden tab do not count.
    expect(changes).toEqual(['idle'])
    page.setVisibility('visible')
    expect(changes).toEqual(['idle', 'active'])
    stop()
  })
})

describe('collaborators', () => {
  const member = (socketId: string, userId: string, patch: Partial<PresenceMember> = {}): PresenceMember => ({
    socketId,
    userId,
    name: `User ${userId}`,
    color: userColor(userId),
    field: null,
    status: 'active',
    ...patch,
  })

  it('folds the tabs of one user into one person, leaving out the viewer', () => {
    const people = collaboratorsOf(
      [
        member('s1', 'marie', { status: 'idle' }),
        member('s2', 'me'),
        member('s3', 'marie', { field: 'name' }),
        member('s4', 'paul', { status: 'idle' }),
      ],
      'me',
    )
    expect(people).toEqual([
      { userId: 'marie', name: 'User marie', color: userColor('marie'), field: 'name', status: 'active' },
      { userId: 'paul', name: 'User paul', color: userColor('paul'), field: null, status: 'idle' },
    ])
  })

  it('gives each user one colour on every screen', () => {
    expect(userColor('7c0f6d1e-4b1a-4f7e-9a57-1f0c2b3d4e5f')).toBe(userColor('7c0f6d1e-4b1a-4f7e-9a57-1f0c2b3d4e5f'))
    expect(userColor('a')).toMatch(/^#[0-9a-f]{6}$/)
  })
})
