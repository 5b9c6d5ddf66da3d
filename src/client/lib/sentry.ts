// Sentry stays off (and out of the initial bundle) unless a DSN is configured at build time.
let capture: ((error: unknown) => void) | undefined

export async function initSentry(): Promise<void> {
  const dsn = import.meta.env.VITE_SENTRY_DSN
  if (!dsn) return
  const { init, captureException } = await import('@sentry/react')
  init({
    dsn,
    environment: import.meta.env.VITE_SENTRY_ENVIRONMENT ?? import.meta.env.MODE,
    release: import.meta.env.VITE_SENTRY_RELEASE,
  })
  capture = (error) => captureException(error)
}

export function reportError(error: unknown): void {
  capture?.(error)
}
