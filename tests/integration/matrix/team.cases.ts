import { unique } from '../../support/factories.ts'
import { makeTeam } from '../../support/factories-task.ts'
import { teamRule, type Caller, type MatrixCase, type Target } from './types.ts'

// For teams, own and sameTeam = the caller's team, otherTeam = the other team.
const teamOf = (caller: Caller, target: Target) => (target === 'otherTeam' ? caller.otherTeamId : caller.teamId)
const adminOnly = (role: Caller['role']) => (role === 'ADMIN' ? 'ok' : 'FORBIDDEN')

export const teamCases: MatrixCase[] = [
  {
    path: 'teams.list',
    input: async () => ({}),
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'teams.byId',
    input: async (_fixture, caller, target) => ({ id: teamOf(caller, target) }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'teams.create',
    input: async () => ({ name: unique('Équipe') }),
    expected: adminOnly,
  },
  {
    path: 'teams.update',
    // Renames the team to its own name: the rights are exercised, the demo teams stay as they are.
    input: async (fixture, caller, target) => {
      const team = await fixture.prisma.team.findUniqueOrThrow({ where: { id: teamOf(caller, target) } })
      return { id: team.id, data: { name: team.name } }
    },
    expected: adminOnly,
  },
  {
    path: 'teams.delete',
    // A team holding records cannot be deleted (CONFLICT, see team.test.ts): an empty team stands in.
    input: async (fixture) => ({ id: (await makeTeam(fixture.prisma)).id }),
    expected: adminOnly,
  },
]
