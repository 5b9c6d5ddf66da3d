import { unique } from '../../support/factories.ts'
import { makeUser } from '../../support/factories-task.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

// For users, own = the caller themself, sameTeam = a sales member of the caller's team, otherTeam =
// a sales member of the other team. Writes target fresh users so the signed-in callers stay as they are.

function existingUserId(caller: Caller, target: Target): string {
  if (target === 'own') return caller.id
  return target === 'sameTeam' ? caller.teammateId : caller.otherTeamUserId
}

async function writableUser(fixture: MatrixFixture, caller: Caller, target: Target) {
  if (target === 'own') return fixture.prisma.user.findUniqueOrThrow({ where: { id: caller.id } })
  return makeUser(fixture.prisma, { teamId: target === 'sameTeam' ? caller.teamId : caller.otherTeamId, role: 'SALES' })
}

export const userCases: MatrixCase[] = [
  {
    path: 'users.list',
    input: async (_fixture, caller, target) => ({ teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId }),
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'users.byId',
    input: async (_fixture, caller, target) => ({ id: existingUserId(caller, target) }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'users.create',
    input: async (_fixture, caller, target) => ({
      email: `${unique('new').replace(' ', '-')}@matrix.test`,
      name: unique('Nouvel utilisateur'),
      role: target === 'sameTeam' ? 'VIEWER' : 'SALES',
      password: 'a-long-enough-password',
      ...(target === 'own' ? {} : { teamId: target === 'sameTeam' ? caller.teamId : caller.otherTeamId }),
    }),
    expected: (role, target) => {
      const outcome = teamRule('MANAGER')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'users.update',
    input: async (fixture, caller, target) => {
      const user = await writableUser(fixture, caller, target)
      // The caller keeps their role and name: only what may change about oneself is sent.
      const data = target === 'own' ? { name: user.name } : { name: unique('Renommé'), role: 'VIEWER' }
      return { id: user.id, version: user.version, data }
    },
    expected: teamRule('MANAGER'),
  },
  {
    path: 'users.resetPassword',
    input: async (fixture, caller, target) => ({
      id: (await writableUser(fixture, caller, target)).id,
      password: 'another-long-password',
    }),
    expected: teamRule('MANAGER'),
  },
]
