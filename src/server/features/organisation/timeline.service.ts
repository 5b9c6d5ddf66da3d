import type { z } from 'zod'
import type { organisationTimelineInput } from '../../../shared/schemas/organisation.ts'
import { notFound } from '../../errors.ts'
import { teamScope, type ServiceContext } from '../scope.ts'

export interface TimelineEntry {
  id: string
  type: string
  createdAt: Date
  actor: { id: string; name: string; avatarColor: string | null } | null
  changes: Record<string, { from: unknown; to: unknown }>
  /** For an interaction logged about the organisation: its kind and summary. */
  interaction: { kind: string; summary: string } | null
}

/** The organisation's activity, newest first, straight from the event log: its own changes and the interactions logged about it. */
export async function getTimeline(ctx: ServiceContext, input: z.output<typeof organisationTimelineInput>) {
  const organisation = await ctx.prisma.organisation.findFirst({ where: { id: input.id, ...teamScope(ctx.viewer) }, select: { id: true } })
  if (!organisation) throw notFound('Organisation')
  const events = await ctx.prisma.domainEvent.findMany({
    where: {
      OR: [
        { entity: 'organisation', entityId: input.id },
        { entity: 'interaction', payload: { path: ['organisationId'], equals: input.id } },
      ],
      ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
  })
  const page = events.slice(0, input.limit)
  const actorIds = [...new Set(page.map((event) => event.actorId).filter((id): id is string => id !== null))]
  const actors = await ctx.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, avatarColor: true } })
  const items: TimelineEntry[] = page.map((event) => ({
    id: event.id.toString(),
    type: event.type,
    createdAt: event.createdAt,
    actor: actors.find((actor) => actor.id === event.actorId) ?? null,
    changes: ((event.payload as { changes?: TimelineEntry['changes'] } | null)?.changes ?? {}) as TimelineEntry['changes'],
    interaction: event.entity === 'interaction' ? interactionOf(event.payload) : null,
  }))
  return { items, nextCursor: events.length > input.limit ? page[page.length - 1].id.toString() : null }
}

function interactionOf(payload: unknown): TimelineEntry['interaction'] {
  const { kind, summary } = (payload ?? {}) as { kind?: unknown; summary?: unknown }
  return { kind: String(kind ?? ''), summary: String(summary ?? '') }
}
