import { seesAllTeams } from '../../shared/permissions.ts'
import type { Viewer } from './auth/auth.service.ts'
import { DomainError } from '../errors.ts'
import type { PrismaClient, Prisma } from '../db/client.ts'

// The one data-scoping layer (SPEC §3): every service filters reads and checks writes with these,
// so a record outside the caller's team is simply not found (no existence leak).

/** Matches no team: a non-admin without a team sees nothing. */
const NO_TEAM = '00000000-0000-0000-0000-000000000000'

export interface ServiceContext {
  prisma: PrismaClient
  viewer: Viewer
}

export type Db = PrismaClient | Prisma.TransactionClient

/** `where` fragment restricting a team-scoped model to what the viewer may read. */
export function teamScope(viewer: Viewer): { teamId?: string } {
  return seesAllTeams(viewer.role) ? {} : { teamId: viewer.teamId ?? NO_TEAM }
}

export function inScope(viewer: Viewer, teamId: string | null): boolean {
  return seesAllTeams(viewer.role) || (teamId !== null && teamId === viewer.teamId)
}

/** The team a new record goes to: an admin may pick one; everyone else writes to their own. */
export function targetTeam(viewer: Viewer, requested?: string | null): string {
  if (seesAllTeams(viewer.role)) {
    const teamId = requested ?? viewer.teamId
    if (!teamId) throw new DomainError('INVALID', 'Choose a team', { fieldErrors: { teamId: ['Required'] } })
    return teamId
  }
  if (!viewer.teamId) throw new DomainError('FORBIDDEN', 'You do not belong to a team')
  if (requested && requested !== viewer.teamId) {
    throw new DomainError('INVALID', 'You can only create records in your own team', {
      fieldErrors: { teamId: ['Not your team'] },
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
      fieldErrors: { ownerId: ['Not a member of this team'] },
    })
  }
}
