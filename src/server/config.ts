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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ID: z.string().min(1).optional(),
  /** Behind a load balancer: take the client address from X-Forwarded-For (for rate limits, logs). */
  TRUST_PROXY: booleanFlag.default(false),
  /** How often each node looks for tasks falling due (the claim makes it fire once overall). */
  DUE_TASK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Secure cookies need HTTPS; on by default in production behind TLS. */
  COOKIE_SECURE: booleanFlag.default(false),
  STATIC_DIR: z.string().default(path.resolve('dist/client')),
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
