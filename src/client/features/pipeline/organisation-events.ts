import { PIPELINE_STAGES, type PipelineStage } from '../../../shared/pipeline.ts'
import type { LiveEvent } from '../live/live-stream.ts'
import type { CardChange, CardState, OrganisationType } from './board-cache.ts'

/** The payload of `organisation.*` events (see eventSnapshot in the organisation service). */
interface OrganisationEventPayload {
  name: string
  type: OrganisationType
  stage: PipelineStage
  potentialAmount: number | null
  ownerId: string | null
  version: number
  isActive?: boolean
  changes?: Record<string, { from: unknown; to: unknown }>
}

export interface StageMove {
  from: PipelineStage
  to: PipelineStage
}

function isStage(value: unknown): value is PipelineStage {
  return typeof value === 'string' && (PIPELINE_STAGES as readonly string[]).includes(value)
}

function payloadOf(event: LiveEvent): OrganisationEventPayload | undefined {
  if (event.entity !== 'organisation') return undefined
  const payload = event.payload as Partial<OrganisationEventPayload>
  if (typeof payload.name !== 'string' || !isStage(payload.stage) || typeof payload.version !== 'number') return undefined
  return payload as OrganisationEventPayload
}

/**
 * Translates an organisation event into a board change; `refetch` when the event cannot be applied
 * from its payload alone (an organisation archived or restored: the board only shows active ones).
 */
export function boardChangeOf(event: LiveEvent): CardChange | 'refetch' | null {
  const payload = payloadOf(event)
  if (!payload) return null
  const changes = payload.changes ?? {}
  if ('isActive' in changes || payload.isActive === false) return 'refetch'
  const after: CardState = {
    id: event.entityId,
    name: payload.name,
    type: payload.type,
    stage: payload.stage,
    potentialAmount: payload.potentialAmount ?? null,
    ownerId: payload.ownerId ?? null,
    version: payload.version,
    teamId: event.teamId,
  }
  if (event.type === 'organisation.deleted') return { id: event.entityId, before: after, after: null }
  if (event.type === 'organisation.created') return { id: event.entityId, before: null, after, at: new Date(event.createdAt) }
  const before: CardState = { ...after }
  for (const field of ['name', 'type', 'stage', 'potentialAmount', 'ownerId'] as const) {
    if (field in changes) Object.assign(before, { [field]: changes[field].from })
  }
  return { id: event.entityId, before, after, at: new Date(event.createdAt) }
}

export function stageMoveOf(event: LiveEvent): StageMove | null {
  const stage = payloadOf(event)?.changes?.stage
  return stage && isStage(stage.from) && isStage(stage.to) ? { from: stage.from, to: stage.to } : null
}
