import { TRPCClientError } from '@trpc/client'
import type { AnyRouter } from '@trpc/server'

// Sentry stays off (and out of the initial bundle) unless a DSN is configured: at build time
// (VITE_SENTRY_DSN) or by the server at run time (SENTRY_BROWSER_DSN or SENTRY_DSN → /client-config.json).
// No inline script is involved: the configuration is fetched as JSON (CSP-friendly).
let capture: ((error: unknown) => void) | undefined

interface ClientConfig {
  sentry: { dsn: string; release: string; environment: string } | null
}

async function runtimeConfig(): Promise<ClientConfig['sentry']> {
  try {
    const response = await fetch('/client-config.json', { headers: { accept: 'application/json' } })
    return response.ok ? ((await response.json()) as ClientConfig).sentry : null
  } catch {
    return null
  }
}

/**
 * An API error reached the user as a message on screen; if the server failed unexpectedly it has
 * reported it already (with the same correlation id), so the browser does not report it again.
 */
export function isAnsweredApiError(error: unknown): boolean {
  return error instanceof TRPCClientError && (error as TRPCClientError<AnyRouter>).data != null
}

export async function initSentry(router: Parameters<typeof import('@sentry/react').tanstackRouterBrowserTracingIntegration>[0]): Promise<void> {
  const built = import.meta.env.VITE_SENTRY_DSN
  const served = built ? null : await runtimeConfig()
  const dsn = built ?? served?.dsn
  if (!dsn) return
  const Sentry = await import('@sentry/react')
  Sentry.init({
    dsn,
    environment: import.meta.env.VITE_SENTRY_ENVIRONMENT ?? served?.environment ?? import.meta.env.MODE,
    release: import.meta.env.VITE_SENTRY_RELEASE ?? served?.release,
    // Navigations as breadcrumbs and route names on events; no performance sampling.
    integrations: [Sentry.tanstackRouterBrowserTracingIntegration(router)],
    tracesSampleRate: 0,
    beforeSend: (event, hint) => (isAnsweredApiError(hint.originalException) ? null : event),
  })
  capture = (error) => Sentry.captureException(error)
}

export function reportError(error: unknown): void {
  if (isAnsweredApiError(error)) return
  capture?.(error)
}
