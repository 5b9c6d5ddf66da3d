import type { z } from 'zod'
import { seesAllTeams, type Role } from '../../../shared/permissions.ts'
import type { Page } from '../../../shared/schemas/common.ts'
import {
  MANAGER_ASSIGNABLE_ROLES,
  type userCreateInput,
  type userListInput,
  type userResetPasswordInput,
  type userUpdateInput,
} from '../../../shared/schemas/user.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import type { ConnectionRegistry } from '../../realtime/connections.ts'
import type { Authenticated, Viewer } from '../auth/auth.service.ts'
import { hashPassword } from '../auth/password.ts'
import { listPage, type ListSort } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite, lockRow } from '../versioned-write.ts'

/** Account changes must reach live connections, whose context was built when they opened. */
export interface UserServiceContext extends ServiceContext {
  connections: Pick<ConnectionRegistry, 'revokeUser'>
  session: Authenticated
}

// Never select passwordHash: every read of a user goes through this.
const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  isActive: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, name: true } },
} satisfies Prisma.UserSelect

export type UserSummary = Prisma.UserGetPayload<{ select: typeof userSelect }>
type UserRow = Omit<UserSummary, 'team'>

type ListInput = z.output<typeof userListInput>

const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.UserDelegate>> = {
  name: { keyset: ['name'] },
  email: { keyset: ['email'] },
  role: { enum: 'role' },
  createdAt: { keyset: ['createdAt'] },
}

export async function listUsers(ctx: ServiceContext, input: ListInput): Promise<Page<UserSummary>> {
  const and: Prisma.UserWhereInput[] = [teamScope(ctx.viewer)]
  if (input.teamId) and.push({ teamId: input.teamId })
  if (input.role?.length) and.push({ role: { in: input.role } })
  if (input.isActive !== undefined) and.push({ isActive: input.isActive })
  if (input.q) {
    and.push({ OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { email: { contains: input.q, mode: 'insensitive' } }] })
  }
  return listPage(ctx.prisma.user, {
    where: { AND: and },
    scope: teamScope(ctx.viewer),
    select: userSelect,
    sort: LIST_SORTS[input.sort.field],
    direction: input.sort.direction,
    cursor: input.cursor,
    limit: input.limit,
  })
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserSummary> {
  const user = await ctx.prisma.user.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: userSelect })
  if (!user) throw notFound('User')
  return user
}

export async function createUser(ctx: ServiceContext, input: z.output<typeof userCreateInput>): Promise<UserSummary> {
  assertAssignableRole(ctx.viewer, input.role)
  const teamId = targetTeam(ctx.viewer, input.teamId)
  await assertTeamExists(ctx.prisma, teamId)
  await assertEmailFree(ctx.prisma, input.email)
  // Hashing is deliberately slow: do it before the transaction opens.
  const passwordHash = await hashPassword(input.password)
  const id = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, teamId, passwordHash, mustChangePassword: true },
      select: userSelect,
    })
    await appendEvent(tx, {
      type: 'user.created',
      entity: 'user',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: eventPayload(created),
    })
    await recordSecurityEvent(tx, {
      action: 'user_created',
      userId: created.id,
      actorId: ctx.viewer.id,
      ...ctx.client,
      details: { email: created.email, role: created.role, teamId },
    })
    return created.id
  })
  return getUser(ctx, id)
}

export async function updateUser(ctx: UserServiceContext, input: z.output<typeof userUpdateInput>): Promise<UserSummary> {
  const { data } = input
  const self = input.id === ctx.viewer.id
  if (self && data.role !== undefined && data.role !== ctx.viewer.role) {
    throw invalid('role', 'You cannot change your own role')
  }
  if (self && data.isActive === false) throw invalid('isActive', 'You cannot deactivate your own account')
  if (data.role) assertAssignableRole(ctx.viewer, data.role)
  if (data.teamId) await assertTeamExists(ctx.prisma, targetTeam(ctx.viewer, data.teamId))

  const { before, after } = await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'user',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(data),
      read: () => findManageable(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    const after = await tx.user.update({ where: { id: input.id }, data: { ...data, version: { increment: 1 } }, select: userSelect })
    if (!after.isActive) await tx.session.deleteMany({ where: { userId: after.id } })
    const changes = diffFields(before, after, Object.keys(data) as (keyof UserRow)[])
    await appendEvent(tx, {
      type: 'user.updated',
      entity: 'user',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: { ...eventPayload(after), changes, ...(changes.teamId ? { previousTeamId: before.teamId } : {}) },
    })
    if (Object.keys(changes).length > 0) {
      await recordSecurityEvent(tx, {
        action: changes.role
          ? 'role_changed'
          : changes.isActive
            ? after.isActive
              ? 'user_reactivated'
              : 'user_deactivated'
            : 'user_updated',
        userId: after.id,
        actorId: ctx.viewer.id,
        ...ctx.client,
        details: { email: after.email, changes },
      })
    }
    return { before, after }
  })
  const rightsChanged = before.role !== after.role || before.teamId !== after.teamId || before.isActive !== after.isActive
  if (rightsChanged) await ctx.connections.revokeUser(after.id, 'account changed')
  return after
}

/** Sets a new password; every other session of that user ends and their live connections close. */
export async function resetPassword(
  ctx: UserServiceContext,
  input: z.output<typeof userResetPasswordInput>,
): Promise<UserSummary> {
  await findManageable(ctx, ctx.prisma, input.id)
  const passwordHash = await hashPassword(input.password)
  // Resetting your own password keeps the session you are using; everyone else is signed out.
  const keepSession =
    input.id === ctx.viewer.id && ctx.session.credential.kind === 'session' ? ctx.session.credential.sessionId : undefined
  const user = await ctx.prisma.$transaction(async (tx) => {
    await lockRow(tx, 'user', input.id)
    const target = await findManageable(ctx, tx, input.id)
    const updated = await tx.user.update({
      where: { id: target.id },
      // Set by someone else: to be replaced by the user's own at their next sign-in.
      data: { passwordHash, mustChangePassword: input.id !== ctx.viewer.id, version: { increment: 1 } },
      select: userSelect,
    })
    await tx.session.deleteMany({ where: { userId: target.id, ...(keepSession ? { id: { not: keepSession } } : {}) } })
    await appendEvent(tx, {
      type: 'user.updated',
      entity: 'user',
      entityId: updated.id,
      teamId: updated.teamId,
      actorId: ctx.viewer.id,
      payload: { ...eventPayload(updated), passwordReset: true, changes: {} },
    })
    await recordSecurityEvent(tx, { action: 'password_reset', userId: updated.id, actorId: ctx.viewer.id, ...ctx.client, details: { email: updated.email } })
    return updated
  })
  await ctx.connections.revokeUser(user.id, 'password reset')
  return user
}

/** The same rule for other features (ending a user's sessions). */
export function findManageableUser(ctx: ServiceContext, id: string): Promise<UserRow> {
  return findManageable(ctx, ctx.prisma, id)
}

/**
 * A user the caller may change: in scope (another team's user is not found), and for a manager
 * only a sales or viewer member of their team, or themselves.
 */
async function findManageable(ctx: ServiceContext, db: Db, id: string): Promise<UserRow> {
  const user = await db.user.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: userSelect })
  if (!user) throw notFound('User')
  if (!seesAllTeams(ctx.viewer.role) && user.id !== ctx.viewer.id && !isManagerAssignable(user.role)) {
    throw new DomainError('FORBIDDEN', 'Managers can only manage sales and viewer members of their team')
  }
  return user
}

function isManagerAssignable(role: Role): boolean {
  return (MANAGER_ASSIGNABLE_ROLES as readonly Role[]).includes(role)
}

function assertAssignableRole(viewer: Viewer, role: Role) {
  if (!seesAllTeams(viewer.role) && !isManagerAssignable(role)) {
    throw new DomainError('FORBIDDEN', 'Managers can only give the SALES or VIEWER role', {
      fieldErrors: { role: ['Not allowed for your role'] },
    })
  }
}

async function assertTeamExists(db: Db, teamId: string) {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true } })
  if (!team) throw invalid('teamId', 'No such team')
}

async function assertEmailFree(db: Db, email: string) {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } })
  if (existing) {
    throw new DomainError('CONFLICT', 'A user with this email already exists', { fieldErrors: { email: ['already_in_use'] } })
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID', message, { fieldErrors: { [field]: [message] } })
}

function eventPayload(user: UserRow) {
  return { email: user.email, name: user.name, role: user.role, isActive: user.isActive, version: user.version }
}

/** CONFLICT carrying the user as they are now and the fields changed by someone else; read in the writer's transaction. */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.user.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: userSelect })
  if (!current) return notFound('User')
  return new DomainError('CONFLICT', 'This user was changed by someone else', { current, fields })
}
