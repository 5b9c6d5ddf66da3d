import type { z } from 'zod'
import { can } from '../../../shared/permissions.ts'
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
import { listPage, type ListSort } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite } from '../versioned-write.ts'
import { insertTask } from '../task/task.service.ts'

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
/** A logged interaction, with the follow-up task created alongside it if one was asked for. */
export type LoggedInteraction = InteractionDetail & { followUpTaskId: string | null }

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

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function interactionListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.InteractionDelegate> = { keyset: ['occurredAt'] }
  const direction: Prisma.SortOrder = 'desc'
  return { where: listWhere(ctx, input), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listInteractions(ctx: ServiceContext, input: ListInput): Promise<Page<InteractionSummary>> {
  const page = await listPage(ctx.prisma.interaction, {
    ...interactionListQuery(ctx, input),
    select: summarySelect,
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

export async function createInteraction(ctx: ServiceContext, input: CreateInput): Promise<LoggedInteraction> {
  const { id, followUpTaskId } = await ctx.prisma.$transaction(async (tx) => {
    const teamId = targetTeam(ctx.viewer, input.teamId ?? (await referencedTeam(tx, ctx, input)))
    await assertSubjectsInTeam(tx, ctx, teamId, input.organisationId, input.personIds)
    const { teamId: _ignored, personIds, followUp, ...fields } = input
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
    // The follow-up is about the same organisation and first person; nothing is written if it fails.
    const followUpTaskId = followUp
      ? await insertTask(tx, ctx, teamId, {
          title: followUp.title,
          description: null,
          dueAt: followUp.dueAt ?? null,
          priority: followUp.priority,
          status: 'OPEN',
          assigneeId: followUp.assigneeId ?? ctx.viewer.id,
          organisationId: created.organisationId,
          personId: personIds[0] ?? null,
        }).catch((error: unknown) => {
          throw followUpError(error)
        })
      : null
    return { id: created.id, followUpTaskId }
  })
  return { ...(await getInteraction(ctx, id)), followUpTaskId }
}

/** The follow-up's field errors are reported under `followUp`, where the form shows them. */
function followUpError(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== 'INVALID') return error
  const fieldErrors = (error.details?.fieldErrors ?? {}) as Record<string, string[]>
  return new DomainError('INVALID', error.message, { fieldErrors: { followUp: Object.values(fieldErrors).flat() } })
}

/** An interaction is its author's account: a writer edits or deletes their own; a manager (or admin) anyone's. */
function assertMayChange(ctx: ServiceContext, authorId: string | null): void {
  if (authorId === ctx.viewer.id || can(ctx.viewer.role, 'record:delete')) return
  throw new DomainError('FORBIDDEN', 'Only the author or a manager may change this interaction')
}

export async function updateInteraction(
  ctx: ServiceContext,
  input: z.output<typeof interactionUpdateInput>,
): Promise<InteractionDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const found = await lockForWrite(tx, {
      entity: 'interaction',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findWithPeople(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    assertMayChange(ctx, found.authorId)
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
    await tx.interaction.update({ where: { id: input.id }, data: { ...fields, version: { increment: 1 } } })
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
    const existing = await lockForWrite(tx, {
      entity: 'interaction',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: () => findWithPeople(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    assertMayChange(ctx, existing.authorId)
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
  if (organisationId && !organisation) fieldErrors.organisationId = ['organisation_not_in_team']
  if (peopleFound !== personIds.length) fieldErrors.personIds = ['person_not_in_team']
  if (Object.keys(fieldErrors).length) {
    throw new DomainError('INVALID', 'The organisation and people must belong to the interaction’s team', { fieldErrors })
  }
}

async function findWithPeople(ctx: ServiceContext, db: Db, id: string) {
  const interaction = await db.interaction.findFirst({
    where: { id, ...teamScope(ctx.viewer) },
    include: { people: { select: { personId: true } } },
  })
  if (!interaction) throw notFound('Interaction')
  return interaction
}

/**
 * CONFLICT carrying the record as it is now and the fields changed by someone else (null: the whole
 * record), so the client can show both values and let the user choose. Read in the writer's transaction.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.interaction.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: detailSelect })
  if (!current) return notFound('Interaction')
  return new DomainError('CONFLICT', 'This interaction was changed by someone else', { current: flattenPeople(current), fields })
}
