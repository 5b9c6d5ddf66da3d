import { makeOrganisation } from '../../support/factories.ts'
import { makePerson } from '../../support/factories-person.ts'
import { ownerFor } from './organisation.cases.ts'
import { teamRule, type MatrixCase } from './types.ts'

// Look-ups never fail for readers (like lists); that other teams' records stay out is checked in duplicates.test.ts.
const readers = (role: Parameters<ReturnType<typeof teamRule>>[0]) => teamRule('VIEWER')(role, 'own')

export const duplicatesCases: MatrixCase[] = [
  {
    path: 'organisations.similar',
    input: async (fixture, caller, target) => ({ name: (await makeOrganisation(fixture.prisma, ownerFor(caller, target))).name }),
    expected: readers,
  },
  {
    path: 'people.similar',
    input: async (fixture, caller, target) => {
      const person = await makePerson(fixture.prisma, ownerFor(caller, target))
      return { firstName: person.firstName, lastName: person.lastName }
    },
    expected: readers,
  },
]
