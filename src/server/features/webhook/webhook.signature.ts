import { createHmac } from 'node:crypto'
import { secretKeyBytes } from './webhook.secrets.ts'

/** The `webhook-id` of a delivery: the same on every attempt, so receivers can drop duplicates. */
export function messageId(deliveryId: string): string {
  return `msg_${deliveryId}`
}

/**
 * Standard Webhooks headers for one attempt: a fresh timestamp, and one `v1,<base64 HMAC-SHA256>`
 * of `{id}.{timestamp}.{body}` per secret, space-separated (the new secret and, for a day after a
 * rotation, the old one).
 */
export function signedHeaders(id: string, body: string, secrets: string[], now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000).toString()
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', secretKeyBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`,
  )
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  }
}
