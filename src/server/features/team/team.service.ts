import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type { teamCreateInput, teamDeleteInput, teamListInput, teamUpdateInput } from '../../../shared/schemas/team.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage } from '../paging.ts'
import { teamScope, type Db, type ServiceContext } from '../scope.ts'

const teamSelect = {
  id: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  _count: {
    select: { users: true, organisations: true, people: true, mandates: true, products: true, interactions: true, tasks: true },
  },
} satisfies Prisma.TeamSelect

type TeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>
export type TeamCounts = TeamRow['_count']
export type TeamSummary = Omit<TeamRow, '_count'> & { counts: TeamCounts }

type ListInput = z.output<typeof teamListInput>

const SINGULAR: Record<keyof TeamCounts, string> = {
  users: 'user',
  organisations: 'organisation',
  people: 'person',
  mandates: 'mandate',
  products: 'product',
  interactions: 'interaction',
  tasks: 'task',
}

function toSummary({ _count, ...team }: TeamRow): TeamSummary {
  return { ...team, counts: _count }
}

/** A team is in scope when records of that team would be: its id plays the part of `teamId`. */
function teamWhere(ctx: ServiceContext): Prisma.TeamWhereInput {
  const { teamId } = teamScope(ctx.viewer)
  return teamId ? { id: teamId } : {}
}

export async function listTeams(ctx: ServiceContext, input: ListInput): Promise<Page<TeamSummary>> {
  const page = await listPage(ctx.prisma.team, {
    where: { AND: [teamWhere(ctx), ...(input.q ? [{ name: { contains: input.q, mode: 'insensitive' as const } }] : [])] },
    scope: teamWhere(ctx),
    select: teamSelect,
    sort: { keyset: [input.sort.field] },
    direction: input.sort.direction,
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map(toSummary) }
}

export async function getTeam(ctx: ServiceContext, id: string): Promise<TeamSummary> {
  const team = await ctx.prisma.team.findFirst({ where: { AND: [{ id }, teamWhere(ctx)] }, select: teamSelect })
  if (!team) throw notFound('Team')
  return toSummary(team)
}

export async function createTeam(ctx: ServiceContext, input: z.output<typeof teamCreateInput>): Promise<TeamSummary> {
  const id = await ctx.prisma.$transaction(async (tx) => {
    await assertNameFree(tx, input.name)
    const created = await tx.team.create({ data: { name: input.name } })
    await appendEvent(tx, {
      type: 'team.created',
      entity: 'team',
      entityId: created.id,
      teamId: created.id,
      actorId: ctx.viewer.id,
      payload: { name: created.name },
    })
    return created.id
  })
  return getTeam(ctx, id)
}

export async function updateTeam(ctx: ServiceContext, input: z.output<typeof teamUpdateInput>): Promise<TeamSummary> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { id: input.id } })
    if (!before) throw notFound('Team')
    await assertNameFree(tx, input.data.name, before.id)
    const after = await tx.team.update({ where: { id: input.id }, data: input.data })
    await appendEvent(tx, {
      type: 'team.updated',
      entity: 'team',
      entityId: after.id,
      teamId: after.id,
      actorId: ctx.viewer.id,
      payload: { name: after.name, changes: diffFields(before, after, ['name']) },
    })
  })
  return getTeam(ctx, input.id)
}

/** Refuses to delete a team that still holds members or records: nothing is orphaned or lost. */
export async function deleteTeam(ctx: ServiceContext, input: z.output<typeof teamDeleteInput>): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.id }, select: teamSelect })
    if (!team) throw notFound('Team')
    const remaining = Object.entries(team._count).filter(([, count]) => count > 0)
    if (remaining.length) {
      const list = remaining.map(([kind, count]) => `${count} ${count === 1 ? SINGULAR[kind as keyof TeamCounts] : kind}`).join(', ')
      throw new DomainError('CONFLICT', `This team still has ${list}; move or delete them first`, { counts: team._count })
    }
    await tx.team.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'team.deleted',
      entity: 'team',
      entityId: team.id,
      teamId: team.id,
      actorId: ctx.viewer.id,
      payload: { name: team.name },
    })
  })
  return { id: input.id }
}

/** Names differing only by case would be confusing in pickers, so they count as taken. */
async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const existing = await db.team.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  if (existing) {
    throw new DomainError('CONFLICT', 'A team with this name already exists', { fieldErrors: { name: ['already_in_use'] } })
  }
}
