import type { z } from 'zod'
import type { auditListInput, SecurityAction, securityHistoryInput } from '../../../shared/schemas/security.ts'
import type { Prisma } from '../../db/client.ts'
import { describeDevice } from '../auth/auth.service.ts'
import type { ServiceContext } from '../scope.ts'

export interface AuditEntry {
  /** The event's id in the log (a string: it is a bigint). */
  id: string
  action: SecurityAction
  createdAt: Date
  /** The account concerned, when there is one. */
  user: { id: string; name: string; email: string } | null
  /** Who acted, when not the account itself (an admin). */
  actor: { id: string; name: string } | null
  ip: string | null
  device: string | null
  /** The e-mail typed, for a failed sign-in to an unknown account. */
  email: string | null
  details: Record<string, unknown>
}

export interface AuditPage {
  items: AuditEntry[]
  nextCursor: string | null
}

const PAYLOAD_COLUMNS = new Set(['userId', 'ip', 'userAgent', 'email'])

/** Reads security events newest first, one page past `cursor`, with the names of the people in them. */
async function readPage(
  ctx: Pick<ServiceContext, 'prisma'>,
  where: Prisma.DomainEventWhereInput,
  cursor: string | undefined,
  limit: number,
): Promise<AuditPage> {
  const rows = await ctx.prisma.domainEvent.findMany({
    where: { entity: 'security', ...where, ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
    select: { id: true, type: true, createdAt: true, actorId: true, payload: true },
  })
  const page = rows.slice(0, limit)
  const payloads = page.map((row) => (row.payload ?? {}) as Record<string, unknown>)
  const ids = new Set<string>()
  page.forEach((row, index) => {
    const userId = payloads[index].userId
    if (typeof userId === 'string') ids.add(userId)
    if (row.actorId) ids.add(row.actorId)
  })
  const users = ids.size
    ? await ctx.prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } })
    : []
  const byId = new Map(users.map((user) => [user.id, user]))
  const items = page.map((row, index): AuditEntry => {
    const payload = payloads[index]
    const userId = typeof payload.userId === 'string' ? payload.userId : null
    const userAgent = typeof payload.userAgent === 'string' ? payload.userAgent : null
    const actor = row.actorId && row.actorId !== userId ? byId.get(row.actorId) : undefined
    return {
      id: row.id.toString(),
      action: row.type.slice('security.'.length) as SecurityAction,
      createdAt: row.createdAt,
      user: userId ? (byId.get(userId) ?? { id: userId, name: '—', email: '' }) : null,
      actor: actor ? { id: actor.id, name: actor.name } : null,
      ip: typeof payload.ip === 'string' ? payload.ip : null,
      device: userAgent ? describeDevice(userAgent) : null,
      email: typeof payload.email === 'string' ? payload.email : null,
      details: Object.fromEntries(Object.entries(payload).filter(([key]) => !PAYLOAD_COLUMNS.has(key))),
    }
  })
  return { items, nextCursor: rows.length > limit ? page[page.length - 1].id.toString() : null }
}

/** Paris days, as the screen shows them: `from` at its midnight, `to` up to the next one. */
function dayStart(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`)
  const parisOffset = new Date(utc.toLocaleString('en-US', { timeZone: 'Europe/Paris' })).getTime() - utc.getTime()
  return new Date(utc.getTime() - parisOffset)
}

/** The admins' audit trail (security:admin): every account, filtered by account, kind and period. */
export function listAudit(ctx: Pick<ServiceContext, 'prisma'>, input: z.output<typeof auditListInput>): Promise<AuditPage> {
  const createdAt: Prisma.DateTimeFilter = {}
  if (input.from) createdAt.gte = dayStart(input.from)
  if (input.to) createdAt.lt = new Date(dayStart(input.to).getTime() + 24 * 3600_000)
  return readPage(
    ctx,
    {
      ...(input.action ? { type: `security.${input.action}` } : {}),
      ...(input.userId ? { OR: [{ entityId: input.userId }, { actorId: input.userId }] } : {}),
      ...(input.from || input.to ? { createdAt } : {}),
    },
    input.cursor,
    input.limit,
  )
}

/** The caller's own security history: what happened to their account. */
export function listOwnSecurityHistory(ctx: ServiceContext, input: z.output<typeof securityHistoryInput>): Promise<AuditPage> {
  return readPage(ctx, { entityId: ctx.viewer.id }, input.cursor, input.limit)
}
