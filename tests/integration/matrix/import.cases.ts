import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Outcome, type Target } from './types.ts'
import type { Role } from '../../../src/shared/permissions.ts'
import { emptyImportCounts, type ImportStatus } from '../../../src/shared/schemas/import.ts'
import { unique } from '../../support/factories.ts'

/** An import of `target`'s team, made by the caller (own), a teammate, or a user of the other team. */
async function importFor(fixture: MatrixFixture, caller: Caller, target: Target, status: ImportStatus = 'DRAFT', dryRunDone = true) {
  const name = unique('Matrice')
  return fixture.prisma.import.create({
    data: {
      teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId,
      createdById: target === 'own' ? caller.id : target === 'sameTeam' ? caller.teammateId : caller.otherTeamUserId,
      fileName: 'matrice.csv',
      format: 'csv',
      fileSize: 20,
      fileData: new Uint8Array(Buffer.from(`Société\n${name}\n`)),
      mapping: { Société: 'organisation.name' },
      totalRows: 1,
      status,
      counts: dryRunDone ? { ...emptyImportCounts(), rows: 1, organisations: { create: 1, update: 0, skip: 0 } } : {},
    },
  })
}

/** Undo deletes records: a manager's right, or the importer's own import. */
function undoRule(role: Role, target: Target): Outcome {
  const outcome = teamRule('SALES')(role, target)
  if (outcome === 'ok' && role === 'SALES' && target !== 'own') return 'FORBIDDEN'
  return outcome
}

export const importCases: MatrixCase[] = [
  { path: 'imports.list', input: async () => ({}), expected: (role) => teamRule('VIEWER')(role, 'own') },
  { path: 'imports.byId', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target)).id }), expected: teamRule('VIEWER') },
  { path: 'imports.errorReport', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target)).id }), expected: teamRule('VIEWER') },
  { path: 'imports.preview', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target)).id }), expected: teamRule('SALES') },
  {
    path: 'imports.dryRun',
    input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target)).id, mapping: { Société: 'organisation.name' }, duplicatePolicy: 'skip' }),
    expected: teamRule('SALES'),
  },
  { path: 'imports.start', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target)).id }), expected: teamRule('SALES') },
  { path: 'imports.cancel', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target, 'QUEUED')).id }), expected: teamRule('SALES') },
  { path: 'imports.undo', input: async (fixture, caller, target) => ({ id: (await importFor(fixture, caller, target, 'SUCCEEDED')).id }), expected: undoRule },
]
