import path from 'node:path'
import { z } from 'zod'

// Environment parsed once at start-up. Absent DATABASE_URL / REDIS_URL select the embedded default.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Namespaces every Redis key, channel and stream, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]+$/, 'letters, digits and : . _ - only').default('alforis:'),
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  EMBEDDED_PG_DIR: z.string().default(path.resolve('.data/postgres')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Comma-separated origins allowed for browser WebSocket and Socket.IO handshakes. */
  ALLOWED_ORIGINS: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 7),
  SEED_DEMO: booleanFlag.default(true),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo1234'),
  SENTRY_DSN: z.url().optional(),
  /** The DSN the browser reports to (defaults to SENTRY_DSN); served at /client-config.json. */
  SENTRY_BROWSER_DSN: z.url().optional(),
  /** Names the deployed version in Sentry events (defaults to alforis-crm@<package version>). */
  SENTRY_RELEASE: z.string().min(1).optional(),
  /** Automatic backups every N hours (0 or unset: off); one node takes each (see docs/operations.md). */
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(0),
  BACKUP_DIR: z.string().default(path.resolve('backups')),
  /** How many automatic backups to keep (the newest). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** V8's old-space growth past the live data before a full collection, in percent (heap-policy.ts); 0: V8's own. */
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(20),
  NODE_ID: z.string().min(1).optional(),
  /** Behind a load balancer: take the client address from X-Forwarded-For (for rate limits, logs). */
  TRUST_PROXY: booleanFlag.default(false),
  /** How often each node looks for tasks falling due (the claim makes it fire once overall). */
  DUE_TASK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Secure cookies need HTTPS; on by default in production behind TLS. */
  COOKIE_SECURE: booleanFlag.default(false),
  STATIC_DIR: z.string().default(path.resolve('dist/client')),
  /** Webhooks may call private, loopback and link-local addresses (intranets, tests). Off by default (SSRF). */
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  /** Delays before each retry of a failed webhook delivery, in seconds (Standard Webhooks' schedule). */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'comma-separated seconds')
    .default('5,300,1800,7200,18000,36000,50400,72000,86400')
    .transform((value) => value.split(',').map((seconds) => Number(seconds) * 1000)),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** An endpoint failing for this long is disabled and the admins are notified (5 days). */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce.number().positive().default(5 * 24 * 3600),
  /** Encrypts webhook secrets at rest (32+ characters; same on every node). Unset: a key file beside the data. */
  WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBHOOK_SECRET_KEY_FILE: z.string().default(path.resolve('.data/webhook-secret.key')),
  /**
   * Encrypts two-factor secrets at rest (32+ characters; the same on every node; never change it once
   * users have enrolled). Required in production; development and tests use a fixed, public key.
   */
  TOTP_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where the embedded default keeps a generated TOTP key when TOTP_ENCRYPTION_KEY is not set. */
  TOTP_ENCRYPTION_KEY_FILE: z.string().default(path.resolve('.data/totp-secret.key')),
})

export type Config = z.infer<typeof envSchema> & { nodeId: string; allowedOrigins: string[] }

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as shells and compose files often produce them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`)
  }
  const config = parsed.data
  return {
    ...config,
    nodeId: config.NODE_ID ?? `node-${process.pid}`,
    allowedOrigins: (config.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  }
}

/**
 * What a production deployment refuses to start without (tools such as backups and migrations do not
 * need it): the key of two-factor secrets, the same on every node. The embedded default (no
 * DATABASE_URL: one node, its data in `.data/`) generates one beside its data instead, so that the
 * README's first command works on a fresh machine.
 */
export function assertServerSecrets(config: Pick<Config, 'NODE_ENV' | 'TOTP_ENCRYPTION_KEY' | 'DATABASE_URL'>): void {
  if (config.NODE_ENV === 'production' && config.DATABASE_URL && !config.TOTP_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid environment:\n  TOTP_ENCRYPTION_KEY: required in production with an external DATABASE_URL (32+ random characters, e.g. `openssl rand -base64 32`, the same on every node; see docs/operations.md)',
    )
  }
}
