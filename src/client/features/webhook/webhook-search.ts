import { z } from 'zod'
import { idSchema } from '../../../shared/schemas/common.ts'

/** The /webhooks address: which webhook's delivery log is open, so a link (a notification) lands on it. */
export const webhookSearch = z.object({
  webhook: idSchema.optional().catch(undefined),
})
export type WebhookSearch = z.infer<typeof webhookSearch>
