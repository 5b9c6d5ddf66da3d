import type { z } from 'zod'
import { PIPELINE_STAGES, STAGE_PROBABILITY, type PipelineStage } from '../../../shared/pipeline.ts'
import type { pipelineBoardInput, pipelineMoveInput } from '../../../shared/schemas/pipeline.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { invalidatingLike, recordChange } from '../../cache/invalidation.ts'
import { queryPrepared, sqlOf, utc } from '../../db/sql.ts'
import { appendEvent, EVENT_LOG_LOCK, lastChangedBy } from '../../events/event-log.ts'
import { teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockRow } from '../versioned-write.ts'

/** Cards sent per column; totals always cover the whole column. */
export const CARDS_PER_STAGE = 500

export const cardSelect = {
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
  if (input.fromStage !== input.toStage) {
    const moved = await moveInOneStatement(ctx, input)
    if (moved) return moved
  }
  // Not moved in one statement: missing or out of scope, already there, or moved by someone else
  // meanwhile. The transaction below tells which, with the conflict's details.
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

/**
 * The usual move, as one statement on the bare connections (one round trip, its own transaction):
 * the stage changes only if the card is in the caller's scope and still where the caller saw it (the
 * UPDATE's row lock is `lockRow`'s, and it re-checks the stage once it holds it), with its
 * `organisation.updated` event as `appendEvent` writes it (the event log's lock once the row is
 * written, NOTIFY at commit). Null when nothing was moved: the caller finds out why.
 */
async function moveInOneStatement(ctx: ServiceContext, input: z.output<typeof pipelineMoveInput>): Promise<PipelineCard | null> {
  const db = ctx.sql ?? sqlOf(ctx.prisma)
  const { teamId } = teamScope(ctx.viewer)
  // Its event makes the cached answers it changes unreachable once committed, as a Prisma transaction's would.
  const row = await invalidatingLike(ctx.prisma, async () => {
    const { rows } = await queryPrepared(db, MOVE_SQL, [input.id, input.fromStage, input.toStage, teamId ?? null, utc(new Date()), ctx.viewer.id, EVENT_LOG_LOCK])
    const moved = rows[0] as
      | (Omit<PipelineCard, 'owner'> & { eventId: string; ownerId: string | null; ownerName: string | null; payload: Record<string, unknown> })
      | undefined
    if (moved) recordChange({ entity: 'organisation', teamId: moved.teamId, payload: moved.payload })
    return moved
  })
  if (!row) return null
  const { eventId: _eventId, ownerId, ownerName, payload: _payload, ...card } = row
  return { ...card, owner: ownerId === null ? null : { id: ownerId, name: ownerName! } }
}

const MOVE_SQL = `
  WITH moved AS (
    UPDATE "Organisation" o SET stage = $3::"PipelineStage", version = o.version + 1, "updatedAt" = $5::timestamp
    WHERE o.id = $1::uuid AND o.stage = $2::"PipelineStage" AND ($4::uuid IS NULL OR o."teamId" = $4::uuid)
    RETURNING o.id, o.name, o.type, o.stage, o."potentialAmount", o.version, o."updatedAt", o.city, o."teamId", o."ownerId"),
  appended AS (
    INSERT INTO "DomainEvent" (type, entity, "entityId", "teamId", "actorId", payload)
    SELECT 'organisation.updated', 'organisation', m.id::text, m."teamId", $6::uuid, p.payload
    FROM moved m
    CROSS JOIN LATERAL (SELECT jsonb_build_object('name', m.name, 'type', m.type, 'stage', m.stage, 'potentialAmount', m."potentialAmount",
      'ownerId', m."ownerId", 'version', m.version, 'changes', jsonb_build_object('stage', jsonb_build_object('from', $2::text, 'to', m.stage))) AS payload) AS p
    CROSS JOIN LATERAL (SELECT pg_advisory_xact_lock($7) WHERE m.id IS NOT NULL OFFSET 0) AS locked
    RETURNING id, payload)
  SELECT m.id::text AS id, m.name, m.type::text AS type, m.stage::text AS stage, m."potentialAmount", m.version, m."updatedAt", m.city,
    m."teamId"::text AS "teamId", m."ownerId"::text AS "ownerId", u.name AS "ownerName", a.id::text AS "eventId", a.payload
  FROM moved m CROSS JOIN appended a LEFT JOIN "User" u ON u.id = m."ownerId"
  CROSS JOIN LATERAL (SELECT pg_notify('domain_events', a.id::text)) AS notified`

/** The user behind the card's latest stage change, per the event log; null when unknown or since deleted. */
async function lastMover(db: Db, organisationId: string): Promise<{ id: string; name: string } | null> {
  const actorId = await lastChangedBy(db, 'organisation', organisationId, 'stage')
  return actorId ? db.user.findUnique({ where: { id: actorId }, select: { id: true, name: true } }) : null
}
