import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import { can } from '../../../shared/permissions.ts'
import type { Page } from '../../../shared/schemas/common.ts'
import type { apiTokenCreateInput, apiTokenListInput, apiTokenRevokeInput } from '../../../shared/schemas/api-token.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent } from '../../events/event-log.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import type { ConnectionRegistry } from '../../realtime/connections.ts'
import { API_TOKEN_PREFIX, sha256 } from '../auth/auth.service.ts'
import { listPage } from '../paging.ts'
import type { ServiceContext } from '../scope.ts'

export interface ApiTokenServiceContext extends ServiceContext {
  connections: Pick<ConnectionRegistry, 'revokeToken'>
}

/** Characters of the token kept in clear, enough to recognise it in a list. */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8
const DAY_MS = 24 * 3600_000

// Never select tokenHash.
const tokenSelect = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  scope: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} satisfies Prisma.ApiTokenSelect

export type ApiTokenSummary = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>

/** Creates a token for the caller; the plain token is in this answer only, never stored nor shown again. */
export async function createApiToken(
  ctx: ServiceContext,
  input: z.output<typeof apiTokenCreateInput>,
): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  if (ctx.viewer.role === 'VIEWER' && input.scope !== 'READ') {
    throw new DomainError('INVALID', 'A viewer may only create read-only tokens', {
      fieldErrors: { scope: ['Viewers may only create READ tokens'] },
    })
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const apiToken = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: ctx.viewer.id,
        name: input.name,
        scope: input.scope,
        tokenHash: sha256(token),
        prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
      },
      select: tokenSelect,
    })
    await appendEvent(tx, tokenEvent('api_token.created', created, ctx.viewer.id))
    await recordSecurityEvent(tx, {
      action: 'api_token_created',
      userId: ctx.viewer.id,
      ...ctx.client,
      details: { tokenId: created.id, name: created.name, scope: created.scope, prefix: created.prefix },
    })
    return created
  })
  return { token, apiToken }
}

export async function listApiTokens(
  ctx: ServiceContext,
  input: z.output<typeof apiTokenListInput>,
): Promise<Page<ApiTokenSummary>> {
  const userId = input.userId ?? ctx.viewer.id
  if (userId !== ctx.viewer.id && !can(ctx.viewer.role, 'tokens:manage-others')) {
    throw new DomainError('FORBIDDEN', 'Only an admin may see the tokens of another user')
  }
  return listPage(ctx.prisma.apiToken, {
    where: { userId, ...(input.includeRevoked ? {} : { revokedAt: null }) },
    scope: { userId },
    select: tokenSelect,
    sort: { keyset: ['createdAt'] },
    direction: 'desc',
    cursor: input.cursor,
    limit: input.limit,
  })
}

/**
 * Revokes a token of the caller (an admin: anyone's). HTTP calls with it fail from now on, as
 * authentication reads `revokedAt`; open WebSocket connections are closed through the registry.
 */
export async function revokeApiToken(
  ctx: ApiTokenServiceContext,
  input: z.output<typeof apiTokenRevokeInput>,
): Promise<ApiTokenSummary> {
  const others = can(ctx.viewer.role, 'tokens:manage-others')
  const { token, changed } = await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.apiToken.findFirst({
      where: { id: input.id, ...(others ? {} : { userId: ctx.viewer.id }) },
      select: tokenSelect,
    })
    if (!existing) throw notFound('API token')
    if (existing.revokedAt) return { token: existing, changed: false }
    const updated = await tx.apiToken.update({ where: { id: existing.id }, data: { revokedAt: new Date() }, select: tokenSelect })
    await appendEvent(tx, tokenEvent('api_token.revoked', updated, ctx.viewer.id))
    await recordSecurityEvent(tx, {
      action: 'api_token_revoked',
      userId: updated.userId,
      actorId: ctx.viewer.id,
      ...ctx.client,
      details: { tokenId: updated.id, name: updated.name, prefix: updated.prefix },
    })
    return { token: updated, changed: true }
  })
  // The registry tracks connections by user and session only, so this closes every live
  // connection of the owner; those using another credential simply reconnect.
  if (changed) await ctx.connections.revokeToken(token.id)
  return token
}

/** Token events carry no team: a user's credentials concern them and admins, not their teammates. */
function tokenEvent(type: 'api_token.created' | 'api_token.revoked', token: ApiTokenSummary, actorId: string) {
  return {
    type,
    entity: 'api_token',
    entityId: token.id,
    teamId: null,
    actorId,
    payload: { userId: token.userId, name: token.name, prefix: token.prefix, scope: token.scope, expiresAt: token.expiresAt },
  }
}
