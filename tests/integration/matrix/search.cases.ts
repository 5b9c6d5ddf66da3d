import { makeOrganisation, unique } from '../../support/factories.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

// Search answers every reader; what it returns is scoped, which search.test.ts checks by team and
// role (a record of the other team is never listed). Remembering a visit is like byId.
const organisationFor = (fixture: MatrixFixture, caller: Caller, target: Target) =>
  makeOrganisation(fixture.prisma, {
    teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId,
    ownerId: target === 'own' ? caller.id : target === 'sameTeam' ? caller.teammateId : caller.otherTeamUserId,
    name: unique('Recherche matrice'),
  })

export const searchCases: MatrixCase[] = [
  {
    path: 'search.query',
    input: async (fixture, caller, target) => ({ q: (await organisationFor(fixture, caller, target)).name, kinds: ['organisation'], limit: 5 }),
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'search.recent',
    input: async () => ({ limit: 8 }),
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'search.visit',
    input: async (fixture, caller, target) => ({ kind: 'organisation', id: (await organisationFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
]
