import type { IncomingMessage } from 'node:http'

/**
 * Browsers always send Origin on WebSocket handshakes and cross-site requests; it must name this
 * server (its Host) or a configured origin. Non-browser clients send none and authenticate with
 * API tokens instead, which a hostile page cannot read.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  if (allowedOrigins.includes(origin)) return true
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}
