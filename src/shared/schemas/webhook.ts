import { z } from 'zod'
import { idSchema, optionalText, pageInput } from './common.ts'

/**
 * The domain events an endpoint may subscribe to. `organisation.stage_changed` and `mandate.signed`
 * are derived from the update that caused them (sent beside `*.updated`). `webhook.ping` is what
 * the test button sends; it needs no subscription.
 */
export const WEBHOOK_EVENT_TYPES = [
  'organisation.created',
  'organisation.updated',
  'organisation.stage_changed',
  'organisation.deleted',
  'person.created',
  'person.updated',
  'person.linked',
  'person.unlinked',
  'person.deleted',
  'mandate.created',
  'mandate.updated',
  'mandate.signed',
  'mandate.product_added',
  'mandate.product_removed',
  'mandate.deleted',
  'product.created',
  'product.updated',
  'product.deleted',
  'interaction.created',
  'interaction.updated',
  'interaction.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export const WEBHOOK_PING_EVENT = 'webhook.ping'

/** `organisation` for `organisation.created`: the prefix of a `organisation.*` wildcard. */
export const WEBHOOK_EVENT_GROUPS = [...new Set(WEBHOOK_EVENT_TYPES.map((type) => type.split('.')[0]))]

const knownPatterns = new Set<string>(['*', ...WEBHOOK_EVENT_TYPES, ...WEBHOOK_EVENT_GROUPS.map((group) => `${group}.*`)])

/** Whether a subscription pattern (`*`, `organisation.*` or an exact type) covers an event type. */
export function webhookPatternMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1))
  return pattern === type
}

export const webhookEventsSchema = z
  .array(z.string().trim().max(100).refine((pattern) => knownPatterns.has(pattern), { message: 'Unknown event type' }))
  .min(1, 'Choose at least one event')
  .max(WEBHOOK_EVENT_TYPES.length + WEBHOOK_EVENT_GROUPS.length + 1)
  .transform((events) => [...new Set(events)])

/** http(s) only, no credentials in the URL; where it points is checked by the server (no private addresses). */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an http:// or https:// URL' }))
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null
    return !url || (!url.username && !url.password)
  }, 'Credentials in the URL are not allowed')

export const webhookCreateInput = z.object({
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  description: optionalText(500),
})
export type WebhookCreateInput = z.input<typeof webhookCreateInput>

export const webhookUpdateInput = z.object({
  id: idSchema,
  data: z.object({
    url: webhookUrlSchema.optional(),
    events: webhookEventsSchema.optional(),
    description: optionalText(500),
    isActive: z.boolean().optional(),
  }),
})
export type WebhookUpdateInput = z.input<typeof webhookUpdateInput>

export const webhookByIdInput = z.object({ id: idSchema })

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED'] as const

export const webhookDeliveriesInput = z.object({
  ...pageInput,
  webhookId: idSchema,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
})
export type WebhookDeliveriesInput = z.input<typeof webhookDeliveriesInput>

/** One delivery, or every failed delivery of a webhook created since a date. */
export const webhookReplayInput = z.union([
  z.object({ deliveryId: idSchema }).strict(),
  z.object({ webhookId: idSchema, since: z.coerce.date() }).strict(),
])
export type WebhookReplayInput = z.input<typeof webhookReplayInput>

export const webhookOnDeliveryInput = z.object({ webhookId: idSchema })
