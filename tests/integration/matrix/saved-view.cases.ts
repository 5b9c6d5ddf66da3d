import { unique } from '../../support/factories.ts'
import type { Caller, MatrixCase, MatrixFixture, Target } from './types.ts'

/** A view of the target's user, shared with that user's team (so a teammate can see it). */
async function viewFor(fixture: MatrixFixture, caller: Caller, target: Target) {
  const [userId, teamId] =
    target === 'own'
      ? [caller.id, caller.teamId]
      : target === 'sameTeam'
        ? [caller.teammateId, caller.teamId]
        : [caller.otherTeamUserId, caller.otherTeamId]
  return fixture.prisma.savedView.create({
    data: { userId, teamId, list: 'organisations', name: unique('Vue'), search: { stage: ['WON'] }, shared: true },
  })
}

// Views are personal: their owner changes them, teammates only open shared ones, other teams never see them.
const ownerOnly = (_role: unknown, target: Target) =>
  target === 'own' ? 'ok' : target === 'sameTeam' ? 'FORBIDDEN' : 'NOT_FOUND'

export const savedViewCases: MatrixCase[] = [
  {
    path: 'savedViews.list',
    input: async (fixture, caller, target) => ({ list: (await viewFor(fixture, caller, target)).list }),
    expected: () => 'ok',
  },
  {
    path: 'savedViews.create',
    input: async () => ({ list: 'people', name: unique('Vue'), search: { q: 'Dupont' }, shared: true }),
    expected: () => 'ok',
  },
  {
    path: 'savedViews.update',
    input: async (fixture, caller, target) => ({ id: (await viewFor(fixture, caller, target)).id, data: { shared: false } }),
    expected: ownerOnly,
  },
  {
    path: 'savedViews.delete',
    input: async (fixture, caller, target) => ({ id: (await viewFor(fixture, caller, target)).id }),
    expected: ownerOnly,
  },
]
