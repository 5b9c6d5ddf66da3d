import type { z } from 'zod'
import { PIPELINE_STAGES, STAGE_PROBABILITY, type PipelineStage } from '../../../shared/pipeline.ts'
import type { pipelineBoardInput, pipelineMoveInput } from '../../../shared/schemas/pipeline.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, lastChangedBy } from '../../events/event-log.ts'
import { teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockRow } from '../versioned-write.ts'

/** Cards sent per column; totals always cover the whole column. */
export const CARDS_PER_STAGE = 500

const cardSelect = {
  id: true,
  name: true,
  type: true,
  stage: true,
  potentialAmount: true,
  version: true,
  updatedAt: true,
  city: true,
  teamId: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.OrganisationSelect

export type PipelineCard = Prisma.OrganisationGetPayload<{ select: typeof cardSelect }>

export interface PipelineColumn {
  stage: PipelineStage
  probability: number
  count: number
  totalAmount: number
  weightedAmount: number
  cards: PipelineCard[]
}

export async function getBoard(ctx: ServiceContext, input: z.output<typeof pipelineBoardInput>) {
  const where: Prisma.OrganisationWhereInput = {
    ...teamScope(ctx.viewer),
    isActive: true,
    ...(input.teamId ? { AND: [{ teamId: input.teamId }] } : {}),
    ...(input.type?.length ? { type: { in: input.type } } : {}),
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
  }
  const [totals, cardsByStage] = await Promise.all([
    ctx.prisma.organisation.groupBy({ by: ['stage'], where, _count: { _all: true }, _sum: { potentialAmount: true } }),
    Promise.all(
      PIPELINE_STAGES.map((stage) =>
        ctx.prisma.organisation.findMany({
          where: { ...where, stage },
          select: cardSelect,
          orderBy: [{ potentialAmount: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
          take: CARDS_PER_STAGE,
        }),
      ),
    ),
  ])
  const columns: PipelineColumn[] = PIPELINE_STAGES.map((stage, index) => {
    const total = totals.find((row) => row.stage === stage)
    const totalAmount = total?._sum.potentialAmount ?? 0
    return {
      stage,
      probability: STAGE_PROBABILITY[stage],
      count: total?._count._all ?? 0,
      totalAmount,
      weightedAmount: Math.round(totalAmount * STAGE_PROBABILITY[stage]),
      cards: cardsByStage[index],
    }
  })
  return { columns }
}

/**
 * Moves a card; refused with CONFLICT when it is no longer in the stage the user saw, carrying the
 * card as it is now and who moved it there. Under the row lock of every versioned write, so a move
 * and a field edit of the same organisation merge, and of two moves from one stage the later fails.
 */
export async function moveCard(ctx: ServiceContext, input: z.output<typeof pipelineMoveInput>): Promise<PipelineCard> {
  await ctx.prisma.$transaction(async (tx) => {
    await lockRow(tx, 'organisation', input.id)
    const before = await tx.organisation.findFirst({ where: { id: input.id, ...teamScope(ctx.viewer) } })
    if (!before) throw notFound('Organisation')
    if (input.fromStage === input.toStage) return
    if (before.stage !== input.fromStage) {
      const current = await tx.organisation.findUniqueOrThrow({ where: { id: input.id }, select: cardSelect })
      const movedBy = await lastMover(tx, input.id)
      throw new DomainError('CONFLICT', 'This organisation was moved by someone else', { current, movedBy })
    }
    const after = await tx.organisation.update({ where: { id: input.id }, data: { stage: input.toStage, version: { increment: 1 } } })
    await appendEvent(tx, {
      type: 'organisation.updated',
      entity: 'organisation',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: {
        name: after.name,
        type: after.type,
        stage: after.stage,
        potentialAmount: after.potentialAmount,
        ownerId: after.ownerId,
        version: after.version,
        changes: { stage: { from: before.stage, to: after.stage } },
      },
    })
  })
  return ctx.prisma.organisation.findUniqueOrThrow({ where: { id: input.id }, select: cardSelect })
}

/** The user behind the card's latest stage change, per the event log; null when unknown or since deleted. */
async function lastMover(db: Db, organisationId: string): Promise<{ id: string; name: string } | null> {
  const actorId = await lastChangedBy(db, 'organisation', organisationId, 'stage')
  return actorId ? db.user.findUnique({ where: { id: actorId }, select: { id: true, name: true } }) : null
}
