import { unique } from '../../support/factories.ts'
import { makeApiToken } from '../../support/factories-task.ts'
import type { Caller, MatrixCase, Target } from './types.ts'

// For tokens, own = the caller's, sameTeam = a teammate's, otherTeam = a user of the other team's.
const userOf = (caller: Caller, target: Target) =>
  target === 'own' ? caller.id : target === 'sameTeam' ? caller.teammateId : caller.otherTeamUserId

export const apiTokenCases: MatrixCase[] = [
  {
    path: 'apiTokens.list',
    input: async (_fixture, caller, target) => (target === 'own' ? {} : { userId: userOf(caller, target) }),
    expected: (role, target) => (target === 'own' || role === 'ADMIN' ? 'ok' : 'FORBIDDEN'),
  },
  {
    path: 'apiTokens.create',
    // Tokens are only ever created for oneself: the targets vary the scope instead (own = READ).
    input: async (_fixture, _caller, target) => ({ name: unique('Jeton'), scope: target === 'own' ? 'READ' : 'READ_WRITE' }),
    expected: (role, target) => (role === 'VIEWER' && target !== 'own' ? 'BAD_REQUEST' : 'ok'),
  },
  {
    path: 'apiTokens.revoke',
    input: async (fixture, caller, target) => ({ id: (await makeApiToken(fixture.prisma, { userId: userOf(caller, target) })).row.id }),
    expected: (role, target) => (target === 'own' || role === 'ADMIN' ? 'ok' : 'NOT_FOUND'),
  },
]
