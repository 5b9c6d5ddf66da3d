import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import {
  INTERACTION_SUBJECT_REQUIRED,
  type interactionCreateInput,
  type interactionDeleteInput,
  type interactionListInput,
  type interactionUpdateInput,
} from '../../../shared/schemas/interaction.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'

const peopleSelect = {
  orderBy: [{ person: { lastName: 'asc' } }, { person: { firstName: 'asc' } }],
  select: { person: { select: { id: true, firstName: true, lastName: true, email: true } } },
} satisfies Prisma.Interaction$peopleArgs

const summarySelect = {
  id: true,
  kind: true,
  occurredAt: true,
  summary: true,
  organisationId: true,
  authorId: true,
  teamId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  organisation: { select: { id: true, name: true, type: true } },
  team: { select: { id: true, name: true } },
  people: peopleSelect,
} satisfies Prisma.InteractionSelect

const detailSelect = { ...summarySelect, body: true } satisfies Prisma.InteractionSelect

type WithPeople<T extends { people: { person: unknown }[] }> = Omit<T, 'people'> & { people: T['people'][number]['person'][] }
export type InteractionSummary = WithPeople<Prisma.InteractionGetPayload<{ select: typeof summarySelect }>>
export type InteractionDetail = WithPeople<Prisma.InteractionGetPayload<{ select: typeof detailSelect }>>

type ListInput = z.output<typeof interactionListInput>
type CreateInput = z.output<typeof interactionCreateInput>

function flattenPeople<T extends { people: { person: unknown }[] }>({ people, ...interaction }: T): WithPeople<T> {
  return { ...interaction, people: people.map((entry) => entry.person) } as WithPeople<T>
}

function listWhere(ctx: ServiceContext, input: ListInput): Prisma.InteractionWhereInput {
  const where: Prisma.InteractionWhereInput = { ...teamScope(ctx.viewer) }
  if (input.teamId) where.AND = [{ teamId: input.teamId }]
  if (input.organisationId) where.organisationId = input.organisationId
  if (input.personId) where.people = { some: { personId: input.personId } }
  if (input.kind?.length) where.kind = { in: input.kind }
  if (input.authorId) where.authorId = input.authorId
  if (input.from || input.to) where.occurredAt = { gte: input.from, lte: input.to }
  return where
}

export async function listInteractions(ctx: ServiceContext, input: ListInput): Promise<Page<InteractionSummary>> {
  const page = await listPage(ctx.prisma.interaction, {
    where: listWhere(ctx, input),
    scope: teamScope(ctx.viewer),
    select: summarySelect,
    sort: { keyset: ['occurredAt'] },
    direction: 'desc',
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map(flattenPeople) }
}

export async function getInteraction(ctx: ServiceContext, id: string): Promise<InteractionDetail> {
  const interaction = await ctx.prisma.interaction.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: detailSelect })
  if (!interaction) throw notFound('Interaction')
  return flattenPeople(interaction)
}

export async function createInteraction(ctx: ServiceContext, input: CreateInput): Promise<InteractionDetail> {
  const id = await ctx.prisma.$transaction(async (tx) => {
    const teamId = targetTeam(ctx.viewer, input.teamId ?? (await referencedTeam(tx, ctx, input)))
    await assertSubjectsInTeam(tx, ctx, teamId, input.organisationId, input.personIds)
    const { teamId: _ignored, personIds, ...fields } = input
    const created = await tx.interaction.create({
      data: {
        ...fields,
        teamId,
        authorId: ctx.viewer.id,
        people: { createMany: { data: personIds.map((personId) => ({ personId })) } },
      },
    })
    await appendEvent(tx, {
      type: 'interaction.created',
      entity: 'interaction',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: {
        teamId,
        organisationId: created.organisationId,
        personIds,
        authorId: created.authorId,
        kind: created.kind,
        summary: created.summary,
        occurredAt: created.occurredAt.toISOString(),
        version: created.version,
      },
    })
    return created.id
  })
  return getInteraction(ctx, id)
}

export async function updateInteraction(
  ctx: ServiceContext,
  input: z.output<typeof interactionUpdateInput>,
): Promise<InteractionDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const found = await tx.interaction.findFirst({
      where: { id: input.id, ...teamScope(ctx.viewer) },
      include: { people: { select: { personId: true } } },
    })
    if (!found) throw notFound('Interaction')
    if (found.version !== input.version) throw await staleVersion(ctx, input.id)
    const { people, ...before } = found
    const { personIds, ...fields } = input.data
    const peopleBefore = people.map((entry) => entry.personId).sort()
    const peopleAfter = personIds ? [...personIds].sort() : peopleBefore
    if (fields.organisationId !== undefined || personIds !== undefined) {
      await assertSubjectsInTeam(tx, ctx, before.teamId, fields.organisationId, personIds ?? [])
      const organisationAfter = fields.organisationId !== undefined ? fields.organisationId : before.organisationId
      if (!organisationAfter && peopleAfter.length === 0) {
        throw new DomainError('INVALID', INTERACTION_SUBJECT_REQUIRED, {
          fieldErrors: { organisationId: [INTERACTION_SUBJECT_REQUIRED], personIds: [INTERACTION_SUBJECT_REQUIRED] },
        })
      }
    }
    // The version in the WHERE makes the check atomic: a concurrent writer makes this match nothing.
    const { count } = await tx.interaction.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...fields, version: { increment: 1 } },
    })
    if (count === 0) throw await staleVersion(ctx, input.id)
    if (personIds) {
      await tx.interactionPerson.deleteMany({ where: { interactionId: input.id, personId: { notIn: personIds } } })
      await tx.interactionPerson.createMany({
        data: personIds.map((personId) => ({ interactionId: input.id, personId })),
        skipDuplicates: true,
      })
    }
    const after = await tx.interaction.findUniqueOrThrow({ where: { id: input.id } })
    const changes = diffFields(before, after, Object.keys(fields) as (keyof typeof before)[])
    if (JSON.stringify(peopleBefore) !== JSON.stringify(peopleAfter)) changes.personIds = { from: peopleBefore, to: peopleAfter }
    await appendEvent(tx, {
      type: 'interaction.updated',
      entity: 'interaction',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: {
        teamId: after.teamId,
        organisationId: after.organisationId,
        personIds: peopleAfter,
        kind: after.kind,
        summary: after.summary,
        changes,
        version: after.version,
      },
    })
  })
  return getInteraction(ctx, input.id)
}

export async function deleteInteraction(
  ctx: ServiceContext,
  input: z.output<typeof interactionDeleteInput>,
): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.interaction.findFirst({
      where: { id: input.id, ...teamScope(ctx.viewer) },
      include: { people: { select: { personId: true } } },
    })
    if (!existing) throw notFound('Interaction')
    if (input.version !== undefined && existing.version !== input.version) throw await staleVersion(ctx, input.id)
    await tx.interaction.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'interaction.deleted',
      entity: 'interaction',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      payload: {
        teamId: existing.teamId,
        organisationId: existing.organisationId,
        personIds: existing.people.map((entry) => entry.personId),
        kind: existing.kind,
        summary: existing.summary,
        version: existing.version,
      },
    })
  })
  return { id: input.id }
}

/** The team of the organisation or people referenced, so an admin need not name it; undefined if none is readable. */
async function referencedTeam(db: Db, ctx: ServiceContext, input: CreateInput): Promise<string | undefined> {
  if (input.organisationId) {
    const organisation = await db.organisation.findFirst({
      where: { id: input.organisationId, ...teamScope(ctx.viewer) },
      select: { teamId: true },
    })
    return organisation?.teamId
  }
  const person = await db.person.findFirst({
    where: { id: { in: input.personIds }, ...teamScope(ctx.viewer) },
    select: { teamId: true },
  })
  return person?.teamId
}

/**
 * The organisation and people of an interaction belong to its team and to the caller's scope;
 * anything else is a field error that reads the same whether the id exists or not.
 */
async function assertSubjectsInTeam(
  db: Db,
  ctx: ServiceContext,
  teamId: string,
  organisationId: string | null | undefined,
  personIds: string[],
): Promise<void> {
  const where = { AND: [{ teamId }, teamScope(ctx.viewer)] }
  const [organisation, peopleFound] = await Promise.all([
    organisationId ? db.organisation.findFirst({ where: { id: organisationId, ...where }, select: { id: true } }) : null,
    personIds.length ? db.person.count({ where: { id: { in: personIds }, ...where } }) : 0,
  ])
  const fieldErrors: Record<string, string[]> = {}
  if (organisationId && !organisation) fieldErrors.organisationId = ['Organisation not found in this team']
  if (peopleFound !== personIds.length) fieldErrors.personIds = ['Person not found in this team']
  if (Object.keys(fieldErrors).length) {
    throw new DomainError('INVALID', 'The organisation and people must belong to the interaction’s team', { fieldErrors })
  }
}

/** CONFLICT carrying the record as it is now, so the client can show both values and let the user choose. */
async function staleVersion(ctx: ServiceContext, id: string): Promise<DomainError> {
  const current = await ctx.prisma.interaction.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: detailSelect })
  if (!current) return notFound('Interaction')
  return new DomainError('CONFLICT', 'This interaction was changed by someone else', { current: flattenPeople(current) })
}
