import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type {
  organisationCreateInput,
  organisationDeleteInput,
  organisationListInput,
  organisationUpdateInput,
} from '../../../shared/schemas/organisation.ts'
import { normalizeName } from '../../../shared/normalize.ts'
import { invalidatingLike, recordChange } from '../../cache/invalidation.ts'
import type { Prisma } from '../../db/client.ts'
import { queryPrepared, sqlOf, utc, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields, EVENT_LOG_LOCK } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { assertOwnerInTeam, targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite } from '../versioned-write.ts'
import { replaceNotesText } from './notes.service.ts'
import { readOrganisationDetails } from './organisation.detail.ts'

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

export const organisationDetailInclude = {
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
export type OrganisationDetail = Prisma.OrganisationGetPayload<{ include: typeof organisationDetailInclude }>

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

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function organisationListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.OrganisationDelegate> = LIST_SORTS[input.sort.field]
  const direction: Prisma.SortOrder = input.sort.direction
  return { where: listWhere(ctx, input), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listOrganisations(ctx: ServiceContext, input: ListInput): Promise<Page<OrganisationSummary>> {
  return listPage(ctx.prisma.organisation, {
    ...organisationListQuery(ctx, input),
    select: summarySelect,
    cursor: input.cursor,
    limit: input.limit,
  })
}

export async function getOrganisation(ctx: ServiceContext, id: string): Promise<OrganisationDetail> {
  const [organisation] = await readOrganisationDetails(ctx, [id])
  if (!organisation) throw notFound('Organisation')
  return organisation
}

/** Several organisations as `getOrganisation` returns each, in one read (the missing ones are left out). */
export async function getOrganisations(ctx: ServiceContext, ids: string[]): Promise<OrganisationDetail[]> {
  return readOrganisationDetails(ctx, ids)
}

export async function createOrganisation(
  ctx: ServiceContext,
  input: z.output<typeof organisationCreateInput>,
): Promise<OrganisationDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const { viewer } = ctx
  const db = ctx.sql ?? sqlOf(ctx.prisma)
  // The answer is built from what the write already knows: a new record has no relations yet, and
  // the owner and team are the caller's own unless others were chosen (then read once).
  const ownerId = input.ownerId ?? viewer.id
  const owner = input.ownerId ? await ownerInTeam(db, ownerId, teamId) : { id: viewer.id, name: viewer.name, email: viewer.email }
  const team = teamId === viewer.teamId && viewer.teamName !== null ? { id: teamId, name: viewer.teamName } : await teamOf(db, teamId)
  const now = utc(new Date())
  const event = { type: 'organisation.created', entity: 'organisation', teamId, actorId: viewer.id } as const
  // Like a Prisma transaction's events, this one's makes the cached answers it changes unreachable
  // once it has committed, before the answer is sent.
  const created = await invalidatingLike(ctx.prisma, async () => {
    const { rows } = await queryPrepared(db, CREATE_SQL, [
      uuidv7(), input.name, normalizeName(input.name), input.type, input.category ?? null, input.stage, input.potentialAmount ?? null,
      input.email ?? null, input.phone ?? null, input.website ?? null, input.address ?? null, input.city ?? null, input.postalCode ?? null,
      input.country ?? null, input.language ?? null, input.notes ?? null, input.isActive, input.tags, ownerId, teamId, now,
      event.type, event.entity, event.actorId, EVENT_LOG_LOCK,
    ])
    const { eventId: _eventId, ...row } = rows[0] as Prisma.OrganisationGetPayload<object> & { eventId: string }
    recordChange({ ...event, payload: eventSnapshot(row) })
    return row
  })
  return { ...created, owner, team, personLinks: [], mandates: [], interactions: [], tasks: [] }
}

/**
 * A new organisation and its `organisation.created` event in one statement (one round trip, its own
 * transaction): the event as `appendEvent` writes it (the event log's lock taken before its id is
 * drawn, NOTIFY at commit), its payload `eventSnapshot` of the row. The lock is taken once the row is
 * written (LATERAL on it), so writers queue for it only for the event's insert and the commit. Through Prisma's interactive
 * transaction this was four round trips and most of a create's CPU. Columns as Prisma returns them.
 */
const CREATE_SQL = `
  WITH created AS (
    INSERT INTO "Organisation" (id, name, "normalizedName", type, category, stage, "potentialAmount", email, phone, website, address, city,
      "postalCode", country, language, notes, "isActive", tags, "ownerId", "teamId", version, "createdAt", "updatedAt")
    VALUES ($1::uuid, $2, $3, $4::"OrganisationType", $5, $6::"PipelineStage", $7::float8, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
      $18::text[], $19::uuid, $20::uuid, 1, $21::timestamp, $21::timestamp)
    RETURNING id::text AS id, name, "normalizedName", type::text AS type, category, stage::text AS stage, "potentialAmount", email, phone,
      website, address, city, "postalCode", country, language, notes, "isActive", tags, "ownerId"::text AS "ownerId", "teamId"::text AS "teamId",
      version, "createdAt", "updatedAt"),
  appended AS (
    INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT $22, $23, c.id, c."teamId"::uuid, $24::uuid,
      jsonb_build_object('name', c.name, 'type', c.type, 'stage', c.stage, 'potentialAmount', c."potentialAmount", 'ownerId', c."ownerId", 'version', c.version)
    FROM created c CROSS JOIN LATERAL (SELECT pg_advisory_xact_lock($25) WHERE c.id IS NOT NULL OFFSET 0) AS locked
    RETURNING id)
  SELECT c.*, a.id::text AS "eventId" FROM created c, appended a CROSS JOIN LATERAL (SELECT pg_notify('domain_events', a.id::text)) AS notified`

/** The owner chosen for a record, as its answer shows it; it must be an active member of the team. */
async function ownerInTeam(db: SqlClient, ownerId: string, teamId: string) {
  const { rows } = await db.query(`SELECT id::text AS id, name, email FROM "User" WHERE id = $1::uuid AND "teamId" = $2::uuid AND "isActive"`, [ownerId, teamId])
  if (rows.length === 0) {
    throw new DomainError('INVALID', 'The owner must be an active member of the team', {
      fieldErrors: { ownerId: ['not_team_member'] },
    })
  }
  return rows[0] as { id: string; name: string; email: string }
}

async function teamOf(db: SqlClient, teamId: string) {
  const { rows } = await db.query(`SELECT id::text AS id, name FROM "Team" WHERE id = $1::uuid`, [teamId])
  if (rows.length === 0) throw notFound('team')
  return rows[0] as { id: string; name: string }
}

export async function updateOrganisation(
  ctx: ServiceContext,
  input: z.output<typeof organisationUpdateInput>,
): Promise<OrganisationDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    // Someone may have saved since the user read the record: fine if they touched other fields (the
    // two edits merge); a conflict if they changed one the user is changing too.
    const before = await lockForWrite(tx, {
      entity: 'organisation',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    if (input.data.ownerId !== undefined) await assertOwnerInTeam(tx, input.data.ownerId, before.teamId)
    const data = {
      ...input.data,
      ...(input.data.name ? { normalizedName: normalizeName(input.data.name) } : {}),
    }
    await tx.organisation.update({ where: { id: input.id }, data: { ...data, version: { increment: 1 } } })
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
    const existing = await lockForWrite(tx, {
      entity: 'organisation',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
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

async function findInScope(ctx: ServiceContext, db: Db, id: string) {
  const organisation = await db.organisation.findFirst({ where: { id, ...teamScope(ctx.viewer) } })
  if (!organisation) throw notFound('Organisation')
  return organisation
}

/** What live consumers (pipeline board, notifications, webhooks) need without another read. */
export function eventSnapshot(organisation: {
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
 * CONFLICT carrying the record as it is now and the fields changed by someone else (null: the whole
 * record), so the client can show both values and let the user choose. Read in the writer's
 * transaction: it already holds a connection, and waiting for another could starve the pool.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.organisation.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: organisationDetailInclude })
  if (!current) return notFound('Organisation')
  return new DomainError('CONFLICT', 'This organisation was changed by someone else', { current, fields })
}
