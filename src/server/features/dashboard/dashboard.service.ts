import type { z } from 'zod'
import { PIPELINE_STAGES, STAGE_PROBABILITY, type PipelineStage } from '../../../shared/pipeline.ts'
import { ACTIVITY_WEEKS, FOLLOW_UP_AFTER_DAYS, type dashboardSummaryInput } from '../../../shared/schemas/dashboard.ts'
import { seesAllTeams } from '../../../shared/permissions.ts'
import { Prisma } from '../../db/client.ts'
import type { ServiceContext } from '../scope.ts'

// The manager's dashboard: every figure is one SQL aggregate over the viewer's scope (no records
// loaded into Node to be counted). Periods are calendar periods in Europe/Paris, compared with the
// one before. Stage changes (moves, wins, losses) are read from the event log, which is where a
// move is recorded with its date and its amount at the time.

type SummaryInput = z.output<typeof dashboardSummaryInput>

const TIME_ZONE = 'Europe/Paris'
const FOLLOW_UPS_SHOWN = 8
const FEED_SIZE = 12
const OPEN_TASK_STATUSES = Prisma.sql`('OPEN', 'IN_PROGRESS')`
const PERIOD_LENGTH: Record<SummaryInput['period'], string> = { week: '7 days', month: '1 month', quarter: '3 months' }

interface Comparison {
  count: number
  previousCount: number
}

export interface DashboardSummary {
  period: SummaryInput['period']
  scope: SummaryInput['scope']
  range: { from: Date; to: Date; previousFrom: Date; weekFrom: Date; weekTo: Date }
  stages: Array<{ stage: PipelineStage; probability: number; count: number; amount: number; weightedAmount: number }>
  openPipeline: { count: number; amount: number; weightedAmount: number }
  won: Comparison & { amount: number; previousAmount: number }
  lost: Comparison & { amount: number; previousAmount: number }
  moves: Comparison
  newOrganisations: Comparison
  mandatesSigned: Comparison
  tasks: {
    overdue: number
    dueThisWeek: number
    byAssignee: Array<{ assignee: { id: string; name: string } | null; overdue: number; dueThisWeek: number }>
  }
  interactions: {
    weekStarts: Date[]
    total: number
    bySalesperson: Array<{ user: { id: string; name: string } | null; counts: number[]; total: number }>
  }
  followUps: {
    count: number
    items: Array<{
      id: string
      name: string
      stage: PipelineStage
      owner: { id: string; name: string } | null
      lastActivityAt: Date
    }>
  }
  activity: ActivityItem[]
  generatedAt: Date
}

export interface ActivityItem {
  eventId: string
  kind: 'moved' | 'won' | 'lost' | 'signed' | 'interaction'
  at: Date
  actor: { id: string; name: string } | null
  entity: 'organisation' | 'mandate' | 'interaction'
  entityId: string
  /** The organisation the item is about (its page is where the item links). */
  organisation: { id: string; name: string } | null
  fromStage?: string
  toStage?: string
  interactionKind?: string
  summary?: string
  reference?: string | null
}

/** Which rows of a table the summary covers: the viewer's scope, the chosen team, and for `mine` the viewer's own. */
function scopeFilter(ctx: ServiceContext, input: SummaryInput, alias: string, mine: Prisma.Sql | null): Prisma.Sql {
  const team = Prisma.raw(`${alias}."teamId"`)
  const parts: Prisma.Sql[] = []
  if (!seesAllTeams(ctx.viewer.role)) {
    parts.push(ctx.viewer.teamId ? Prisma.sql`${team} = ${ctx.viewer.teamId}::uuid` : Prisma.sql`false`)
  }
  if (input.teamId) parts.push(Prisma.sql`${team} = ${input.teamId}::uuid`)
  if (input.scope === 'mine' && mine) parts.push(mine)
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`true`
}

const column = (alias: string, name: string) => Prisma.raw(`${alias}."${name}"`)

export async function getDashboardSummary(ctx: ServiceContext, input: SummaryInput): Promise<DashboardSummary> {
  const { prisma, viewer } = ctx
  const me = viewer.id
  const scoped = (alias: string, ownerColumn: string | null) =>
    scopeFilter(ctx, input, alias, ownerColumn ? Prisma.sql`${column(alias, ownerColumn)} = ${me}::uuid` : null)
  // Events carry the record's owner in their payload (the owner at the time of the event).
  const eventScope = scopeFilter(ctx, input, 'e', Prisma.sql`e.payload->>'ownerId' = ${me}`)

  const [bounds] = await prisma.$queryRaw<Array<{ from: Date; previousFrom: Date; to: Date; weekFrom: Date; weekTo: Date }>>`
    WITH local AS (SELECT now() AT TIME ZONE ${TIME_ZONE} AS now)
    SELECT
      date_trunc(${input.period}, local.now) AT TIME ZONE ${TIME_ZONE} AS "from",
      (date_trunc(${input.period}, local.now) - ${PERIOD_LENGTH[input.period]}::interval) AT TIME ZONE ${TIME_ZONE} AS "previousFrom",
      now() AS "to",
      date_trunc('week', local.now) AT TIME ZONE ${TIME_ZONE} AS "weekFrom",
      (date_trunc('week', local.now) + interval '7 days') AT TIME ZONE ${TIME_ZONE} AS "weekTo"
    FROM local`
  const { from, previousFrom, to, weekFrom, weekTo } = bounds
  const activityFrom = new Date(weekFrom.getTime() - (ACTIVITY_WEEKS - 1) * 7 * 86_400_000)
  const followUpBefore = new Date(to.getTime() - FOLLOW_UP_AFTER_DAYS * 86_400_000)

  const [stageRows, changeRows, createdRows, signedRows, taskRows, interactionRows, followUpRows, feedRows] = await Promise.all([
    // One pass over the team's active organisations in the dashboard index (read from the index
    // alone): the pipeline by stage, and per stage how many deals wait for a follow-up. The recent
    // interactions are read once into a hashed set (the NOT IN), not probed deal by deal.
    prisma.$queryRaw<Array<{ stage: PipelineStage; count: number; amount: number; stale: number }>>`
      SELECT o.stage, count(*)::int AS count, coalesce(sum(o."potentialAmount"), 0)::float8 AS amount,
             count(*) FILTER (
               WHERE o.stage NOT IN ('WON', 'LOST') AND o."updatedAt" < ${followUpBefore}
                 AND o.id NOT IN (
                   SELECT r."organisationId" FROM "Interaction" r
                   WHERE r."occurredAt" >= ${followUpBefore} AND r."organisationId" IS NOT NULL
                 )
             )::int AS stale
      FROM "Organisation" o
      WHERE o."isActive" AND ${scoped('o', 'ownerId')}
      GROUP BY o.stage`,
    prisma.$queryRaw<
      Array<{
        moves: number
        previousMoves: number
        won: number
        previousWon: number
        wonAmount: number
        previousWonAmount: number
        lost: number
        previousLost: number
        lostAmount: number
        previousLostAmount: number
      }>
    >`
      SELECT
        count(*) FILTER (WHERE s.at >= ${from})::int AS moves,
        count(*) FILTER (WHERE s.at < ${from})::int AS "previousMoves",
        count(*) FILTER (WHERE s.at >= ${from} AND s.to_stage = 'WON')::int AS won,
        count(*) FILTER (WHERE s.at < ${from} AND s.to_stage = 'WON')::int AS "previousWon",
        coalesce(sum(s.amount) FILTER (WHERE s.at >= ${from} AND s.to_stage = 'WON'), 0)::float8 AS "wonAmount",
        coalesce(sum(s.amount) FILTER (WHERE s.at < ${from} AND s.to_stage = 'WON'), 0)::float8 AS "previousWonAmount",
        count(*) FILTER (WHERE s.at >= ${from} AND s.to_stage = 'LOST')::int AS lost,
        count(*) FILTER (WHERE s.at < ${from} AND s.to_stage = 'LOST')::int AS "previousLost",
        coalesce(sum(s.amount) FILTER (WHERE s.at >= ${from} AND s.to_stage = 'LOST'), 0)::float8 AS "lostAmount",
        coalesce(sum(s.amount) FILTER (WHERE s.at < ${from} AND s.to_stage = 'LOST'), 0)::float8 AS "previousLostAmount"
      FROM (
        SELECT e."createdAt" AS at,
               e.payload->'changes'->'stage'->>'to' AS to_stage,
               (e.payload->>'potentialAmount')::float8 AS amount
        FROM "DomainEvent" e
        WHERE e.entity = 'organisation' AND e."createdAt" >= ${previousFrom} AND e."createdAt" <= ${to}
          AND e.type = 'organisation.updated' AND e.payload->'changes'->'stage' IS NOT NULL
          AND ${eventScope}
      ) s`,
    prisma.$queryRaw<Array<Comparison>>`
      SELECT count(*) FILTER (WHERE o."createdAt" >= ${from})::int AS count,
             count(*) FILTER (WHERE o."createdAt" < ${from})::int AS "previousCount"
      FROM "Organisation" o
      WHERE o."createdAt" >= ${previousFrom} AND ${scoped('o', 'ownerId')}`,
    prisma.$queryRaw<Array<Comparison>>`
      SELECT count(*) FILTER (WHERE m."signedAt" >= ${from})::int AS count,
             count(*) FILTER (WHERE m."signedAt" < ${from})::int AS "previousCount"
      FROM "Mandate" m
      WHERE m."signedAt" >= ${previousFrom} AND m."signedAt" <= ${to} AND ${scoped('m', 'ownerId')}`,
    prisma.$queryRaw<Array<{ id: string | null; name: string | null; overdue: number; dueThisWeek: number }>>`
      SELECT t."assigneeId" AS id, u.name,
             count(*) FILTER (WHERE t."dueAt" < ${to})::int AS overdue,
             count(*) FILTER (WHERE t."dueAt" >= ${to})::int AS "dueThisWeek"
      FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
      WHERE t.status IN ${OPEN_TASK_STATUSES} AND t."dueAt" < ${weekTo} AND ${scoped('t', 'assigneeId')}
      GROUP BY t."assigneeId", u.name
      ORDER BY overdue DESC, "dueThisWeek" DESC, u.name`,
    prisma.$queryRaw<Array<{ id: string | null; name: string | null; week: number; count: number }>>`
      SELECT i."authorId" AS id, u.name,
             floor(extract(epoch FROM (i."occurredAt" - ${activityFrom}::timestamptz)) / 604800)::int AS week,
             count(*)::int AS count
      FROM "Interaction" i LEFT JOIN "User" u ON u.id = i."authorId"
      WHERE i."occurredAt" >= ${activityFrom} AND i."occurredAt" < ${weekTo} AND ${scoped('i', 'authorId')}
      GROUP BY 1, 2, 3`,
    // The oldest few deals to follow up (their count comes with the stages): read in updatedAt
    // order and stopped after FOLLOW_UPS_SHOWN, the last interaction looked up for those only.
    prisma.$queryRaw<
      Array<{ id: string; name: string; stage: PipelineStage; ownerId: string | null; ownerName: string | null; lastActivityAt: Date }>
    >`
      SELECT s.id, s.name, s.stage, s."ownerId", u.name AS "ownerName",
             greatest(s."updatedAt", coalesce(
               (SELECT max(i."occurredAt") FROM "Interaction" i WHERE i."organisationId" = s.id), s."updatedAt"
             )) AS "lastActivityAt"
      FROM (
        SELECT o.id, o.name, o.stage, o."ownerId", o."updatedAt"
        FROM "Organisation" o
        WHERE o."isActive" AND o.stage NOT IN ('WON', 'LOST') AND o."updatedAt" < ${followUpBefore}
          AND NOT EXISTS (
            SELECT 1 FROM "Interaction" r WHERE r."organisationId" = o.id AND r."occurredAt" >= ${followUpBefore}
          )
          AND ${scoped('o', 'ownerId')}
        ORDER BY o."updatedAt", o.id
        LIMIT ${FOLLOW_UPS_SHOWN}
      ) s
      LEFT JOIN "User" u ON u.id = s."ownerId"
      ORDER BY s."updatedAt", s.id`,
    prisma.$queryRaw<
      Array<{ id: bigint; type: string; entity: string; entityId: string; createdAt: Date; payload: Record<string, any>; actorId: string | null; actorName: string | null }>
    >`
      SELECT e.id, e.type, e.entity, e."entityId", e."createdAt", e.payload, e."actorId", u.name AS "actorName"
      FROM "DomainEvent" e LEFT JOIN "User" u ON u.id = e."actorId"
      WHERE ${eventScope} AND (
        (e.entity = 'organisation' AND e.type = 'organisation.updated' AND e.payload->'changes'->'stage' IS NOT NULL)
        OR (e.entity = 'mandate' AND (e.payload->'changes'->'status'->>'to' = 'SIGNED'
            OR (e.type = 'mandate.created' AND e.payload->>'status' = 'SIGNED')))
        OR e.type = 'interaction.created'
      )
      ORDER BY e."createdAt" DESC, e.id DESC
      LIMIT ${FEED_SIZE}`,
  ])

  const stages = PIPELINE_STAGES.map((stage) => {
    const row = stageRows.find((candidate) => candidate.stage === stage)
    const amount = row?.amount ?? 0
    return { stage, probability: STAGE_PROBABILITY[stage], count: row?.count ?? 0, amount, weightedAmount: Math.round(amount * STAGE_PROBABILITY[stage]) }
  })
  const open = stages.filter((row) => row.stage !== 'WON' && row.stage !== 'LOST')
  const changes = changeRows[0]
  const tasksByAssignee = taskRows.map((row) => ({
    assignee: row.id ? { id: row.id, name: row.name ?? '' } : null,
    overdue: row.overdue,
    dueThisWeek: row.dueThisWeek,
  }))

  const salespeople = new Map<string, { user: { id: string; name: string } | null; counts: number[]; total: number }>()
  for (const row of interactionRows) {
    const key = row.id ?? ''
    const entry = salespeople.get(key) ?? { user: row.id ? { id: row.id, name: row.name ?? '' } : null, counts: Array(ACTIVITY_WEEKS).fill(0), total: 0 }
    if (row.week >= 0 && row.week < ACTIVITY_WEEKS) entry.counts[row.week] += row.count
    entry.total += row.count
    salespeople.set(key, entry)
  }
  const bySalesperson = [...salespeople.values()].sort((a, b) => b.total - a.total || (a.user?.name ?? '').localeCompare(b.user?.name ?? ''))

  return {
    period: input.period,
    scope: input.scope,
    range: { from, to, previousFrom, weekFrom, weekTo },
    stages,
    openPipeline: {
      count: open.reduce((sum, row) => sum + row.count, 0),
      amount: open.reduce((sum, row) => sum + row.amount, 0),
      weightedAmount: open.reduce((sum, row) => sum + row.weightedAmount, 0),
    },
    won: { count: changes.won, previousCount: changes.previousWon, amount: changes.wonAmount, previousAmount: changes.previousWonAmount },
    lost: { count: changes.lost, previousCount: changes.previousLost, amount: changes.lostAmount, previousAmount: changes.previousLostAmount },
    moves: { count: changes.moves, previousCount: changes.previousMoves },
    newOrganisations: createdRows[0],
    mandatesSigned: signedRows[0],
    tasks: {
      overdue: tasksByAssignee.reduce((sum, row) => sum + row.overdue, 0),
      dueThisWeek: tasksByAssignee.reduce((sum, row) => sum + row.dueThisWeek, 0),
      byAssignee: tasksByAssignee,
    },
    interactions: {
      weekStarts: Array.from({ length: ACTIVITY_WEEKS }, (_, index) => new Date(activityFrom.getTime() + index * 7 * 86_400_000)),
      total: bySalesperson.reduce((sum, row) => sum + row.total, 0),
      bySalesperson,
    },
    followUps: {
      count: stageRows.reduce((sum, row) => sum + row.stale, 0),
      items: followUpRows.map((row) => ({
        id: row.id,
        name: row.name,
        stage: row.stage,
        owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
        lastActivityAt: row.lastActivityAt,
      })),
    },
    activity: await activityItems(ctx, feedRows),
    generatedAt: new Date(),
  }
}

/** The feed's events as items, with the name of the organisation each one is about (read in scope). */
async function activityItems(
  ctx: ServiceContext,
  rows: Array<{ id: bigint; type: string; entity: string; entityId: string; createdAt: Date; payload: Record<string, any>; actorId: string | null; actorName: string | null }>,
): Promise<ActivityItem[]> {
  const organisationIdOf = (row: (typeof rows)[number]): string | null => {
    if (row.entity === 'organisation') return row.entityId
    if (row.entity === 'mandate') return row.payload.organisation?.id ?? row.payload.organisationId ?? null
    return row.payload.organisationId ?? null
  }
  const ids = [...new Set(rows.map(organisationIdOf).filter((id): id is string => typeof id === 'string'))]
  const organisations = ids.length
    ? await ctx.prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : []
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]))
  return rows.map((row) => {
    const organisationId = organisationIdOf(row)
    const organisation = organisationId
      ? { id: organisationId, name: names.get(organisationId) ?? String(row.payload.name ?? row.payload.organisation?.name ?? '') }
      : null
    const base = {
      eventId: row.id.toString(),
      at: row.createdAt,
      actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
      entityId: row.entityId,
      organisation,
    }
    if (row.entity === 'organisation') {
      const toStage = String(row.payload.changes?.stage?.to ?? '')
      return {
        ...base,
        kind: toStage === 'WON' ? 'won' : toStage === 'LOST' ? 'lost' : 'moved',
        entity: 'organisation',
        fromStage: String(row.payload.changes?.stage?.from ?? ''),
        toStage,
      }
    }
    if (row.entity === 'mandate') {
      return { ...base, kind: 'signed', entity: 'mandate', reference: row.payload.reference ?? null }
    }
    return {
      ...base,
      kind: 'interaction',
      entity: 'interaction',
      interactionKind: String(row.payload.kind ?? ''),
      summary: String(row.payload.summary ?? ''),
    }
  })
}
