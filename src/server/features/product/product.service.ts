import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import type {
  productCreateInput,
  productDeleteInput,
  productListInput,
  productUpdateInput,
} from '../../../shared/schemas/product.ts'
import { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite } from '../versioned-write.ts'

const summarySelect = {
  id: true,
  name: true,
  isin: true,
  kind: true,
  status: true,
  currency: true,
  version: true,
  teamId: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, name: true } },
  _count: { select: { mandates: true } },
} satisfies Prisma.ProductSelect

const detailInclude = {
  team: { select: { id: true, name: true } },
  mandates: {
    orderBy: { mandate: { updatedAt: 'desc' } },
    select: {
      createdAt: true,
      mandate: {
        select: {
          id: true,
          reference: true,
          type: true,
          status: true,
          signedAt: true,
          organisation: { select: { id: true, name: true } },
        },
      },
    },
  },
} satisfies Prisma.ProductInclude

type SummaryRow = Prisma.ProductGetPayload<{ select: typeof summarySelect }>
type DetailRow = Prisma.ProductGetPayload<{ include: typeof detailInclude }>

export type ProductSummary = Omit<SummaryRow, '_count'> & { mandateCount: number }
export type ProductDetail = Omit<DetailRow, 'mandates'> & {
  mandates: Array<DetailRow['mandates'][number]['mandate'] & { linkedAt: Date }>
}

type ListInput = z.output<typeof productListInput>

function toSummary({ _count, ...product }: SummaryRow): ProductSummary {
  return { ...product, mandateCount: _count.mandates }
}

function toDetail({ mandates, ...product }: DetailRow): ProductDetail {
  return { ...product, mandates: mandates.map((link) => ({ ...link.mandate, linkedAt: link.createdAt })) }
}

function listWhere(ctx: ServiceContext, input: ListInput): Prisma.ProductWhereInput {
  const where: Prisma.ProductWhereInput = { ...teamScope(ctx.viewer) }
  if (input.teamId) where.AND = [{ teamId: input.teamId }]
  if (input.kind?.length) where.kind = { in: input.kind }
  if (input.status?.length) where.status = { in: input.status }
  if (input.q) {
    const isinLike = input.q.replace(/\s+/g, '').toUpperCase()
    where.OR = [{ name: { contains: input.q, mode: 'insensitive' } }, ...(isinLike ? [{ isin: { contains: isinLike } }] : [])]
  }
  return where
}

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function productListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.ProductDelegate> = { keyset: [input.sort.field] }
  const direction: Prisma.SortOrder = input.sort.direction
  return { where: listWhere(ctx, input), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listProducts(ctx: ServiceContext, input: ListInput): Promise<Page<ProductSummary>> {
  const page = await listPage(ctx.prisma.product, {
    ...productListQuery(ctx, input),
    select: summarySelect,
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map(toSummary) }
}

export async function getProduct(ctx: ServiceContext, id: string): Promise<ProductDetail> {
  const product = await ctx.prisma.product.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!product) throw notFound('Product')
  return toDetail(product)
}

export async function createProduct(
  ctx: ServiceContext,
  input: z.output<typeof productCreateInput>,
): Promise<ProductDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const id = await ctx.prisma.$transaction(async (tx) => {
    await assertIsinFree(tx, teamId, input.isin)
    const { teamId: _ignored, ...fields } = input
    const created = await translateIsinRace(input.isin, () => tx.product.create({ data: { ...fields, teamId } }))
    await appendEvent(tx, {
      type: 'product.created',
      entity: 'product',
      entityId: created.id,
      teamId,
      actorId: ctx.viewer.id,
      payload: { name: created.name, isin: created.isin, kind: created.kind, status: created.status, version: created.version },
    })
    return created.id
  })
  return getProduct(ctx, id)
}

export async function updateProduct(
  ctx: ServiceContext,
  input: z.output<typeof productUpdateInput>,
): Promise<ProductDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'product',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    if (input.data.isin && input.data.isin !== before.isin) await assertIsinFree(tx, before.teamId, input.data.isin)
    const after = await translateIsinRace(input.data.isin ?? before.isin, () =>
      tx.product.update({ where: { id: input.id }, data: { ...input.data, version: { increment: 1 } } }),
    )
    const changes = diffFields(before, after, Object.keys(input.data) as (keyof typeof before)[])
    await appendEvent(tx, {
      type: 'product.updated',
      entity: 'product',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: { name: after.name, isin: after.isin, changes, version: after.version },
    })
  })
  return getProduct(ctx, input.id)
}

export async function deleteProduct(
  ctx: ServiceContext,
  input: z.output<typeof productDeleteInput>,
): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await lockForWrite(tx, {
      entity: 'product',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: async () => {
        const product = await tx.product.findFirst({
          where: { id: input.id, ...teamScope(ctx.viewer) },
          include: { mandates: { select: { mandateId: true } } },
        })
        if (!product) throw notFound('Product')
        return product
      },
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    await tx.product.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'product.deleted',
      entity: 'product',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      // The links go with the product; listeners of those mandates learn it from here.
      payload: {
        name: existing.name,
        isin: existing.isin,
        mandateIds: existing.mandates.map((link) => link.mandateId),
        version: existing.version,
      },
    })
  })
  return { id: input.id }
}

function isinTaken(isin: string, takenBy?: { id: string; name: string }): DomainError {
  return new DomainError('CONFLICT', `A product with ISIN ${isin} already exists in this team`, {
    fieldErrors: { isin: [takenBy ? `Already used by ${takenBy.name}` : 'Already in use'] },
    ...(takenBy ? { existing: takenBy } : {}),
  })
}

/** An ISIN identifies one product per team; checked first so the message can name the holder. */
async function assertIsinFree(db: Db, teamId: string, isin: string): Promise<void> {
  const taken = await db.product.findFirst({ where: { teamId, isin }, select: { id: true, name: true } })
  if (taken) throw isinTaken(isin, taken)
}

/** A concurrent writer can still win between the check and the write: the unique index (teamId, isin) decides. */
async function translateIsinRace<T>(isin: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw isinTaken(isin)
    throw error
  }
}

async function findInScope(ctx: ServiceContext, db: Db, id: string) {
  const product = await db.product.findFirst({ where: { id, ...teamScope(ctx.viewer) } })
  if (!product) throw notFound('Product')
  return product
}

/**
 * CONFLICT carrying the record as it is now and the fields changed by someone else (null: the whole
 * record), so the client can show both values and let the user choose. Read in the writer's transaction.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.product.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Product')
  return new DomainError('CONFLICT', 'This product was changed by someone else', { current: toDetail(current), fields })
}
