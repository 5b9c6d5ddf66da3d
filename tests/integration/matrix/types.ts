import type { PrismaClient } from '../../../src/server/db/client.ts'
import type { Role } from '../../../src/shared/permissions.ts'
import type { DemoUsers } from '../../support/factories.ts'

/**
 * Whose record a call targets, relative to the caller:
 * - own: a record the caller owns (or the caller themself),
 * - sameTeam: a teammate's record,
 * - otherTeam: a record of the other team.
 */
export type Target = 'own' | 'sameTeam' | 'otherTeam'
export const TARGETS: Target[] = ['own', 'sameTeam', 'otherTeam']

export type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'UNAUTHORIZED' | 'CONFLICT'

export interface Caller {
  id: string
  role: Role
  teamId: string
  /** A teammate of the caller (another user of the caller's team). */
  teammateId: string
  /** A user of the other team. */
  otherTeamUserId: string
  otherTeamId: string
}

export interface MatrixFixture {
  prisma: PrismaClient
  demo: DemoUsers
}

export interface MatrixCase {
  /** Procedure path, e.g. `organisations.update`. */
  path: string
  /** Builds a valid input whose record belongs to `target`, creating what it needs. */
  input(fixture: MatrixFixture, caller: Caller, target: Target): Promise<unknown>
  /** The outcome SPEC §3 prescribes for this role and target. */
  expected(role: Role, target: Target): Outcome
}

/** The common rule: a role below `minimum` is refused; another team's record is not found (ADMIN sees all). */
export function teamRule(minimum: Role) {
  const rank: Record<Role, number> = { ADMIN: 4, MANAGER: 3, SALES: 2, VIEWER: 1 }
  return (role: Role, target: Target): Outcome => {
    if (rank[role] < rank[minimum]) return 'FORBIDDEN'
    if (target === 'otherTeam' && role !== 'ADMIN') return 'NOT_FOUND'
    return 'ok'
  }
}
