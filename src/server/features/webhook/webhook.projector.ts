import { WEBHOOK_EVENT_TYPES, webhookPatternMatches } from '../../../shared/schemas/webhook.ts'
import type { PrismaClient } from '../../db/client.ts'
import type { SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import type { ProjectedEvent } from '../../events/projection.ts'
import type { Viewer } from '../auth/auth.service.ts'
import { getInteraction } from '../interaction/interaction.service.ts'
import { getMandate } from '../mandate/mandate.service.ts'
import { getOrganisation, getOrganisations } from '../organisation/organisation.service.ts'
import { getPerson } from '../person/person.service.ts'
import { getProduct } from '../product/product.service.ts'
import type { ServiceContext } from '../scope.ts'
import { getTask } from '../task/task.service.ts'
import { IMMEDIATE_FALLBACK_MS, queueDeliveries } from './webhook.delivery.ts'

type EventRow = ProjectedEvent

const PUBLIC_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES)
/** Record reads in flight at once: the API's requests share the same connection pool. */
const READ_CONCURRENCY = 4

/** How each entity reads as the API returns it (the `byId` of its router). */
const READERS: Record<string, (ctx: ServiceContext, id: string) => Promise<unknown>> = {
  organisation: getOrganisation,
  person: getPerson,
  mandate: getMandate,
  product: getProduct,
  interaction: getInteraction,
  task: getTask,
}

/** Entities read for a whole batch of events at once (one read instead of one per event). */
const BATCH_READERS: Record<string, (ctx: ServiceContext, ids: string[]) => Promise<Array<{ id: string }>>> = {
  organisation: getOrganisations,
}

/** The webhook event types one domain event stands for: itself, and what it means (a signature, a stage move). */
export function webhookTypesOf(event: { type: string; payload: unknown }): string[] {
  if (!PUBLIC_TYPES.has(event.type)) return []
  const payload = (event.payload ?? {}) as Record<string, any>
  const types = [event.type]
  if (event.type === 'organisation.updated' && payload.changes?.stage) types.push('organisation.stage_changed')
  const signed =
    (event.type === 'mandate.created' && payload.status === 'SIGNED') ||
    (event.type === 'mandate.updated' && payload.changes?.status?.to === 'SIGNED')
  if (signed) types.push('mandate.signed')
  return types
}

/**
 * The projection of the event log that feeds webhooks: for every event an active endpoint subscribes
 * to, a delivery row (the body it will carry) and its job, in the projection's transaction, which
 * also advances its cursor. Events are read once, whichever node runs the projection.
 */
export function createWebhookProjector(deps: {
  prisma: PrismaClient
  /** Called once the deliveries are committed, on the node that wrote them (the immediate path). */
  onCommitted?: (deliveryIds: string[]) => void
}) {
  const viewerOf = (event: EventRow): Viewer => ({
    id: event.actorId ?? '',
    email: '',
    name: 'webhooks',
    role: 'ADMIN',
    teamId: null,
    teamName: null,
    theme: 'system',
    language: 'en',
    avatarColor: null,
  })

  /**
   * Each event's `data`: the record as the API returns it, with an admin's eyes (every team). Records
   * of a batch-readable entity are read in one go, in plain SQL on the projection's own connection;
   * the others one by one through Prisma, a few at a time.
   */
  async function dataOf(sql: SqlClient, events: EventRow[]): Promise<Array<Record<string, unknown>>> {
    const live = (event: EventRow) => Boolean(READERS[event.entity]) && !event.type.endsWith('.deleted')
    const batched = new Map<string, unknown>()
    for (const [entity, read] of Object.entries(BATCH_READERS)) {
      const ids = [...new Set(events.filter((event) => event.entity === entity && live(event)).map((event) => event.entityId))]
      if (ids.length === 0) continue
      const records = await read({ prisma: deps.prisma, sql, viewer: viewerOf(events[0]) }, ids)
      for (const record of records) batched.set(`${entity}:${record.id}`, record)
    }
    return mapLimited(events, READ_CONCURRENCY, async (event) => {
      const payload = (event.payload ?? {}) as Record<string, unknown>
      let record: unknown = null
      if (live(event)) {
        record = BATCH_READERS[event.entity]
          ? (batched.get(`${event.entity}:${event.entityId}`) ?? null)
          : await READERS[event.entity]({ prisma: deps.prisma, viewer: viewerOf(event) }, event.entityId).catch(() => null)
      }
      if (record) return payload.changes ? { ...(record as object), changes: payload.changes } : (record as Record<string, unknown>)
      // Deleted (or gone since): what the event still says about it.
      return { id: event.entityId, ...payload }
    })
  }

  return async function projectWebhooks(sql: SqlClient, events: EventRow[]): Promise<void | (() => void)> {
    const wanted = events.map((event) => ({ event, types: webhookTypesOf(event) })).filter((entry) => entry.types.length)
    if (wanted.length === 0) return
    const webhooks: Array<{ id: string; events: string[] }> = (await sql.query(`SELECT id::text, events FROM "Webhook" WHERE "isActive"`)).rows
    if (webhooks.length === 0) return
    const matched = wanted
      .map(({ event, types }) => ({
        event,
        targets: types.flatMap((type) =>
          webhooks.filter((webhook) => webhook.events.some((pattern) => webhookPatternMatches(pattern, type))).map((webhook) => ({ type, webhookId: webhook.id })),
        ),
      }))
      .filter((entry) => entry.targets.length)
    const data = await dataOf(sql, matched.map(({ event }) => event))
    const rows = matched.flatMap(({ event, targets }, index) => {
      const payload = JSON.parse(JSON.stringify({ data: data[index] }, jsonSafe)).data
      return targets.map(({ type, webhookId }) => ({
        id: uuidv7(),
        webhookId,
        eventId: event.id.toString(),
        eventType: type,
        payload: { type, timestamp: event.createdAt.toISOString(), data: payload },
      }))
    })
    if (rows.length === 0) return
    await sql.query(
      `INSERT INTO "WebhookDelivery" (id, "webhookId", "eventId", "eventType", payload, "updatedAt")
       SELECT r.id, r."webhookId", r."eventId", r."eventType", r.payload, CURRENT_TIMESTAMP
       FROM json_to_recordset($1::json) AS r(id uuid, "webhookId" uuid, "eventId" bigint, "eventType" text, payload jsonb)`,
      [JSON.stringify(rows)],
    )
    const { onCommitted } = deps
    // With an immediate path, the jobs are the fallback: they wait a little.
    await queueDeliveries(sql, rows, { fallbackAfterMs: onCommitted ? IMMEDIATE_FALLBACK_MS : undefined })
    if (onCommitted) return () => onCommitted(rows.map((row) => row.id))
  }
}

async function mapLimited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await run(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}
