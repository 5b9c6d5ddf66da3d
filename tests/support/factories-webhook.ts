import type { PrismaClient } from '../../src/server/db/client.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createSecretBox, generateWebhookSecret } from '../../src/server/features/webhook/webhook.secrets.ts'

/**
 * A webhook written straight to the database, its secret sealed with the key an in-process test
 * server uses by default (same key file). The default URL is a reserved address (TEST-NET-1): a
 * server without WEBHOOK_ALLOW_PRIVATE refuses to connect to it, at once.
 */
export async function makeWebhook(prisma: PrismaClient, data: { url?: string; events?: string[]; isActive?: boolean } = {}) {
  const secret = generateWebhookSecret()
  const row = await prisma.webhook.create({
    data: {
      url: data.url ?? 'http://192.0.2.1/hook',
      events: data.events ?? ['organisation.*'],
      secret: createSecretBox(loadConfig({})).seal(secret),
      isActive: data.isActive ?? true,
    },
  })
  return { row, secret }
}

export async function makeWebhookDelivery(prisma: PrismaClient, webhookId: string, status: 'FAILED' | 'SUCCEEDED' = 'FAILED') {
  return prisma.webhookDelivery.create({
    data: { webhookId, eventType: 'organisation.created', status, payload: { type: 'organisation.created', timestamp: new Date().toISOString(), data: {} } },
  })
}
