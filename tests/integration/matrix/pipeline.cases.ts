import { makeOrganisation } from '../../support/factories.ts'
import { ownerFor } from './organisation.cases.ts'
import { teamRule, type MatrixCase } from './types.ts'

export const pipelineCases: MatrixCase[] = [
  {
    path: 'pipeline.board',
    input: async (_fixture, caller, target) => ({ ownerId: ownerFor(caller, target).ownerId }),
    // A board is a filtered list: it never fails for readers; its scoping is tested with the lists.
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'pipeline.move',
    input: async (fixture, caller, target) => ({
      id: (await makeOrganisation(fixture.prisma, ownerFor(caller, target))).id,
      fromStage: 'PROSPECT',
      toStage: 'QUALIFIED',
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'pipeline.onChange',
    input: async () => undefined,
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
]
