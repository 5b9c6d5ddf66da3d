import type { z } from 'zod'
import type {
  savedViewCreateInput,
  savedViewDeleteInput,
  savedViewListInput,
  savedViewUpdateInput,
} from '../../../shared/schemas/saved-view.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import type { ServiceContext } from '../scope.ts'

const viewSelect = {
  id: true,
  list: true,
  name: true,
  search: true,
  hiddenColumns: true,
  shared: true,
  userId: true,
  updatedAt: true,
  user: { select: { id: true, name: true } },
} satisfies Prisma.SavedViewSelect

export type SavedView = Prisma.SavedViewGetPayload<{ select: typeof viewSelect }>

/**
 * The views a user may open: their own, and those teammates shared with the team. Views are
 * personal tools: even an admin sees only their own team's shared views.
 */
function visible(ctx: ServiceContext): Prisma.SavedViewWhereInput {
  const own: Prisma.SavedViewWhereInput = { userId: ctx.viewer.id }
  return ctx.viewer.teamId ? { OR: [own, { shared: true, teamId: ctx.viewer.teamId }] } : own
}

export async function listSavedViews(
  ctx: ServiceContext,
  input: z.output<typeof savedViewListInput>,
): Promise<SavedView[]> {
  return ctx.prisma.savedView.findMany({
    where: { list: input.list, ...visible(ctx) },
    select: viewSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 100,
  })
}

export async function createSavedView(
  ctx: ServiceContext,
  input: z.output<typeof savedViewCreateInput>,
): Promise<SavedView> {
  await assertNameFree(ctx, input.list, input.name)
  return ctx.prisma.savedView.create({
    data: { ...input, search: input.search as Prisma.InputJsonObject, userId: ctx.viewer.id, teamId: ctx.viewer.teamId },
    select: viewSelect,
  })
}

export async function updateSavedView(
  ctx: ServiceContext,
  input: z.output<typeof savedViewUpdateInput>,
): Promise<SavedView> {
  const view = await ownView(ctx, input.id)
  if (input.data.name && input.data.name !== view.name) await assertNameFree(ctx, view.list, input.data.name)
  const { search, ...data } = input.data
  return ctx.prisma.savedView.update({
    where: { id: view.id },
    // Sharing follows the owner's current team.
    data: { ...data, ...(search ? { search: search as Prisma.InputJsonObject } : {}), teamId: ctx.viewer.teamId },
    select: viewSelect,
  })
}

export async function deleteSavedView(
  ctx: ServiceContext,
  input: z.output<typeof savedViewDeleteInput>,
): Promise<{ id: string }> {
  const view = await ownView(ctx, input.id)
  await ctx.prisma.savedView.delete({ where: { id: view.id } })
  return { id: view.id }
}

/** Only its owner changes a view; a teammate's shared one is read-only, anyone else's is not found. */
async function ownView(ctx: ServiceContext, id: string) {
  const view = await ctx.prisma.savedView.findFirst({ where: { id, ...visible(ctx) }, select: { id: true, userId: true, list: true, name: true } })
  if (!view) throw notFound('Saved view')
  if (view.userId !== ctx.viewer.id) throw new DomainError('FORBIDDEN', 'Only its owner can change a saved view')
  return view
}

async function assertNameFree(ctx: ServiceContext, list: string, name: string) {
  const taken = await ctx.prisma.savedView.findFirst({ where: { userId: ctx.viewer.id, list, name }, select: { id: true } })
  if (taken) {
    throw new DomainError('CONFLICT', 'You already have a view with this name', { fieldErrors: { name: ['Name taken'] } })
  }
}
