import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type {
  organisationCreateInput,
  organisationDeleteInput,
  organisationListInput,
  organisationUpdateInput,
} from '../../../shared/schemas/organisation.ts'
import { normalizeName } from '../../../shared/normalize.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields, fieldsChangedSince } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { assertOwnerInTeam, targetTeam, teamScope, type ServiceContext } from '../scope.ts'
import { replaceNotesText } from './notes.service.ts'

const summarySelect = {
  id: true,
  name: true,
  type: true,
  category: true,
  stage: true,
  potentialAmount: true,
  email: true,
  phone: true,
  city: true,
  country: true,
  isActive: true,
  tags: true,
  version: true,
  teamId: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
} satisfies Prisma.OrganisationSelect

const detailInclude = {
  owner: { select: { id: true, name: true, email: true } },
  team: { select: { id: true, name: true } },
  personLinks: {
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
    include: { person: { select: { id: true, firstName: true, lastName: true, email: true, phone: true, jobTitle: true } } },
  },
  mandates: {
    orderBy: { updatedAt: 'desc' },
    include: { products: { include: { product: { select: { id: true, name: true, isin: true, kind: true } } } } },
  },
  interactions: {
    orderBy: { occurredAt: 'desc' },
    take: 50,
    include: { author: { select: { id: true, name: true } } },
  },
  tasks: {
    orderBy: [{ status: 'asc' }, { dueAt: 'asc' }],
    take: 50,
    include: { assignee: { select: { id: true, name: true } } },
  },
} satisfies Prisma.OrganisationInclude

export type OrganisationSummary = Prisma.OrganisationGetPayload<{ select: typeof summarySelect }>
export type OrganisationDetail = Prisma.OrganisationGetPayload<{ include: typeof detailInclude }>

type ListInput = z.output<typeof organisationListInput>

function listWhere(ctx: ServiceContext, input: ListInput): Prisma.OrganisationWhereInput {
  const where: Prisma.OrganisationWhereInput = { ...teamScope(ctx.viewer) }
  if (input.teamId) where.AND = [{ teamId: input.teamId }]
  if (input.type?.length) where.type = { in: input.type }
  if (input.stage?.length) where.stage = { in: input.stage }
  if (input.isActive !== undefined) where.isActive = input.isActive
  if (input.ownerId) where.ownerId = input.ownerId
  if (input.tags?.length) where.tags = { hasEvery: input.tags }
  if (input.q) {
    where.OR = [
      { name: { contains: input.q, mode: 'insensitive' } },
      { normalizedName: { contains: normalizeName(input.q) } },
      { email: { contains: input.q, mode: 'insensitive' } },
      { city: { contains: input.q, mode: 'insensitive' } },
    ]
  }
  return where
}

const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.OrganisationDelegate>> = {
  name: { keyset: ['name'] },
  updatedAt: { keyset: ['updatedAt'] },
  createdAt: { keyset: ['createdAt'] },
  potentialAmount: { keyset: ['potentialAmount'], missing: { potentialAmount: null } },
  owner: { keyset: [['owner', 'name']], missing: { ownerId: null } },
  stage: { enum: 'stage' },
  type: { enum: 'type' },
}

export async function listOrganisations(ctx: ServiceContext, input: ListInput): Promise<Page<OrganisationSummary>> {
  return listPage(ctx.prisma.organisation, {
    where: listWhere(ctx, input),
    scope: teamScope(ctx.viewer),
    select: summarySelect,
    sort: LIST_SORTS[input.sort.field],
    direction: input.sort.direction,
    cursor: input.cursor,
    limit: input.limit,
  })
}

export async function getOrganisation(ctx: ServiceContext, id: string): Promise<OrganisationDetail> {
  const organisation = await ctx.prisma.organisation.findFirst({
    where: { id, ...teamScope(ctx.viewer) },
    include: detailInclude,
  })
  if (!organisation) throw notFound('Organisation')
  return organisation
}

export async function createOrganisation(
  ctx: ServiceContext,
  input: z.output<typeof organisationCreateInput>,
): Promise<OrganisationDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const id = await ctx.prisma.$transaction(async (tx) => {
    await assertOwnerInTeam(tx, input.ownerId, teamId)
    const { teamId: _ignored, ...fields } = input
    const created = await tx.organisation.create({
      data: { ...fields, ownerId: input.ownerId ?? ctx.viewer.id, teamId, normalizedName: normalizeName(input.name) },
    })
    await appendEvent(tx, {
      type: 'organisation.created',
      entity: 'organisation',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: eventSnapshot(created),
    })
    return created.id
  })
  return getOrganisation(ctx, id)
}

export async function updateOrganisation(
  ctx: ServiceContext,
  input: z.output<typeof organisationUpdateInput>,
): Promise<OrganisationDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.organisation.findFirst({ where: { id: input.id, ...teamScope(ctx.viewer) } })
    if (!before) throw notFound('Organisation')
    if (before.version !== input.version) {
      // Someone saved since the user read the record: fine if they touched other fields (the two
      // edits merge); a conflict if they changed one the user is changing too.
      const changedSince = await fieldsChangedSince(tx, 'organisation', input.id, input.version)
      const overlap = changedSince ? Object.keys(input.data).filter((field) => changedSince.has(field)) : Object.keys(input.data)
      if (overlap.length > 0) throw await staleVersion(ctx, input.id, overlap)
    }
    if (input.data.ownerId !== undefined) await assertOwnerInTeam(tx, input.data.ownerId, before.teamId)
    const data = {
      ...input.data,
      ...(input.data.name ? { normalizedName: normalizeName(input.data.name) } : {}),
    }
    // The version in the WHERE makes the check atomic: a concurrent writer makes this match nothing.
    const { count } = await tx.organisation.updateMany({
      where: { id: input.id, version: before.version },
      data: { ...data, version: { increment: 1 } },
    })
    if (count === 0) throw await staleVersion(ctx, input.id)
    // A form or API edit of the notes replaces the text of the co-edited document too.
    if (input.data.notes !== undefined) await replaceNotesText(tx, input.id, input.data.notes ?? '', ctx.viewer.id)
    const after = await tx.organisation.findUniqueOrThrow({ where: { id: input.id } })
    const changes = diffFields(before, after, Object.keys(input.data) as (keyof typeof before)[])
    await appendEvent(tx, {
      type: 'organisation.updated',
      entity: 'organisation',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: { ...eventSnapshot(after), changes },
    })
  })
  return getOrganisation(ctx, input.id)
}

export async function deleteOrganisation(
  ctx: ServiceContext,
  input: z.output<typeof organisationDeleteInput>,
): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.organisation.findFirst({ where: { id: input.id, ...teamScope(ctx.viewer) } })
    if (!existing) throw notFound('Organisation')
    if (input.version !== undefined && existing.version !== input.version) throw await staleVersion(ctx, input.id)
    await tx.organisation.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'organisation.deleted',
      entity: 'organisation',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      payload: eventSnapshot(existing),
    })
  })
  return { id: input.id }
}

/** What live consumers (pipeline board, notifications, webhooks) need without another read. */
function eventSnapshot(organisation: {
  name: string
  type: string
  stage: string
  potentialAmount: number | null
  ownerId: string | null
  version: number
}) {
  const { name, type, stage, potentialAmount, ownerId, version } = organisation
  return { name, type, stage, potentialAmount, ownerId, version }
}

/**
 * CONFLICT carrying the record as it is now and the fields changed by someone else, so the client
 * can show both values and let the user choose.
 */
async function staleVersion(ctx: ServiceContext, id: string, fields?: string[]): Promise<DomainError> {
  const current = await ctx.prisma.organisation.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Organisation')
  return new DomainError('CONFLICT', 'This organisation was changed by someone else', { current, fields: fields ?? null })
}
