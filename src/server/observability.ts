import { TRPCError } from '@trpc/server'
import type { ErrorEvent, EventHint } from '@sentry/node'
import type { Config } from './config.ts'
import { currentCorrelationId } from './correlation.ts'
import type { Logger } from './logger.ts'

type Sentry = typeof import('@sentry/node')
let sentry: Sentry | undefined
let nodeId = 'unknown'

/** Answers to the caller's own request: answered to them, never reported. */
const EXPECTED_CODES = new Set<TRPCError['code']>([
  'BAD_REQUEST',
  'PARSE_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
  'TOO_MANY_REQUESTS',
  'CLIENT_CLOSED_REQUEST',
])

/** Keys whose values never leave the server: passwords, cookies, tokens, secrets (webhooks, TOTP…). */
const SENSITIVE_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|session|api[-_]?key|dsn|totp|recovery/i
const SCRUBBED = '[scrubbed]'

export function releaseName(config: Pick<Config, 'SENTRY_RELEASE'>): string {
  return config.SENTRY_RELEASE ?? `alforis-crm@${process.env.npm_package_version ?? '0.1.0'}`
}

/** Sentry stays off (and unloaded) unless SENTRY_DSN is set. */
export async function initObservability(config: Config, logger: Logger): Promise<void> {
  if (!config.SENTRY_DSN) return
  sentry = await import('@sentry/node')
  nodeId = config.nodeId
  sentry.init({
    dsn: config.SENTRY_DSN,
    environment: config.NODE_ENV,
    release: releaseName(config),
    serverName: config.nodeId,
    tracesSampleRate: 0,
    // The server sets up its own handlers and request scopes; Sentry's automatic ones would double up.
    defaultIntegrations: false,
    // No dedupe: each failed request is its own occurrence with its own correlation id, the one the
    // user is shown; deduping a retry's identical error would leave that id with no event.
    integrations: [sentry.linkedErrorsIntegration()],
    initialScope: { tags: { node: config.nodeId } },
    beforeSend: (event, hint) => (isExpected(hint) ? null : scrubEvent(event)),
    beforeBreadcrumb: (breadcrumb) => scrubValue(breadcrumb) as typeof breadcrumb,
  })
  logger.info('Sentry error reporting enabled')
}

function isExpected(hint: EventHint): boolean {
  const error = hint.originalException
  return error instanceof TRPCError && EXPECTED_CODES.has(error.code)
}

export function scrubEvent(event: ErrorEvent): ErrorEvent {
  const correlationId = event.tags?.correlationId
  const scrubbed = scrubValue(event) as ErrorEvent
  if (scrubbed.request) {
    delete scrubbed.request.cookies
    delete scrubbed.request.data
  }
  if (correlationId) scrubbed.tags = { ...scrubbed.tags, correlationId }
  return scrubbed
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (depth > 12 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SENSITIVE_KEY.test(key) ? SCRUBBED : scrubValue(inner, depth + 1)]),
  )
}

export interface ReportContext {
  /** Where it happened: a procedure path, a socket event, a job name. */
  source?: string
  userId?: string
  teamId?: string | null
  [key: string]: unknown
}

/** Reports an unexpected error (never a user's bad input, which is answered, not raised). */
export function reportError(error: unknown, context: ReportContext = {}): void {
  if (!sentry) return
  const { source, userId, teamId, ...extra } = context
  const correlationId = currentCorrelationId()
  sentry.withScope((scope) => {
    if (source) scope.setTag('source', source)
    if (userId) scope.setUser({ id: userId })
    if (teamId) scope.setTag('team', teamId)
    if (correlationId) scope.setTag('correlationId', correlationId)
    scope.setExtras(extra)
    sentry!.captureException(error)
  })
}

interface ProcedureCall<T> {
  path: string
  type: string
  next: () => Promise<T>
  getRawInput: () => Promise<unknown>
  viewer?: { id: string; teamId: string | null } | null
}

/**
 * Sentry's tRPC middleware around one call, in its own scope carrying who called what: unexpected
 * errors become one event each (expected codes are dropped in `beforeSend`).
 */
export function observeProcedure<T>(call: ProcedureCall<T>): Promise<T> {
  const active = sentry
  if (!active) return call.next()
  return active.withIsolationScope((scope) => {
    scope.setTag('procedure', call.path)
    scope.setTag('node', nodeId)
    const correlationId = currentCorrelationId()
    if (correlationId) scope.setTag('correlationId', correlationId)
    if (call.viewer) {
      scope.setUser({ id: call.viewer.id })
      if (call.viewer.teamId) scope.setTag('team', call.viewer.teamId)
    }
    const middleware = active.trpcMiddleware({ attachRpcInput: false })
    return middleware({ path: call.path, type: call.type, next: call.next, getRawInput: call.getRawInput }) as Promise<T>
  })
}

export async function flushObservability(): Promise<void> {
  await sentry?.flush(2_000)
}
