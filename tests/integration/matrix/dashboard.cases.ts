import type { MatrixCase } from './types.ts'

export const dashboardCases: MatrixCase[] = [
  {
    path: 'dashboard.summary',
    input: async (_fixture, caller, target) => ({ period: 'month', teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId }),
    // Figures are aggregates: every reader gets an answer, and another team's are empty for anyone but
    // an admin (checked against hand-computed figures in dashboard.test.ts).
    expected: () => 'ok',
  },
]
