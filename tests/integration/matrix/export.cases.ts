import { randomUUID } from 'node:crypto'
import { teamRule, type MatrixCase } from './types.ts'

// Every role may export (SPEC §3): the progress and history of exports are read by all. Progress
// is keyed by the caller (another's id reads null) and history is team-scoped: see exports.test.ts.
const everyone = (role: Parameters<ReturnType<typeof teamRule>>[0]) => teamRule('VIEWER')(role, 'own')

export const exportCases: MatrixCase[] = [
  { path: 'exports.progress', input: async () => ({ progressId: randomUUID() }), expected: everyone },
  { path: 'exports.history', input: async () => ({}), expected: everyone },
]
