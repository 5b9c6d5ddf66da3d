import type { Config } from '../config.ts'

/** Where index.html's <meta name="csp-nonce"> carries the page's nonce (static.ts fills it in). */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__'

/**
 * The Content-Security-Policy (ASVS V3.4.3). Only this origin's files run: the built client has no
 * inline script (the theme is applied by /theme-init.js), and no eval (Zod runs jitless). tRPC's
 * WebSocket and Socket.IO connect back to this origin ('self' covers ws:/wss: of the same host); the
 * browser's Sentry reporting adds its DSN's origin when configured.
 *
 * Styles: <style> elements only from this origin or carrying the page's nonce (the notes editor,
 * CodeMirror, writes its theme into one: `EditorView.cspNonce`); style *attributes* are allowed,
 * as the notes' remote cursors are coloured with them (y-codemirror) — they cannot load anything
 * (img-src applies) nor use selectors.
 */
export function contentSecurityPolicy(config: Config, nonce?: string): string {
  const sentryDsn = config.SENTRY_BROWSER_DSN ?? config.SENTRY_DSN
  const connect = ["'self'", ...(sentryDsn ? [new URL(sentryDsn).origin] : [])]
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(config.COOKIE_SECURE ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/**
 * Headers sent with every response (ASVS V3.4). Responses that must be stricter (file downloads)
 * or carry a nonce (index.html) set their own Content-Security-Policy, which replaces this one.
 */
export function securityHeaders(config: Config): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config),
    'X-Content-Type-Options': 'nosniff',
    // Older browsers that ignore frame-ancestors.
    'X-Frame-Options': 'DENY',
    // Record ids in URLs stay on this site.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy':
      'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Only when served over HTTPS (secure cookies say so): a year, as the HSTS preload list asks.
    ...(config.COOKIE_SECURE ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/** Browsers sending a request started by another site; non-browser clients send neither header. */
export function isCrossSite(headers: { 'sec-fetch-site'?: string | string[] }): boolean {
  return headers['sec-fetch-site'] === 'cross-site'
}
