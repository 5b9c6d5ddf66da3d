import { seesAllTeams } from '../../shared/permissions.ts'
import type { Viewer } from './auth/auth.service.ts'
import { DomainError } from '../errors.ts'
import { Prisma, type PrismaClient } from '../db/client.ts'
import type { SqlClient } from '../db/sql.ts'

// The one data-scoping layer (SPEC §3): every service filters reads and checks writes with these,
// so a record outside the caller's team is simply not found (no existence leak).

/** Matches no team: a non-admin without a team sees nothing. */
const NO_TEAM = '00000000-0000-0000-0000-000000000000'

export interface ServiceContext {
  prisma: PrismaClient
  /** Bare connections for hot reads written in SQL; absent (jobs, scripts): they go through Prisma. */
  sql?: SqlClient
  viewer: Viewer
  /** The caller's address and browser, for the security audit trail (absent in jobs and scripts). */
  client?: { ip: string; userAgent?: string }
}

export type Db = PrismaClient | Prisma.TransactionClient

/** `where` fragment restricting a team-scoped model to what the viewer may read. */
export function teamScope(viewer: Viewer): { teamId?: string } {
  return seesAllTeams(viewer.role) ? {} : { teamId: viewer.teamId ?? NO_TEAM }
}

/** The same rule as `teamScope`, as a condition on `column` for the raw SQL of the search. */
export function teamScopeSql(viewer: Viewer, column: Prisma.Sql): Prisma.Sql {
  const { teamId } = teamScope(viewer)
  return teamId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${teamId}::uuid`
}

export function inScope(viewer: Viewer, teamId: string | null): boolean {
  return seesAllTeams(viewer.role) || (teamId !== null && teamId === viewer.teamId)
}

/** The team a new record goes to: an admin may pick one; everyone else writes to their own. */
export function targetTeam(viewer: Viewer, requested?: string | null): string {
  if (seesAllTeams(viewer.role)) {
    const teamId = requested ?? viewer.teamId
    if (!teamId) throw new DomainError('INVALID', 'Choose a team', { fieldErrors: { teamId: ['team_required'] } })
    return teamId
  }
  if (!viewer.teamId) throw new DomainError('FORBIDDEN', 'You do not belong to a team')
  if (requested && requested !== viewer.teamId) {
    throw new DomainError('INVALID', 'You can only create records in your own team', {
      fieldErrors: { teamId: ['not_your_team'] },
    })
  }
  return viewer.teamId
}

/** An owner must be an active user of the record's team. */
export async function assertOwnerInTeam(db: Db, ownerId: string | null | undefined, teamId: string): Promise<void> {
  if (!ownerId) return
  const owner = await db.user.findFirst({ where: { id: ownerId, teamId, isActive: true }, select: { id: true } })
  if (!owner) {
    throw new DomainError('INVALID', 'The owner must be an active member of the team', {
      fieldErrors: { ownerId: ['not_team_member'] },
    })
  }
}
