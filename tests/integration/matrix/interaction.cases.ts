import { makeOrganisation, unique } from '../../support/factories.ts'
import { makeInteraction, makePerson } from '../../support/factories-person.ts'
import { ownerFor } from './organisation.cases.ts'
import type { Role } from '../../../src/shared/permissions.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Outcome, type Target } from './types.ts'

/** An interaction authored by `target`'s user, about an organisation and a person of that team. */
async function interactionFor(fixture: MatrixFixture, caller: Caller, target: Target) {
  const { teamId, ownerId } = ownerFor(caller, target)
  const organisation = await makeOrganisation(fixture.prisma, { teamId, ownerId })
  const person = await makePerson(fixture.prisma, { teamId, ownerId })
  return makeInteraction(fixture.prisma, { teamId, authorId: ownerId, organisationId: organisation.id, personIds: [person.id] })
}

/** Writers change their own interactions; managers and admins anyone's in their scope. */
function authorOrManager(role: Role, target: Target): Outcome {
  const outcome = teamRule('SALES')(role, target)
  return outcome === 'ok' && role === 'SALES' && target !== 'own' ? 'FORBIDDEN' : outcome
}

export const interactionCases: MatrixCase[] = [
  {
    path: 'interactions.list',
    input: async (fixture, caller, target) => ({ organisationId: (await interactionFor(fixture, caller, target)).organisationId }),
    // Lists never fail for readers; the scoping of their content is checked by the interaction tests.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'interactions.byId',
    input: async (fixture, caller, target) => ({ id: (await interactionFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'interactions.create',
    input: async (fixture, caller, target) => {
      const organisation = await makeOrganisation(fixture.prisma, ownerFor(caller, target))
      const person = await makePerson(fixture.prisma, ownerFor(caller, target))
      return {
        kind: 'MEETING',
        occurredAt: new Date(),
        summary: unique('Rendez-vous'),
        organisationId: organisation.id,
        personIds: [person.id],
      }
    },
    // No team named: an admin logs it in the organisation's team; anyone else may not reference another team's records.
    expected: (role, target) => {
      const outcome = teamRule('SALES')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'interactions.update',
    input: async (fixture, caller, target) => ({
      id: (await interactionFor(fixture, caller, target)).id,
      version: 1,
      data: { summary: 'Compte rendu révisé' },
    }),
    expected: authorOrManager,
  },
  {
    path: 'interactions.delete',
    input: async (fixture, caller, target) => ({ id: (await interactionFor(fixture, caller, target)).id }),
    expected: authorOrManager,
  },
]
