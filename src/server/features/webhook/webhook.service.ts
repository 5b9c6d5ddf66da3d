import type { z } from 'zod'
import type { Page } from '../../../shared/schemas/common.ts'
import {
  WEBHOOK_PING_EVENT,
  type webhookByIdInput,
  type webhookCreateInput,
  type webhookDeliveriesInput,
  type webhookReplayInput,
  type webhookUpdateInput,
} from '../../../shared/schemas/webhook.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent } from '../../events/event-log.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import { listPage } from '../paging.ts'
import type { Db, ServiceContext } from '../scope.ts'
import { targetRefusal } from './webhook.address.ts'
import { queueDeliveries, type DeliveryEngine } from './webhook.delivery.ts'
import { generateWebhookSecret, type SecretBox } from './webhook.secrets.ts'

/** What webhook services need beyond the database: the node's delivery engine and secret box. */
export interface WebhookRuntime {
  secrets: SecretBox
  engine: DeliveryEngine
  allowPrivate: boolean
}

export interface WebhookServiceContext extends ServiceContext {
  webhooks: WebhookRuntime
}

/** After a rotation, the old secret signs beside the new one this long. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000

// Never select the secrets.
const webhookSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  isActive: true,
  disabledReason: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  deliveries: {
    orderBy: { createdAt: 'desc' },
    take: 1,
    select: { id: true, eventType: true, status: true, responseCode: true, createdAt: true, updatedAt: true },
  },
} satisfies Prisma.WebhookSelect

type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof webhookSelect }>
export type WebhookSummary = Omit<WebhookRow, 'deliveries'> & { lastDelivery: WebhookRow['deliveries'][number] | null }

const deliverySelect = {
  id: true,
  webhookId: true,
  eventId: true,
  eventType: true,
  status: true,
  attempt: true,
  responseCode: true,
  responseBody: true,
  durationMs: true,
  error: true,
  nextRetryAt: true,
  deliveredAt: true,
  createdAt: true,
  updatedAt: true,
  attempts: {
    orderBy: { attempt: 'desc' },
    take: 20,
    select: { attempt: true, responseCode: true, durationMs: true, error: true, createdAt: true },
  },
} satisfies Prisma.WebhookDeliverySelect

export type WebhookDeliverySummary = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>

function summarise({ deliveries, ...webhook }: WebhookRow): WebhookSummary {
  return { ...webhook, lastDelivery: deliveries[0] ?? null }
}

export async function listWebhooks(ctx: WebhookServiceContext): Promise<WebhookSummary[]> {
  const rows = await ctx.prisma.webhook.findMany({ select: webhookSelect, orderBy: { createdAt: 'desc' } })
  return rows.map(summarise)
}

/** A URL the server may call: outside private networks unless WEBHOOK_ALLOW_PRIVATE is set. */
async function assertReachable(ctx: WebhookServiceContext, url: string): Promise<void> {
  if (ctx.webhooks.allowPrivate) return
  const refusal = await targetRefusal(url)
  if (refusal) throw new DomainError('INVALID', refusal, { fieldErrors: { url: [refusal] } })
}

/** Creates an endpoint; its secret is in this answer only. */
export async function createWebhook(
  ctx: WebhookServiceContext,
  input: z.output<typeof webhookCreateInput>,
): Promise<{ webhook: WebhookSummary; secret: string }> {
  await assertReachable(ctx, input.url)
  const secret = generateWebhookSecret()
  const webhook = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: { url: input.url, events: input.events, description: input.description ?? null, secret: ctx.webhooks.secrets.seal(secret), createdById: ctx.viewer.id },
      select: webhookSelect,
    })
    await appendEvent(tx, webhookEvent('webhook.created', created, ctx.viewer.id))
    await recordSecurityEvent(tx, { action: 'webhook_created', userId: null, actorId: ctx.viewer.id, ...ctx.client, details: { webhookId: created.id, url: created.url } })
    return created
  })
  return { webhook: summarise(webhook), secret }
}

export async function updateWebhook(ctx: WebhookServiceContext, input: z.output<typeof webhookUpdateInput>): Promise<WebhookSummary> {
  const { data } = input
  if (data.url) await assertReachable(ctx, data.url)
  const webhook = await ctx.prisma.$transaction(async (tx) => {
    await findWebhook(tx, input.id)
    const updated = await tx.webhook.update({
      where: { id: input.id },
      data: {
        url: data.url,
        events: data.events,
        description: data.description === undefined ? undefined : data.description,
        isActive: data.isActive,
        // Switched back on by hand: it starts with a clean record.
        ...(data.isActive === true ? { disabledReason: null, failingSince: null } : {}),
      },
      select: webhookSelect,
    })
    await appendEvent(tx, webhookEvent('webhook.updated', updated, ctx.viewer.id))
    await recordSecurityEvent(tx, {
      action: 'webhook_updated',
      userId: null,
      actorId: ctx.viewer.id,
      ...ctx.client,
      details: { webhookId: updated.id, url: updated.url, fields: Object.keys(data).filter((key) => data[key as keyof typeof data] !== undefined) },
    })
    return updated
  })
  return summarise(webhook)
}

export async function deleteWebhook(ctx: WebhookServiceContext, input: z.output<typeof webhookByIdInput>): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await findWebhook(tx, input.id)
    await tx.webhook.delete({ where: { id: input.id } })
    await appendEvent(tx, webhookEvent('webhook.deleted', existing, ctx.viewer.id))
    await recordSecurityEvent(tx, { action: 'webhook_deleted', userId: null, actorId: ctx.viewer.id, ...ctx.client, details: { webhookId: existing.id, url: existing.url } })
  })
  return { id: input.id }
}

/** A new secret, shown once; the previous one keeps signing beside it for 24 hours. */
export async function rotateWebhookSecret(
  ctx: WebhookServiceContext,
  input: z.output<typeof webhookByIdInput>,
): Promise<{ webhook: WebhookSummary; secret: string }> {
  const secret = generateWebhookSecret()
  const webhook = await ctx.prisma.$transaction(async (tx) => {
    const current = await tx.webhook.findUnique({ where: { id: input.id }, select: { secret: true } })
    if (!current) throw notFound('Webhook')
    const updated = await tx.webhook.update({
      where: { id: input.id },
      data: {
        secret: ctx.webhooks.secrets.seal(secret),
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
      },
      select: webhookSelect,
    })
    await appendEvent(tx, webhookEvent('webhook.secret_rotated', updated, ctx.viewer.id))
    await recordSecurityEvent(tx, { action: 'webhook_secret_rotated', userId: null, actorId: ctx.viewer.id, ...ctx.client, details: { webhookId: updated.id, url: updated.url } })
    return updated
  })
  return { webhook: summarise(webhook), secret }
}

/** Sends a `webhook.ping` now and answers with what the endpoint said (logged like any delivery, not retried). */
export async function testWebhook(ctx: WebhookServiceContext, input: z.output<typeof webhookByIdInput>) {
  const webhook = await findWebhook(ctx.prisma, input.id)
  if (!webhook.isActive) throw new DomainError('INVALID', 'Enable the webhook before testing it')
  const timestamp = new Date()
  const delivery = await ctx.prisma.webhookDelivery.create({
    data: {
      webhookId: webhook.id,
      eventType: WEBHOOK_PING_EVENT,
      payload: { type: WEBHOOK_PING_EVENT, timestamp: timestamp.toISOString(), data: { webhookId: webhook.id, sentBy: ctx.viewer.name } },
    },
    select: { id: true },
  })
  const outcome = await ctx.webhooks.engine.attempt(delivery.id, { retry: false })
  if (!outcome) throw new DomainError('CONFLICT', 'The ping could not be sent')
  return { deliveryId: delivery.id, ...outcome }
}

export async function listDeliveries(
  ctx: WebhookServiceContext,
  input: z.output<typeof webhookDeliveriesInput>,
): Promise<Page<WebhookDeliverySummary>> {
  await findWebhook(ctx.prisma, input.webhookId)
  return listPage(ctx.prisma.webhookDelivery, {
    where: { webhookId: input.webhookId, ...(input.status ? { status: input.status } : {}) },
    scope: { webhookId: input.webhookId },
    select: deliverySelect,
    sort: { keyset: ['createdAt'] },
    direction: 'desc',
    cursor: input.cursor,
    limit: input.limit,
  })
}

/**
 * Sends again, with the same `webhook-id` and a fresh signature: one delivery, or every failed
 * delivery of a webhook since a date. The retry schedule starts over.
 */
export async function replayDeliveries(ctx: WebhookServiceContext, input: z.output<typeof webhookReplayInput>): Promise<{ count: number }> {
  return ctx.prisma.$transaction(async (tx) => {
    let ids: string[]
    let webhookId: string
    if ('deliveryId' in input) {
      const delivery = await tx.webhookDelivery.findUnique({ where: { id: input.deliveryId }, select: { webhookId: true } })
      if (!delivery) throw notFound('Delivery')
      await assertActive(tx, delivery.webhookId)
      ids = [input.deliveryId]
      webhookId = delivery.webhookId
    } else {
      await assertActive(tx, input.webhookId)
      webhookId = input.webhookId
      const failed = await tx.webhookDelivery.findMany({
        where: { webhookId: input.webhookId, status: 'FAILED', createdAt: { gte: input.since } },
        select: { id: true },
      })
      ids = failed.map((row) => row.id)
    }
    if (ids.length === 0) return { count: 0 }
    await tx.webhookDelivery.updateMany({
      where: { id: { in: ids } },
      data: { status: 'PENDING', step: 0, nextRetryAt: null },
    })
    await queueDeliveries(tx, ids.map((id) => ({ id, webhookId })))
    return { count: ids.length }
  })
}

async function findWebhook(db: Db, id: string) {
  const webhook = await db.webhook.findUnique({ where: { id }, select: webhookSelect })
  if (!webhook) throw notFound('Webhook')
  return webhook
}

async function assertActive(db: Db, webhookId: string) {
  const webhook = await findWebhook(db, webhookId)
  if (!webhook.isActive) throw new DomainError('INVALID', 'Enable the webhook before replaying its deliveries')
}

/** Webhook events carry no team (admins only) and never a secret. */
function webhookEvent(type: `webhook.${'created' | 'updated' | 'deleted' | 'secret_rotated'}`, webhook: { id: string; url: string; events: string[]; isActive: boolean }, actorId: string) {
  return {
    type,
    entity: 'webhook',
    entityId: webhook.id,
    teamId: null,
    actorId,
    payload: { url: webhook.url, events: webhook.events, isActive: webhook.isActive },
  }
}
