import { makeOrganisation, unique } from '../../support/factories.ts'
import { makeLink, makePerson } from '../../support/factories-person.ts'
import { ownerFor } from './organisation.cases.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Target } from './types.ts'

const personFor = (fixture: MatrixFixture, caller: Caller, target: Target) => makePerson(fixture.prisma, ownerFor(caller, target))

/** A person of `target` and an organisation of the same team. */
async function personAndOrganisation(fixture: MatrixFixture, caller: Caller, target: Target) {
  const person = await personFor(fixture, caller, target)
  const organisation = await makeOrganisation(fixture.prisma, ownerFor(caller, target))
  return { person, organisation }
}

export const personCases: MatrixCase[] = [
  {
    path: 'people.list',
    input: async (fixture, caller, target) => ({ q: (await personFor(fixture, caller, target)).lastName }),
    // Lists never fail for readers; the scoping of their content is checked by the people tests.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'people.byId',
    input: async (fixture, caller, target) => ({ id: (await personFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'people.create',
    input: async (fixture, caller, target) => {
      const organisation = await makeOrganisation(fixture.prisma, ownerFor(caller, target))
      return {
        firstName: 'Nouvelle',
        lastName: unique('Personne'),
        links: [{ organisationId: organisation.id, role: 'Directeur', isPrimary: true }],
        ...(target === 'otherTeam' ? { teamId: caller.otherTeamId } : {}),
        ...(target === 'sameTeam' ? { ownerId: caller.teammateId } : {}),
      }
    },
    expected: (role, target) => {
      const outcome = teamRule('SALES')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'people.update',
    input: async (fixture, caller, target) => ({
      id: (await personFor(fixture, caller, target)).id,
      version: 1,
      data: { jobTitle: 'Gérant' },
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'people.delete',
    input: async (fixture, caller, target) => ({ id: (await personFor(fixture, caller, target)).id }),
    expected: teamRule('MANAGER'),
  },
  {
    path: 'people.link',
    input: async (fixture, caller, target) => {
      const { person, organisation } = await personAndOrganisation(fixture, caller, target)
      return { personId: person.id, organisationId: organisation.id, role: 'Trésorier', isPrimary: true }
    },
    expected: teamRule('SALES'),
  },
  {
    path: 'people.unlink',
    input: async (fixture, caller, target) => {
      const { person, organisation } = await personAndOrganisation(fixture, caller, target)
      await makeLink(fixture.prisma, { personId: person.id, organisationId: organisation.id })
      return { personId: person.id, organisationId: organisation.id }
    },
    expected: teamRule('SALES'),
  },
]

const twoPeopleFor = async (fixture: MatrixFixture, caller: Caller, target: Target) => [
  (await personFor(fixture, caller, target)).id,
  (await personFor(fixture, caller, target)).id,
]

export const personBulkCases: MatrixCase[] = [
  {
    path: 'people.bulkUpdate',
    input: async (fixture, caller, target) => ({ ids: await twoPeopleFor(fixture, caller, target), patch: { ownerId: null } }),
    expected: teamRule('SALES'),
  },
  {
    path: 'people.bulkRestore',
    input: async (fixture, caller, target) => ({
      items: (await twoPeopleFor(fixture, caller, target)).map((id) => ({ id, fields: { ownerId: null } })),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'people.bulkDelete',
    input: async (fixture, caller, target) => ({ ids: await twoPeopleFor(fixture, caller, target) }),
    expected: teamRule('MANAGER'),
  },
]
