import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type {
  personCreateInput,
  personDeleteInput,
  personLinkInput,
  personListInput,
  personUnlinkInput,
  personUpdateInput,
} from '../../../shared/schemas/person.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { assertOwnerInTeam, targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite, lockRow } from '../versioned-write.ts'

const linkOrder = [{ isPrimary: 'desc' }, { createdAt: 'asc' }] satisfies Prisma.PersonOrganisationLinkOrderByWithRelationInput[]

const summarySelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  jobTitle: true,
  version: true,
  teamId: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  // The link the person is best known by: a primary one first, else the oldest.
  organisationLinks: { orderBy: linkOrder, take: 1, select: { organisation: { select: { id: true, name: true } } } },
} satisfies Prisma.PersonSelect

const detailInclude = {
  owner: { select: { id: true, name: true, email: true } },
  team: { select: { id: true, name: true } },
  organisationLinks: {
    orderBy: linkOrder,
    include: {
      organisation: { select: { id: true, name: true, type: true, stage: true, city: true, country: true, isActive: true } },
    },
  },
  interactions: {
    orderBy: { interaction: { occurredAt: 'desc' } },
    take: 20,
    select: {
      interaction: {
        select: {
          id: true,
          kind: true,
          occurredAt: true,
          summary: true,
          version: true,
          organisation: { select: { id: true, name: true } },
          author: { select: { id: true, name: true } },
        },
      },
    },
  },
  tasks: {
    where: { status: { in: ['OPEN', 'IN_PROGRESS'] } },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    take: 50,
    include: { assignee: { select: { id: true, name: true } } },
  },
} satisfies Prisma.PersonInclude

type SummaryRow = Prisma.PersonGetPayload<{ select: typeof summarySelect }>
type DetailRow = Prisma.PersonGetPayload<{ include: typeof detailInclude }>

export type PersonSummary = Omit<SummaryRow, 'organisationLinks'> & { primaryOrganisation: { id: string; name: string } | null }
export type PersonDetail = Omit<DetailRow, 'interactions'> & { interactions: DetailRow['interactions'][number]['interaction'][] }

type ListInput = z.output<typeof personListInput>
type LinkFields = Omit<z.output<typeof personLinkInput>, 'personId' | 'organisationId'>
type LinkablePerson = { id: string; teamId: string; firstName: string; lastName: string }

function toSummary({ organisationLinks, ...person }: SummaryRow): PersonSummary {
  return { ...person, primaryOrganisation: organisationLinks[0]?.organisation ?? null }
}

function toDetail({ interactions, ...person }: DetailRow): PersonDetail {
  return { ...person, interactions: interactions.map((entry) => entry.interaction) }
}

function listWhere(ctx: ServiceContext, input: ListInput): Prisma.PersonWhereInput {
  const where: Prisma.PersonWhereInput = { ...teamScope(ctx.viewer) }
  const and: Prisma.PersonWhereInput[] = []
  if (input.teamId) and.push({ teamId: input.teamId })
  if (input.ownerId) where.ownerId = input.ownerId
  if (input.organisationId) where.organisationLinks = { some: { organisationId: input.organisationId } }
  for (const word of (input.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
    and.push({
      OR: [
        { firstName: { contains: word, mode: 'insensitive' } },
        { lastName: { contains: word, mode: 'insensitive' } },
        { email: { contains: word, mode: 'insensitive' } },
      ],
    })
  }
  if (and.length) where.AND = and
  return where
}

const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.PersonDelegate>> = {
  lastName: { keyset: ['lastName', 'firstName'] },
  updatedAt: { keyset: ['updatedAt'] },
  createdAt: { keyset: ['createdAt'] },
}

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function personListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.PersonDelegate> = LIST_SORTS[input.sort.field]
  const direction: Prisma.SortOrder = input.sort.direction
  return { where: listWhere(ctx, input), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listPeople(ctx: ServiceContext, input: ListInput): Promise<Page<PersonSummary>> {
  const page = await listPage(ctx.prisma.person, {
    ...personListQuery(ctx, input),
    select: summarySelect,
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map(toSummary) }
}

export async function getPerson(ctx: ServiceContext, id: string): Promise<PersonDetail> {
  const person = await ctx.prisma.person.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!person) throw notFound('Person')
  return toDetail(person)
}

export async function createPerson(ctx: ServiceContext, input: z.output<typeof personCreateInput>): Promise<PersonDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const id = await ctx.prisma.$transaction(async (tx) => {
    await assertOwnerInTeam(tx, input.ownerId, teamId)
    const { teamId: _ignored, links, ...fields } = input
    const organisations = await organisationsOfTeam(tx, ctx, teamId, links.map((link) => link.organisationId), 'links')
    // An admin creating in another team does not become the owner of a record of a team they are not in.
    const ownerId = input.ownerId ?? (ctx.viewer.teamId === teamId ? ctx.viewer.id : null)
    // The organisations are locked before the first event, as every row lock must be (see
    // versioned-write.ts): the links are written after it. In id order, so that concurrent
    // creations lock them in the same order.
    const byOrganisation = [...links].sort((a, b) => a.organisationId.localeCompare(b.organisationId))
    for (const link of byOrganisation) await lockRow(tx, 'organisation', link.organisationId)
    const created = await tx.person.create({ data: { ...fields, ownerId, teamId } })
    await appendEvent(tx, {
      type: 'person.created',
      entity: 'person',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: { firstName: created.firstName, lastName: created.lastName, version: created.version },
    })
    for (const { organisationId, ...link } of byOrganisation) {
      await saveLink(tx, ctx, created, organisations.get(organisationId)!, link)
    }
    return created.id
  })
  return getPerson(ctx, id)
}

export async function updatePerson(ctx: ServiceContext, input: z.output<typeof personUpdateInput>): Promise<PersonDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'person',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    if (input.data.ownerId !== undefined) await assertOwnerInTeam(tx, input.data.ownerId, before.teamId)
    const after = await tx.person.update({ where: { id: input.id }, data: { ...input.data, version: { increment: 1 } } })
    const changes = diffFields(before, after, Object.keys(input.data) as (keyof typeof before)[])
    await appendEvent(tx, {
      type: 'person.updated',
      entity: 'person',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: { firstName: after.firstName, lastName: after.lastName, changes, version: after.version },
    })
  })
  return getPerson(ctx, input.id)
}

export async function deletePerson(ctx: ServiceContext, input: z.output<typeof personDeleteInput>): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await lockForWrite(tx, {
      entity: 'person',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: async () => {
        const person = await tx.person.findFirst({
          where: { id: input.id, ...teamScope(ctx.viewer) },
          include: { organisationLinks: { select: { organisationId: true } } },
        })
        if (!person) throw notFound('Person')
        return person
      },
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    await tx.person.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'person.deleted',
      entity: 'person',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      payload: {
        firstName: existing.firstName,
        lastName: existing.lastName,
        organisationIds: existing.organisationLinks.map((link) => link.organisationId),
        version: existing.version,
      },
    })
  })
  return { id: input.id }
}

async function findInScope(ctx: ServiceContext, db: Db, id: string) {
  const person = await db.person.findFirst({ where: { id, ...teamScope(ctx.viewer) } })
  if (!person) throw notFound('Person')
  return person
}

/** Creates the person's link to an organisation of their team, or updates the fields given. */
export async function linkPerson(ctx: ServiceContext, input: z.output<typeof personLinkInput>): Promise<PersonDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: input.personId, ...teamScope(ctx.viewer) } })
    if (!person) throw notFound('Person')
    const organisations = await organisationsOfTeam(tx, ctx, person.teamId, [input.organisationId], 'organisationId')
    const { personId: _person, organisationId, ...fields } = input
    await saveLink(tx, ctx, person, organisations.get(organisationId)!, fields)
  })
  return getPerson(ctx, input.personId)
}

export async function unlinkPerson(ctx: ServiceContext, input: z.output<typeof personUnlinkInput>): Promise<PersonDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const person = await tx.person.findFirst({ where: { id: input.personId, ...teamScope(ctx.viewer) } })
    if (!person) throw notFound('Person')
    const link = await tx.personOrganisationLink.findUnique({
      where: { personId_organisationId: { personId: input.personId, organisationId: input.organisationId } },
      include: { organisation: { select: { name: true } } },
    })
    if (!link) throw notFound('Link')
    await tx.personOrganisationLink.delete({ where: { id: link.id } })
    await appendEvent(tx, {
      type: 'person.unlinked',
      entity: 'person',
      entityId: person.id,
      teamId: person.teamId,
      actorId: ctx.viewer.id,
      payload: {
        organisationId: link.organisationId,
        organisationName: link.organisation.name,
        wasPrimary: link.isPrimary,
        firstName: person.firstName,
        lastName: person.lastName,
      },
    })
  })
  return getPerson(ctx, input.personId)
}

/**
 * The organisations a person may be linked to: those of the person's team and in the caller's
 * scope. Anything else is a field error that reads the same whether the id exists or not.
 */
async function organisationsOfTeam(
  db: Db,
  ctx: ServiceContext,
  teamId: string,
  ids: string[],
  field: string,
): Promise<Map<string, { id: string; name: string }>> {
  if (ids.length === 0) return new Map()
  const found = await db.organisation.findMany({
    where: { id: { in: ids }, AND: [{ teamId }, teamScope(ctx.viewer)] },
    select: { id: true, name: true },
  })
  if (found.length !== new Set(ids).size) {
    throw new DomainError('INVALID', 'The organisation must belong to the person’s team', {
      fieldErrors: { [field]: ['organisation_not_in_team'] },
    })
  }
  return new Map(found.map((organisation) => [organisation.id, organisation]))
}

async function saveLink(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  person: LinkablePerson,
  organisation: { id: string; name: string },
  fields: LinkFields,
): Promise<void> {
  const key = { personId: person.id, organisationId: organisation.id }
  let demotedPersonIds: string[] = []
  if (fields.isPrimary) {
    // Locking the organisation row serialises concurrent "make primary" calls, so two links of one
    // organisation can never both end up primary (NO KEY: inserts of links referencing it stay unblocked).
    await lockRow(tx, 'organisation', organisation.id)
    const demoted = await tx.personOrganisationLink.findMany({
      where: { organisationId: organisation.id, isPrimary: true, personId: { not: person.id } },
      select: { personId: true },
    })
    demotedPersonIds = demoted.map((link) => link.personId)
    if (demotedPersonIds.length) {
      await tx.personOrganisationLink.updateMany({
        where: { organisationId: organisation.id, personId: { in: demotedPersonIds } },
        data: { isPrimary: false },
      })
    }
  }
  const before = await tx.personOrganisationLink.findUnique({ where: { personId_organisationId: key } })
  const after = before
    ? await tx.personOrganisationLink.update({ where: { id: before.id }, data: fields })
    : await tx.personOrganisationLink.create({ data: { ...key, ...fields } })
  const changes = before ? diffFields(before, after, Object.keys(fields) as (keyof typeof before)[]) : {}
  if (before && Object.keys(changes).length === 0) return
  await appendEvent(tx, {
    type: 'person.linked',
    entity: 'person',
    entityId: person.id,
    teamId: person.teamId,
    actorId: ctx.viewer.id,
    payload: {
      organisationId: organisation.id,
      organisationName: organisation.name,
      firstName: person.firstName,
      lastName: person.lastName,
      created: !before,
      role: after.role,
      jobTitle: after.jobTitle,
      isPrimary: after.isPrimary,
      changes,
      demotedPersonIds,
    },
  })
}

/**
 * CONFLICT carrying the record as it is now and the fields changed by someone else (null: the whole
 * record), so the client can show both values and let the user choose. Read in the writer's transaction.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.person.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Person')
  return new DomainError('CONFLICT', 'This person was changed by someone else', { current: toDetail(current), fields })
}
