import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseCookie, serialize as serializeCookie } from 'cookie'
import type { WebSocket } from 'ws'
import type { Config } from '../config.ts'
import type { PrismaClient } from '../db/client.ts'
import type { SqlClient } from '../db/sql.ts'
import type { AuthService, Authenticated } from '../features/auth/auth.service.ts'
import type { Bus } from '../infra/bus.ts'
import type { Cache } from '../infra/cache.ts'
import type { ReadCache } from '../cache/read-cache.ts'
import type { Logger } from '../logger.ts'
import type { EventDispatcher } from '../events/dispatcher.ts'
import type { LiveFeed } from '../events/live-feed.ts'
import type { ConnectionRegistry } from '../realtime/connections.ts'
import type { WebhookRuntime } from '../features/webhook/webhook.service.ts'

export const SESSION_COOKIE = 'alforis_session'
/** Behind HTTPS the cookie is `__Host-` prefixed: Secure, host-only, path / (no subdomain can set it). */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`

export function sessionCookieName(config: Pick<Config, 'COOKIE_SECURE'>): string {
  return config.COOKIE_SECURE ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

/** Between the password and the second factor: names a pending sign-in, which is not a session. */
export const SECOND_FACTOR_COOKIE = 'alforis_second_factor'

export function secondFactorCookieName(config: Pick<Config, 'COOKIE_SECURE'>): string {
  return config.COOKIE_SECURE ? `__Host-${SECOND_FACTOR_COOKIE}` : SECOND_FACTOR_COOKIE
}

/** Long-lived dependencies, built once by the composition root. */
export interface ServerDeps {
  config: Config
  logger: Logger
  prisma: PrismaClient
  /** Bare connections for the hot reads written in SQL (db/sql.ts). */
  sql: SqlClient
  /** The database's connection URL (DATABASE_URL, or the embedded server's): for tools such as pg_dump. */
  databaseUrl: string
  bus: Bus
  cache: Cache
  /** The exact cache of hot reads (cache/read-cache.ts). */
  readCache: ReadCache
  auth: AuthService
  connections: ConnectionRegistry
  dispatcher: EventDispatcher
  liveFeed: LiveFeed
  webhooks: WebhookRuntime
}

export interface Context extends ServerDeps {
  auth: AuthService
  session: Authenticated | null
  client: { ip: string; userAgent?: string }
  transport: 'http' | 'ws'
  /** Raw cookie value presented by the browser, if any. */
  sessionToken?: string
  /** Raw value of the pending sign-in cookie (password given, second factor awaited), if any. */
  secondFactorToken?: string
  setSessionCookie(token: string, expiresAt: Date): void
  clearSessionCookie(): void
  setSecondFactorCookie(token: string, expiresAt: Date): void
  clearSecondFactorCookie(): void
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for']
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0].trim()
  return req.socket.remoteAddress ?? 'unknown'
}

/** The session and pending sign-in cookies a request presents, from one parse of its header. */
export function readCookieTokens(
  req: IncomingMessage,
  config: Pick<Config, 'COOKIE_SECURE'>,
): { sessionToken?: string; secondFactorToken?: string } {
  const header = req.headers.cookie
  if (!header) return {}
  const cookies = parseCookie(header)
  return { sessionToken: cookies[sessionCookieName(config)], secondFactorToken: cookies[secondFactorCookieName(config)] }
}

export function readSessionToken(req: IncomingMessage, config: Pick<Config, 'COOKIE_SECURE'>): string | undefined {
  return readCookieTokens(req, config).sessionToken
}

export function readBearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  return match?.[1]
}

/** Resolves who is calling: API token first (explicit), then the session cookie. */
export async function authenticateRequest(
  auth: AuthService,
  credentials: { bearer?: string; sessionToken?: string },
): Promise<Authenticated | null> {
  if (credentials.bearer) return auth.authenticateToken(credentials.bearer)
  if (credentials.sessionToken) return auth.authenticateSession(credentials.sessionToken)
  return null
}

/** One createContext for HTTP and WebSocket (tRPC builds the latter once per connection). */
export function createContextFactory(deps: ServerDeps) {
  return async (opts: {
    req: IncomingMessage
    res: ServerResponse | WebSocket
    info: { connectionParams?: Record<string, string | undefined> | null }
  }): Promise<Context> => {
    const { req, res } = opts
    const transport = 'setHeader' in res ? 'http' : 'ws'
    const { sessionToken, secondFactorToken } = readCookieTokens(req, deps.config)
    const bearer = readBearerToken(req) ?? opts.info.connectionParams?.token ?? undefined
    const session = await authenticateRequest(deps.auth, { bearer, sessionToken })
    if (transport === 'ws' && session) {
      // Contexts live as long as the socket: track it so logout or a role change closes it.
      const socket = res as WebSocket
      const untrack = deps.connections.track({
        userId: session.viewer.id,
        sessionId: session.credential.kind === 'session' ? session.credential.sessionId : undefined,
        tokenId: session.credential.kind === 'token' ? session.credential.tokenId : undefined,
        close: () => socket.close(4001, 'session ended'),
      })
      socket.once('close', untrack)
    }
    const cookieBase = {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: deps.config.COOKIE_SECURE,
    }
    const appendCookie = (value: string) => {
      if (!('setHeader' in res)) throw new Error('Cookies can only be set over HTTP')
      const existing = res.getHeader('Set-Cookie')
      const cookies = Array.isArray(existing) ? existing : existing ? [String(existing)] : []
      res.setHeader('Set-Cookie', [...cookies, value])
    }
    // The dependencies are listed, not spread: V8 builds `{ ...deps, more }` slowly (~10 µs, as
    // much as the rest of the context), a literal of fixed shape at once.
    return {
      config: deps.config,
      logger: deps.logger,
      prisma: deps.prisma,
      sql: deps.sql,
      databaseUrl: deps.databaseUrl,
      bus: deps.bus,
      cache: deps.cache,
      readCache: deps.readCache,
      auth: deps.auth,
      connections: deps.connections,
      dispatcher: deps.dispatcher,
      liveFeed: deps.liveFeed,
      webhooks: deps.webhooks,
      session,
      client: { ip: clientAddress(req, deps.config.TRUST_PROXY), userAgent: req.headers['user-agent'] },
      transport,
      sessionToken,
      secondFactorToken,
      setSecondFactorCookie(token, expiresAt) {
        appendCookie(serializeCookie(secondFactorCookieName(deps.config), token, { ...cookieBase, sameSite: 'strict', expires: expiresAt }))
      },
      clearSecondFactorCookie() {
        appendCookie(serializeCookie(secondFactorCookieName(deps.config), '', { ...cookieBase, sameSite: 'strict', expires: new Date(0) }))
      },
      setSessionCookie(token, expiresAt) {
        appendCookie(serializeCookie(sessionCookieName(deps.config), token, { ...cookieBase, expires: expiresAt }))
      },
      clearSessionCookie() {
        appendCookie(serializeCookie(sessionCookieName(deps.config), '', { ...cookieBase, expires: new Date(0) }))
      },
    }
  }
}
