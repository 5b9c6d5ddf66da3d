import { createHash, randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import { createAesGcmBox, keyFromFile, type SecretBox } from '../../infra/secret-box.ts'

// Webhook signing secrets: `whsec_` + base64 of 32 random bytes (Standard Webhooks). The database
// holds them encrypted (AES-256-GCM) with a key that lives outside it, so a database dump does not
// let anyone forge our calls, and no API answer contains a secret after the one that created it.

export const SECRET_PREFIX = 'whsec_'
const SECRET_BYTES = 32

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64')
}

/** The raw HMAC key of a `whsec_…` secret. */
export function secretKeyBytes(secret: string): Buffer {
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
}

export type { SecretBox }

/** Encrypts with WEBHOOK_SECRET_KEY, or with a random key kept in WEBHOOK_SECRET_KEY_FILE (created on first use). */
export function createSecretBox(config: Pick<Config, 'WEBHOOK_SECRET_KEY' | 'WEBHOOK_SECRET_KEY_FILE'>): SecretBox {
  return createAesGcmBox(createHash('sha256').update(config.WEBHOOK_SECRET_KEY ?? keyFromFile(config.WEBHOOK_SECRET_KEY_FILE, 'WEBHOOK_SECRET_KEY')).digest())
}

