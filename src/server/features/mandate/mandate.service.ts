import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type {
  mandateCreateInput,
  mandateDeleteInput,
  mandateListInput,
  mandateProductInput,
  mandateUpdateInput,
} from '../../../shared/schemas/mandate.ts'
import type { Prisma } from '../../db/client.ts'
import type { Viewer } from '../auth/auth.service.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { assertOwnerInTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite } from '../versioned-write.ts'

const summarySelect = {
  id: true,
  reference: true,
  type: true,
  status: true,
  startDate: true,
  endDate: true,
  signedAt: true,
  version: true,
  teamId: true,
  ownerId: true,
  organisationId: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  _count: { select: { products: true } },
} satisfies Prisma.MandateSelect

const detailInclude = {
  organisation: { select: { id: true, name: true, type: true, stage: true, city: true, country: true, isActive: true } },
  owner: { select: { id: true, name: true, email: true } },
  team: { select: { id: true, name: true } },
  products: {
    orderBy: { product: { name: 'asc' } },
    select: {
      createdAt: true,
      product: { select: { id: true, name: true, isin: true, kind: true, status: true, currency: true } },
    },
  },
} satisfies Prisma.MandateInclude

/** Enough of a mandate to describe it in an event without another query by the listeners. */
const eventInclude = { organisation: { select: { id: true, name: true } } } satisfies Prisma.MandateInclude

type SummaryRow = Prisma.MandateGetPayload<{ select: typeof summarySelect }>
type DetailRow = Prisma.MandateGetPayload<{ include: typeof detailInclude }>

/** Mandate dates travel as 'YYYY-MM-DD': a calendar date has no time zone to drift through. */
type WithCalendarDates<T> = Omit<T, 'startDate' | 'endDate'> & { startDate: string | null; endDate: string | null }

export type MandateSummary = WithCalendarDates<Omit<SummaryRow, '_count'>> & { productCount: number }
export type MandateDetail = WithCalendarDates<Omit<DetailRow, 'products'>> & {
  products: Array<DetailRow['products'][number]['product'] & { linkedAt: Date }>
}

type ListInput = z.output<typeof mandateListInput>

function toCalendarDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null
}

function fromCalendarDate(value: string | null | undefined): Date | null | undefined {
  if (value === undefined) return undefined
  return value === null ? null : new Date(`${value}T00:00:00.000Z`)
}

function withCalendarDates<T extends { startDate: Date | null; endDate: Date | null }>(row: T): WithCalendarDates<T> {
  return { ...row, startDate: toCalendarDate(row.startDate), endDate: toCalendarDate(row.endDate) }
}

function toSummary({ _count, ...mandate }: SummaryRow): MandateSummary {
  return { ...withCalendarDates(mandate), productCount: _count.products }
}

function toDetail({ products, ...mandate }: DetailRow): MandateDetail {
  return {
    ...withCalendarDates(mandate),
    products: products.map((link) => ({ ...link.product, linkedAt: link.createdAt })),
  }
}

function listWhere(ctx: ServiceContext, input: ListInput): Prisma.MandateWhereInput {
  const where: Prisma.MandateWhereInput = { ...teamScope(ctx.viewer) }
  if (input.teamId) where.AND = [{ teamId: input.teamId }]
  if (input.status?.length) where.status = { in: input.status }
  if (input.type?.length) where.type = { in: input.type }
  if (input.organisationId) where.organisationId = input.organisationId
  if (input.ownerId) where.ownerId = input.ownerId
  if (input.productId) where.products = { some: { productId: input.productId } }
  if (input.q) {
    where.OR = [
      { reference: { contains: input.q, mode: 'insensitive' } },
      { organisation: { name: { contains: input.q, mode: 'insensitive' } } },
    ]
  }
  return where
}

/** Mandates without the date sorted by come last in either direction. */
const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.MandateDelegate>> = {
  updatedAt: { keyset: ['updatedAt'] },
  startDate: { keyset: ['startDate'], missing: { startDate: null } },
  endDate: { keyset: ['endDate'], missing: { endDate: null } },
}

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function mandateListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.MandateDelegate> = LIST_SORTS[input.sort.field]
  const direction: Prisma.SortOrder = input.sort.direction
  return { where: listWhere(ctx, input), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listMandates(ctx: ServiceContext, input: ListInput): Promise<Page<MandateSummary>> {
  const page = await listPage(ctx.prisma.mandate, {
    ...mandateListQuery(ctx, input),
    select: summarySelect,
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map(toSummary) }
}

export async function getMandate(ctx: ServiceContext, id: string): Promise<MandateDetail> {
  const mandate = await ctx.prisma.mandate.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!mandate) throw notFound('Mandate')
  return toDetail(mandate)
}

export async function createMandate(
  ctx: ServiceContext,
  input: z.output<typeof mandateCreateInput>,
): Promise<MandateDetail> {
  const id = await ctx.prisma.$transaction(async (tx) => {
    // The mandate lives in its supplier's team, which the caller must be able to read.
    const organisation = await supplierFor(tx, ctx.viewer, input.organisationId)
    const teamId = organisation.teamId
    await assertOwnerInTeam(tx, input.ownerId, teamId)
    await assertProductsInTeam(tx, input.productIds, teamId)
    const { productIds, startDate, endDate, ownerId, ...fields } = input
    const created = await tx.mandate.create({
      data: {
        ...fields,
        teamId,
        ownerId: ownerId ?? (ctx.viewer.teamId === teamId ? ctx.viewer.id : null),
        startDate: fromCalendarDate(startDate),
        endDate: fromCalendarDate(endDate),
        signedAt: input.status === 'SIGNED' ? new Date() : null,
        products: { create: productIds.map((productId) => ({ productId })) },
      },
    })
    await appendEvent(tx, {
      type: 'mandate.created',
      entity: 'mandate',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: {
        reference: created.reference,
        organisation: { id: organisation.id, name: organisation.name },
        type: created.type,
        status: created.status,
        ownerId: created.ownerId,
        productIds,
        version: created.version,
      },
    })
    return created.id
  })
  return getMandate(ctx, id)
}

export async function updateMandate(
  ctx: ServiceContext,
  input: z.output<typeof mandateUpdateInput>,
): Promise<MandateDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'mandate',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findForEvent(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    const { startDate, endDate, ...fields } = input.data
    if (fields.organisationId && fields.organisationId !== before.organisationId) {
      await supplierFor(tx, ctx.viewer, fields.organisationId, before.teamId)
    }
    if (fields.ownerId !== undefined) await assertOwnerInTeam(tx, fields.ownerId, before.teamId)
    assertDatesInOrder(
      startDate !== undefined ? startDate : toCalendarDate(before.startDate),
      endDate !== undefined ? endDate : toCalendarDate(before.endDate),
    )
    // signedAt records the first signature and survives later status changes.
    const signedAt = fields.status === 'SIGNED' && !before.signedAt ? new Date() : undefined
    const after = await tx.mandate.update({
      where: { id: input.id },
      data: {
        ...fields,
        startDate: fromCalendarDate(startDate),
        endDate: fromCalendarDate(endDate),
        signedAt,
        version: { increment: 1 },
      },
      include: eventInclude,
    })
    const touched = [...Object.keys(input.data), 'signedAt'] as (keyof typeof before)[]
    const changes = diffFields(withCalendarDates(before), withCalendarDates(after), touched)
    await appendEvent(tx, {
      type: 'mandate.updated',
      entity: 'mandate',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      // A move to SIGNED shows as changes.status { from, to }: the MANDATE_SIGNED notification reads it.
      payload: {
        reference: after.reference,
        organisation: after.organisation,
        status: after.status,
        ownerId: after.ownerId,
        changes,
        version: after.version,
      },
    })
  })
  return getMandate(ctx, input.id)
}

export async function deleteMandate(
  ctx: ServiceContext,
  input: z.output<typeof mandateDeleteInput>,
): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await lockForWrite(tx, {
      entity: 'mandate',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: () => findForEvent(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    await tx.mandate.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'mandate.deleted',
      entity: 'mandate',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      payload: {
        reference: existing.reference,
        organisation: existing.organisation,
        status: existing.status,
        version: existing.version,
      },
    })
  })
  return { id: input.id }
}

/** Links a product of the mandate's team; linking it again changes nothing. */
export async function addMandateProduct(
  ctx: ServiceContext,
  input: z.output<typeof mandateProductInput>,
): Promise<MandateDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const mandate = await tx.mandate.findFirst({ where: { id: input.mandateId, ...teamScope(ctx.viewer) }, include: eventInclude })
    if (!mandate) throw notFound('Mandate')
    const product = await tx.product.findFirst({
      where: { id: input.productId, ...teamScope(ctx.viewer) },
      select: { id: true, name: true, isin: true, teamId: true },
    })
    if (!product) throw new DomainError('NOT_FOUND', 'Product not found', { fieldErrors: { productId: ['Not found'] } })
    if (product.teamId !== mandate.teamId) {
      throw new DomainError('INVALID', 'The product belongs to another team than the mandate', {
        fieldErrors: { productId: ['Not a product of the mandate’s team'] },
      })
    }
    // skipDuplicates keeps two simultaneous adds from failing on the primary key.
    const { count } = await tx.mandateProduct.createMany({ data: [input], skipDuplicates: true })
    if (count === 0) return
    await tx.mandate.update({ where: { id: mandate.id }, data: { updatedAt: new Date() } })
    await appendEvent(tx, {
      type: 'mandate.product_added',
      entity: 'mandate',
      entityId: mandate.id,
      teamId: mandate.teamId,
      actorId: ctx.viewer.id,
      payload: {
        reference: mandate.reference,
        organisation: mandate.organisation,
        product: { id: product.id, name: product.name, isin: product.isin },
      },
    })
  })
  return getMandate(ctx, input.mandateId)
}

/** Unlinks a product; unlinking one that is not linked changes nothing. */
export async function removeMandateProduct(
  ctx: ServiceContext,
  input: z.output<typeof mandateProductInput>,
): Promise<MandateDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const mandate = await tx.mandate.findFirst({ where: { id: input.mandateId, ...teamScope(ctx.viewer) }, include: eventInclude })
    if (!mandate) throw notFound('Mandate')
    const link = await tx.mandateProduct.findUnique({
      where: { mandateId_productId: input },
      select: { product: { select: { id: true, name: true, isin: true } } },
    })
    if (!link) return
    const { count } = await tx.mandateProduct.deleteMany({ where: input })
    if (count === 0) return
    await tx.mandate.update({ where: { id: mandate.id }, data: { updatedAt: new Date() } })
    await appendEvent(tx, {
      type: 'mandate.product_removed',
      entity: 'mandate',
      entityId: mandate.id,
      teamId: mandate.teamId,
      actorId: ctx.viewer.id,
      payload: { reference: mandate.reference, organisation: mandate.organisation, product: link.product },
    })
  })
  return getMandate(ctx, input.mandateId)
}

/**
 * The supplier a mandate is signed with: unreadable → NOT_FOUND (no existence leak); readable but
 * not a supplier, or not of the mandate's team → a field message on organisationId.
 */
async function supplierFor(db: Db, viewer: Viewer, organisationId: string, teamId?: string) {
  const organisation = await db.organisation.findFirst({
    where: { id: organisationId, ...teamScope(viewer) },
    select: { id: true, name: true, type: true, teamId: true },
  })
  if (!organisation) {
    throw new DomainError('NOT_FOUND', 'Organisation not found', { fieldErrors: { organisationId: ['Not found'] } })
  }
  if (organisation.type !== 'SUPPLIER') {
    throw new DomainError('INVALID', 'A mandate is signed with a supplier', {
      fieldErrors: { organisationId: ['Must be a supplier organisation'] },
    })
  }
  if (teamId && organisation.teamId !== teamId) {
    throw new DomainError('INVALID', 'The organisation belongs to another team than the mandate', {
      fieldErrors: { organisationId: ['Must belong to the mandate’s team'] },
    })
  }
  return organisation
}

async function assertProductsInTeam(db: Db, productIds: string[], teamId: string): Promise<void> {
  if (productIds.length === 0) return
  const found = await db.product.findMany({ where: { id: { in: productIds }, teamId }, select: { id: true } })
  if (found.length !== productIds.length) {
    throw new DomainError('INVALID', 'Some products are unknown or belong to another team', {
      fieldErrors: { productIds: ['Unknown product or product of another team'] },
    })
  }
}

/** The schema checks a pair sent together; this checks a new date against the stored other one. */
function assertDatesInOrder(startDate: string | null, endDate: string | null): void {
  if (startDate && endDate && endDate < startDate) {
    throw new DomainError('INVALID', 'The end date cannot be before the start date', {
      fieldErrors: { endDate: ['end_before_start'] },
    })
  }
}

async function findForEvent(ctx: ServiceContext, db: Db, id: string) {
  const mandate = await db.mandate.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: eventInclude })
  if (!mandate) throw notFound('Mandate')
  return mandate
}

/**
 * CONFLICT carrying the record as it is now and the fields changed by someone else (null: the whole
 * record), so the client can show both values and let the user choose. Read in the writer's transaction.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.mandate.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Mandate')
  return new DomainError('CONFLICT', 'This mandate was changed by someone else', { current: toDetail(current), fields })
}
