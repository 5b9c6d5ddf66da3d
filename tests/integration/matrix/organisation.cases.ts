import { makeOrganisation, unique } from '../../support/factories.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

export function ownerFor(caller: Caller, target: Target) {
  if (target === 'own') return { teamId: caller.teamId, ownerId: caller.id }
  if (target === 'sameTeam') return { teamId: caller.teamId, ownerId: caller.teammateId }
  return { teamId: caller.otherTeamId, ownerId: caller.otherTeamUserId }
}

const organisationFor = (fixture: MatrixFixture, caller: Caller, target: Target) =>
  makeOrganisation(fixture.prisma, ownerFor(caller, target))

export const organisationCases: MatrixCase[] = [
  {
    path: 'organisations.list',
    input: async (fixture, caller, target) => ({ q: (await organisationFor(fixture, caller, target)).name }),
    // Lists never fail for readers; the scoping of their content is checked by the list/byId test.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'organisations.byId',
    input: async (fixture, caller, target) => ({ id: (await organisationFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'organisations.timeline',
    input: async (fixture, caller, target) => ({ id: (await organisationFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'organisations.create',
    input: async (_fixture, caller, target) => ({
      name: unique('Nouvelle organisation'),
      type: 'INVESTOR',
      ...(target === 'otherTeam' ? { teamId: caller.otherTeamId } : {}),
      ...(target === 'sameTeam' ? { ownerId: caller.teammateId } : {}),
    }),
    expected: (role, target) => {
      const outcome = teamRule('SALES')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'organisations.update',
    input: async (fixture, caller, target) => ({
      id: (await organisationFor(fixture, caller, target)).id,
      version: 1,
      data: { city: 'Bordeaux' },
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'organisations.delete',
    input: async (fixture, caller, target) => ({ id: (await organisationFor(fixture, caller, target)).id }),
    expected: teamRule('MANAGER'),
  },
]

const twoOrganisationsFor = async (fixture: MatrixFixture, caller: Caller, target: Target) => [
  (await organisationFor(fixture, caller, target)).id,
  (await organisationFor(fixture, caller, target)).id,
]

export const organisationBulkCases: MatrixCase[] = [
  {
    path: 'organisations.bulkUpdate',
    input: async (fixture, caller, target) => ({ ids: await twoOrganisationsFor(fixture, caller, target), patch: { stage: 'QUALIFIED' } }),
    expected: teamRule('SALES'),
  },
  {
    path: 'organisations.bulkRestore',
    input: async (fixture, caller, target) => ({
      items: (await twoOrganisationsFor(fixture, caller, target)).map((id) => ({ id, fields: { stage: 'LOST' } })),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'organisations.bulkDelete',
    input: async (fixture, caller, target) => ({ ids: await twoOrganisationsFor(fixture, caller, target) }),
    expected: teamRule('MANAGER'),
  },
]
