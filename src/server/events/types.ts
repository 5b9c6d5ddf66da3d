/** A domain event as it travels on the bus and to clients (ids as strings: JSON has no bigint). */
export interface LiveEvent {
  id: string
  type: string
  entity: string
  entityId: string
  teamId: string | null
  actorId: string | null
  payload: Record<string, unknown>
  createdAt: string
}

export const EVENTS_CHANNEL = 'events'

/** What the relay publishes on EVENTS_CHANNEL: every committed event after `after` (up to a batch), in id order. */
export interface RelayedBatch {
  after: string
  events: LiveEvent[]
}

/** A domain event as read from the log (the projections' input, `toLiveEvent`'s). */
export interface EventRecord {
  id: bigint
  type: string
  entity: string
  entityId: string
  teamId: string | null
  actorId: string | null
  payload: unknown
  createdAt: Date
}

export function toLiveEvent(row: EventRecord): LiveEvent {
  return {
    id: row.id.toString(),
    type: row.type,
    entity: row.entity,
    entityId: row.entityId,
    teamId: row.teamId,
    actorId: row.actorId,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  }
}
