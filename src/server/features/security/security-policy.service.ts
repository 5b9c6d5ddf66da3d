import type { SecurityPolicyInput } from '../../../shared/schemas/security.ts'
import { ROLES } from '../../../shared/permissions.ts'
import type { ServiceContext } from '../scope.ts'
import { recordSecurityEvent } from './security-events.ts'

/** The firm's security rules (one row; none yet means nothing is required). */
export async function getSecurityPolicy(ctx: Pick<ServiceContext, 'prisma'>) {
  const policy = await ctx.prisma.securityPolicy.findUnique({ where: { id: 1 }, select: { twoFactorRoles: true, updatedAt: true } })
  return { twoFactorRoles: policy?.twoFactorRoles ?? [], updatedAt: policy?.updatedAt ?? null }
}

/**
 * Sets the roles that must sign in with a second factor. Their members without one are led through
 * enrolment at their next request (the viewer's `mustEnrolTwoFactor`, read with the session).
 */
export async function updateSecurityPolicy(ctx: ServiceContext & { client: { ip: string; userAgent?: string } }, input: SecurityPolicyInput) {
  const twoFactorRoles = ROLES.filter((role) => input.twoFactorRoles.includes(role))
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.securityPolicy.findUnique({ where: { id: 1 }, select: { twoFactorRoles: true } })
    const policy = await tx.securityPolicy.upsert({
      where: { id: 1 },
      create: { id: 1, twoFactorRoles, updatedById: ctx.viewer.id },
      update: { twoFactorRoles, updatedById: ctx.viewer.id },
      select: { twoFactorRoles: true, updatedAt: true },
    })
    await recordSecurityEvent(tx, {
      action: 'policy_changed',
      userId: null,
      actorId: ctx.viewer.id,
      ...ctx.client,
      details: { twoFactorRoles: { from: before?.twoFactorRoles ?? [], to: twoFactorRoles } },
    })
    return policy
  })
}
