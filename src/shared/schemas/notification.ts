import { z } from 'zod'
import { idSchema, pageInput } from './common.ts'
import { lastEventIdSchema } from './pipeline.ts'

export const notificationListInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().default(false),
})
export type NotificationListInput = z.input<typeof notificationListInput>

export const notificationMarkReadInput = z.object({ ids: z.array(idSchema).min(1).max(200) })

export const notificationOnNewInput = z.object({ lastEventId: lastEventIdSchema }).optional()
