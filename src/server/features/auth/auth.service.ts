import { createHash, randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import { Prisma, type PrismaClient } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import type { Cache } from '../../infra/cache.ts'
import type { Role } from '../../../shared/permissions.ts'
import type { LoginInput, PreferencesInput } from '../../../shared/schemas/auth.ts'
import { decoyPasswordHash, verifyPassword } from './password.ts'

export interface Viewer {
  id: string
  email: string
  name: string
  role: Role
  teamId: string | null
  teamName: string | null
  theme: string
  language: string
}

export type Credential =
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string; scope: 'READ' | 'READ_WRITE' }

export interface Authenticated {
  viewer: Viewer
  credential: Credential
}

// Brute-force limits: failures counted per account and per client address over a window.
const WINDOW_SECONDS = 15 * 60
const MAX_FAILURES_PER_ACCOUNT = 5
const MAX_FAILURES_PER_IP = 30
const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000
export const API_TOKEN_PREFIX = 'alf_'

const viewerSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  theme: true,
  language: true,
  isActive: true,
  team: { select: { name: true } },
} as const

type ViewerRow = {
  id: string
  email: string
  name: string
  role: Role
  teamId: string | null
  theme: string
  language: string
  team: { name: string } | null
}

/**
 * The viewer's columns for the per-request lookups below, which join session (or token), user and
 * team in one statement: through Prisma's nested selects they took three round trips per request.
 */
const VIEWER_COLUMNS = Prisma.sql`u.id, u.email, u.name, u.role::text AS role, u."teamId", u.theme, u.language, u."isActive", t.name AS "teamName"`

type ViewerRecord = Omit<ViewerRow, 'team'> & { isActive: boolean; teamName: string | null }

function viewerOf(record: ViewerRecord): Viewer {
  return toViewer({ ...record, team: record.teamName === null ? null : { name: record.teamName } })
}

export function toViewer(row: ViewerRow): Viewer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.teamId,
    teamName: row.team?.name ?? null,
    theme: row.theme,
    language: row.language,
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function createAuthService(deps: { prisma: PrismaClient; cache: Cache; config: Config }) {
  const { prisma, cache, config } = deps

  async function assertNotLimited(email: string, ip: string) {
    const [accountFailures, ipFailures] = await Promise.all([
      cache.get<number>(`login-failures:account:${email}`),
      cache.get<number>(`login-failures:ip:${ip}`),
    ])
    if ((accountFailures ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (ipFailures ?? 0) >= MAX_FAILURES_PER_IP) {
      throw new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts; try again in 15 minutes', {
        retryAfterSeconds: WINDOW_SECONDS,
      })
    }
  }

  async function recordFailure(email: string, ip: string) {
    await Promise.all([
      cache.increment(`login-failures:account:${email}`, WINDOW_SECONDS),
      cache.increment(`login-failures:ip:${ip}`, WINDOW_SECONDS),
    ])
  }

  return {
    /** Verifies the password and opens a fresh session; any session the client held is ended. */
    async login(input: LoginInput, client: { ip: string; userAgent?: string; previousToken?: string }) {
      await assertNotLimited(input.email, client.ip)
      const user = await prisma.user.findUnique({
        where: { email: input.email },
        select: { ...viewerSelect, passwordHash: true },
      })
      const valid = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyPassword(await decoyPasswordHash(), input.password)
      if (!user || !valid || !user.isActive) {
        await recordFailure(input.email, client.ip)
        throw new DomainError('UNAUTHENTICATED', 'Invalid email or password')
      }
      await cache.delete(`login-failures:account:${input.email}`)
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000)
      await prisma.$transaction([
        ...(client.previousToken
          ? [prisma.session.deleteMany({ where: { id: sha256(client.previousToken) } })]
          : []),
        prisma.session.create({
          data: {
            id: sha256(token),
            userId: user.id,
            expiresAt,
            ip: client.ip,
            userAgent: client.userAgent?.slice(0, 300),
          },
        }),
      ])
      return { token, expiresAt, sessionId: sha256(token), viewer: toViewer(user) }
    },

    async logout(sessionId: string) {
      await prisma.session.deleteMany({ where: { id: sessionId } })
    },

    async authenticateSession(token: string): Promise<Authenticated | null> {
      const sessionId = sha256(token)
      const [session] = await prisma.$queryRaw<Array<ViewerRecord & { expiresAt: Date; lastSeenAt: Date }>>`
        SELECT s."expiresAt", s."lastSeenAt", ${VIEWER_COLUMNS}
        FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Team" t ON t.id = u."teamId"
        WHERE s.id = ${sessionId}`
      if (!session || !session.isActive) return null
      if (session.expiresAt <= new Date()) {
        await prisma.session.deleteMany({ where: { id: sessionId } })
        return null
      }
      if (Date.now() - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date() } })
      }
      return { viewer: viewerOf(session), credential: { kind: 'session', sessionId } }
    },

    async authenticateToken(token: string): Promise<Authenticated | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null
      type TokenRecord = { tokenId: string; scope: 'READ' | 'READ_WRITE'; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null }
      const [apiToken] = await prisma.$queryRaw<Array<ViewerRecord & TokenRecord>>`
        SELECT a.id AS "tokenId", a.scope::text AS scope, a."expiresAt", a."revokedAt", a."lastUsedAt", ${VIEWER_COLUMNS}
        FROM "ApiToken" a JOIN "User" u ON u.id = a."userId" LEFT JOIN "Team" t ON t.id = u."teamId"
        WHERE a."tokenHash" = ${sha256(token)}`
      if (!apiToken || apiToken.revokedAt || !apiToken.isActive) return null
      if (apiToken.expiresAt && apiToken.expiresAt <= new Date()) return null
      if (!apiToken.lastUsedAt || Date.now() - apiToken.lastUsedAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
        await prisma.apiToken.update({ where: { id: apiToken.tokenId }, data: { lastUsedAt: new Date() } })
      }
      // A viewer's token is read-only whatever scope it was given (SPEC §3).
      const scope = apiToken.role === 'VIEWER' ? 'READ' : apiToken.scope
      return { viewer: viewerOf(apiToken), credential: { kind: 'token', tokenId: apiToken.tokenId, scope } }
    },

    async updatePreferences(userId: string, input: PreferencesInput): Promise<Viewer> {
      const user = await prisma.user.update({
        where: { id: userId },
        data: { theme: input.theme, language: input.language },
        select: viewerSelect,
      })
      return toViewer(user)
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
