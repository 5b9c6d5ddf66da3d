import type { Config } from './config.ts'
import type { Logger } from './logger.ts'

type Sentry = typeof import('@sentry/node')
let sentry: Sentry | undefined

/** Sentry stays off (and unloaded) unless SENTRY_DSN is set. */
export async function initObservability(config: Config, logger: Logger): Promise<void> {
  if (!config.SENTRY_DSN) return
  sentry = await import('@sentry/node')
  sentry.init({ dsn: config.SENTRY_DSN, environment: config.NODE_ENV, serverName: config.nodeId, tracesSampleRate: 0 })
  logger.info('Sentry error reporting enabled')
}

/** Reports an unexpected error (never a user's bad input, which is answered, not raised). */
export function reportError(error: unknown, context: Record<string, unknown> = {}): void {
  sentry?.captureException(error, { extra: context })
}

export async function flushObservability(): Promise<void> {
  await sentry?.flush(2_000)
}
