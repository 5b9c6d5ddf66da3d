import { createHash, randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import { Prisma, type PrismaClient } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import type { Cache } from '../../infra/cache.ts'
import type { ReadCache } from '../../cache/read-cache.ts'
import { GLOBAL_SCOPE } from '../../cache/invalidation.ts'
import type { Role } from '../../../shared/permissions.ts'
import type { LoginInput, PreferencesInput } from '../../../shared/schemas/auth.ts'
import { notify } from '../notification/notification.projector.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import { passwordVerdict } from '../../../shared/password-strength.ts'
import type { ChangePasswordInput } from '../../../shared/schemas/auth.ts'
import { createLoginThrottle } from './login-throttle.ts'
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.ts'
import { createTwoFactor, type SecondFactor } from './two-factor.ts'

export interface Viewer {
  id: string
  email: string
  name: string
  role: Role
  teamId: string | null
  teamName: string | null
  theme: string
  language: string
  /** The colour chosen for the user's initials, or null for the one derived from the id. */
  avatarColor: string | null
  /** An admin chose the password: nothing but choosing one's own is allowed until then. */
  mustChangePassword?: boolean
  twoFactorEnabled?: boolean
  /** The user's role must sign in with a second factor and they have none yet: enrolling comes first. */
  mustEnrolTwoFactor?: boolean
}

export type Credential =
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string; scope: 'READ' | 'READ_WRITE' }

export interface Authenticated {
  viewer: Viewer
  credential: Credential
}

const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000
/** Between the password and the second factor: this long, and this many wrong codes, then the password again. */
export const SECOND_FACTOR_WINDOW_SECONDS = 5 * 60
export const SECOND_FACTOR_ATTEMPTS = 5
export const API_TOKEN_PREFIX = 'alf_'

/** The user columns a Viewer is made of (settings add their own to it). */
export const viewerSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  theme: true,
  language: true,
  avatarColor: true,
  isActive: true,
  mustChangePassword: true,
  totpEnabledAt: true,
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
  avatarColor: string | null
  mustChangePassword?: boolean
  totpEnabledAt?: Date | null
  mustEnrolTwoFactor?: boolean
  team: { name: string } | null
}

/**
 * The viewer's columns for the per-request lookups below, which join session (or token), user and
 * team in one statement: through Prisma's nested selects they took three round trips per request.
 */
const VIEWER_COLUMNS = Prisma.sql`u.id, u.email, u.name, u.role::text AS role, u."teamId", u.theme, u.language, u."avatarColor", u."isActive", u."mustChangePassword", u."totpEnabledAt", t.name AS "teamName",
  (u."totpEnabledAt" IS NULL AND u.role = ANY(COALESCE((SELECT p."twoFactorRoles" FROM "SecurityPolicy" p WHERE p.id = 1), ARRAY[]::"UserRole"[]))) AS "mustEnrolTwoFactor"`

type ViewerFields = Omit<ViewerRow, 'team'>
type ViewerRecord = ViewerFields & { isActive: boolean; teamName: string | null }

/** A viewer from a user row read through Prisma (its team nested). */
export function toViewer(row: ViewerRow): Viewer {
  return viewerFrom(row, row.team?.name ?? null)
}

/** Every request's viewer, from its credential's row read in SQL (its team's name flat). */
function viewerOf(record: ViewerRecord): Viewer {
  return viewerFrom(record, record.teamName)
}

function viewerFrom(fields: ViewerFields, teamName: string | null): Viewer {
  return {
    id: fields.id,
    email: fields.email,
    name: fields.name,
    role: fields.role,
    teamId: fields.teamId,
    teamName,
    theme: fields.theme,
    language: fields.language,
    avatarColor: fields.avatarColor,
    mustChangePassword: fields.mustChangePassword ?? false,
    twoFactorEnabled: Boolean(fields.totpEnabledAt),
    mustEnrolTwoFactor: fields.mustEnrolTwoFactor ?? false,
  }
}

/** "Firefox sur Windows"-like label, in English words: browser and system from the user agent. */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? ''
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : ua
              ? ua.split(/[\s/]/)[0].slice(0, 40)
              : 'Unknown browser'
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : ''
  return system ? `${browser} (${system})` : browser
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function createAuthService(deps: { prisma: PrismaClient; cache: Cache; config: Config; readCache?: ReadCache }) {
  const { prisma, cache, config, readCache } = deps

  /**
   * Every request's credential lookup, through the read cache when there is one: exact, because any
   * change to a user, team, session or token appends an event that bumps the global generation
   * after its commit (a sign-out and a revocation included), so it takes effect at once on every node.
   */
  function lookup<T>(name: string, key: string, read: () => Promise<T | null>): Promise<T | null> {
    return readCache ? readCache.readGlobal(name, key, read) : read()
  }

  /** When a session or token was last marked as used, by this node: at most one write per interval. */
  const touched = new Map<string, number>()
  function dueForTouch(id: string, lastSeen: Date | null): boolean {
    const last = Math.max(lastSeen?.getTime() ?? 0, touched.get(id) ?? 0)
    if (Date.now() - last <= SESSION_TOUCH_INTERVAL_MS) return false
    if (touched.size >= 10_000) touched.clear()
    touched.set(id, Date.now())
    return true
  }

  const throttle = createLoginThrottle(cache)
  const twoFactor = createTwoFactor({ prisma, cache, config })

  /** A failed attempt: counted, written to the log, and the owner told when it locks the account. */
  async function failSignIn(email: string, userId: string | null, client: { ip: string; userAgent?: string }, reason: string) {
    const { accountFailures, lockedNow } = await throttle.fail(email, client.ip)
    await prisma.$transaction(async (tx) => {
      if (lockedNow && userId) {
        await notify(tx, [
          {
            type: 'SECURITY',
            recipientIds: [userId],
            link: '/settings/security',
            params: { kind: 'locked', failures: String(accountFailures) },
            eventId: null,
            actorId: null,
          },
        ])
      }
      await recordSecurityEvent(tx, {
        action: lockedNow ? 'account_locked' : 'login_failed',
        userId,
        ip: client.ip,
        userAgent: client.userAgent,
        details: { email, reason },
      })
    })
  }

  /** Opens a session for a user who proved who they are (password, and the second factor when on). */
  async function openSession(
    user: ViewerRow & { id: string; email: string },
    client: { ip: string; userAgent?: string; previousToken?: string },
    secondFactor: 'totp' | 'recovery_code' | null,
  ) {
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000)
    const fingerprint = sha256(client.userAgent ?? '')
    const device = describeDevice(client.userAgent)
    const mustEnrolTwoFactor = await prisma.$transaction(async (tx) => {
      if (client.previousToken) await tx.session.deleteMany({ where: { id: sha256(client.previousToken) } })
      await tx.session.create({
        data: { id: sha256(token), userId: user.id, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) },
      })
      // One statement, so two sign-ins of the same browser at once (two tabs) cannot collide.
      const [seen] = await tx.$queryRaw<Array<{ inserted: boolean }>>`
        INSERT INTO "UserDevice" (id, "userId", fingerprint, "userAgent")
        VALUES (gen_random_uuid(), ${user.id}::uuid, ${fingerprint}, ${client.userAgent?.slice(0, 300) ?? null})
        ON CONFLICT ("userId", fingerprint) DO UPDATE SET "lastSeenAt" = now()
        RETURNING (xmax = 0) AS inserted`
      // The very first sign-in of an account is not news to its owner.
      const newDevice =
        seen.inserted && (await tx.userDevice.count({ where: { userId: user.id, fingerprint: { not: fingerprint } } })) > 0
      if (newDevice) {
        await notify(tx, [
          {
            type: 'SECURITY',
            recipientIds: [user.id],
            link: '/settings/security',
            params: { kind: 'new_device', device, ip: client.ip },
            eventId: null,
            actorId: null,
          },
        ])
      }
      await recordSecurityEvent(tx, {
        action: newDevice ? 'new_device' : 'login_succeeded',
        userId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        details: { email: user.email, device, ...(secondFactor ? { secondFactor } : {}) },
      })
      const policy = await tx.securityPolicy.findUnique({ where: { id: 1 }, select: { twoFactorRoles: true } })
      return !user.totpEnabledAt && (policy?.twoFactorRoles.includes(user.role) ?? false)
    })
    return { kind: 'session' as const, token, expiresAt, sessionId: sha256(token), viewer: toViewer({ ...user, mustEnrolTwoFactor }) }
  }

  const pendingKey = (pendingToken: string) => `second-factor-pending:${sha256(pendingToken)}`
  type PendingSignIn = { userId: string; attempts: number; expiresAt: number }

  return {
    twoFactor,

    /**
     * Verifies the password. Without two-factor sign-in it opens a fresh session (any session the
     * client held is ended); with it, it only opens a short-lived pending sign-in that the second
     * step (`completeSignIn`) turns into a session.
     */
    async login(input: LoginInput, client: { ip: string; userAgent?: string; previousToken?: string }) {
      await throttle.check(input.email, client.ip)
      const user = await prisma.user.findUnique({
        where: { email: input.email },
        select: { ...viewerSelect, passwordHash: true },
      })
      // An unknown address costs the same hash, the same counters and the same log write.
      const valid = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyPassword(await decoyPasswordHash(), input.password)
      if (!user || !valid || !user.isActive) {
        await failSignIn(input.email, user?.id ?? null, client, !user ? 'unknown_account' : !valid ? 'wrong_password' : 'inactive')
        throw new DomainError('UNAUTHENTICATED', 'Invalid email or password')
      }
      await throttle.succeed(input.email, client.ip)
      if (user.totpEnabledAt) {
        const pendingToken = randomBytes(32).toString('base64url')
        const expiresAt = Date.now() + SECOND_FACTOR_WINDOW_SECONDS * 1000
        await cache.set(pendingKey(pendingToken), { userId: user.id, attempts: 0, expiresAt } satisfies PendingSignIn, SECOND_FACTOR_WINDOW_SECONDS)
        return { kind: 'second_factor' as const, pendingToken, expiresAt: new Date(expiresAt) }
      }
      return openSession(user, client, null)
    },

    /**
     * The sign-in's second step: a code from the app or a recovery code, within 5 minutes of the
     * password and 5 tries; then the password again.
     */
    async completeSignIn(pendingToken: string, factor: SecondFactor, client: { ip: string; userAgent?: string; previousToken?: string }) {
      const key = pendingKey(pendingToken)
      const pending = await cache.get<PendingSignIn>(key)
      const user = pending
        ? await prisma.user.findUnique({ where: { id: pending.userId }, select: viewerSelect })
        : null
      if (!pending || !user || !user.isActive || pending.expiresAt <= Date.now()) {
        await cache.delete(key)
        throw new DomainError('UNAUTHENTICATED', 'The sign-in expired: enter your password again', { reason: 'second_factor_expired' })
      }
      let kind: 'totp' | 'recovery_code'
      try {
        kind = await twoFactor.verifySignIn(user, factor, client.ip)
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID') {
          const attempts = pending.attempts + 1
          if (attempts >= SECOND_FACTOR_ATTEMPTS) await cache.delete(key)
          else await cache.set(key, { ...pending, attempts }, Math.max(1, Math.ceil((pending.expiresAt - Date.now()) / 1000)))
          await prisma.$transaction((tx) =>
            recordSecurityEvent(tx, {
              action: 'second_factor_failed',
              userId: user.id,
              ...client,
              details: { email: user.email, method: 'recoveryCode' in factor ? 'recovery_code' : 'totp', attempts },
            }),
          )
          if (attempts >= SECOND_FACTOR_ATTEMPTS) {
            throw new DomainError('UNAUTHENTICATED', 'Too many wrong codes: enter your password again', { reason: 'second_factor_expired' })
          }
        }
        throw error
      }
      await cache.delete(key)
      return openSession(user, client, kind)
    },

    async logout(sessionId: string, client?: { ip: string; userAgent?: string }) {
      await prisma.$transaction(async (tx) => {
        const ended = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true } })
        await tx.session.deleteMany({ where: { id: sessionId } })
        if (ended) await recordSecurityEvent(tx, { action: 'logout', userId: ended.userId, ip: client?.ip, userAgent: client?.userAgent })
      })
    },

    async authenticateSession(token: string): Promise<Authenticated | null> {
      const sessionId = sha256(token)
      type SessionRecord = ViewerRecord & { expiresAt: Date; lastSeenAt: Date }
      const session = await lookup<SessionRecord>('auth.session', sessionId, async () => {
        const [row] = await prisma.$queryRaw<SessionRecord[]>`
          SELECT s."expiresAt", s."lastSeenAt", ${VIEWER_COLUMNS}
          FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Team" t ON t.id = u."teamId"
          WHERE s.id = ${sessionId}`
        return row && row.isActive ? row : null
      })
      if (!session) return null
      if (session.expiresAt <= new Date()) {
        await prisma.session.deleteMany({ where: { id: sessionId } })
        return null
      }
      if (dueForTouch(sessionId, session.lastSeenAt)) {
        await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date() } })
      }
      return { viewer: viewerOf(session), credential: { kind: 'session', sessionId } }
    },

    async authenticateToken(token: string): Promise<Authenticated | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null
      type TokenRecord = ViewerRecord & { tokenId: string; scope: 'READ' | 'READ_WRITE'; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null }
      const tokenHash = sha256(token)
      const apiToken = await lookup<TokenRecord>('auth.token', tokenHash, async () => {
        const [row] = await prisma.$queryRaw<TokenRecord[]>`
          SELECT a.id AS "tokenId", a.scope::text AS scope, a."expiresAt", a."revokedAt", a."lastUsedAt", ${VIEWER_COLUMNS}
          FROM "ApiToken" a JOIN "User" u ON u.id = a."userId" LEFT JOIN "Team" t ON t.id = u."teamId"
          WHERE a."tokenHash" = ${tokenHash}`
        return row && !row.revokedAt && row.isActive ? row : null
      })
      if (!apiToken) return null
      if (apiToken.expiresAt && apiToken.expiresAt <= new Date()) return null
      if (dueForTouch(apiToken.tokenId, apiToken.lastUsedAt)) {
        await prisma.apiToken.update({ where: { id: apiToken.tokenId }, data: { lastUsedAt: new Date() } })
      }
      // A viewer's token is read-only whatever scope it was given (SPEC §3).
      const scope = apiToken.role === 'VIEWER' ? 'READ' : apiToken.scope
      return { viewer: viewerOf(apiToken), credential: { kind: 'token', tokenId: apiToken.tokenId, scope } }
    },

    /**
     * Changes one's own password: the current one is required (5 wrong tries per 15 minutes), the new
     * one must not be common nor easy to guess; every other session of the user ends. Returns the
     * ended sessions, whose live connections the caller closes on every node.
     */
    async changePassword(userId: string, keepSessionId: string, input: ChangePasswordInput, client: { ip: string; userAgent?: string }) {
      const failuresKey = `password-change-failures:${userId}`
      if (((await cache.get<number>(failuresKey)) ?? 0) >= 5) {
        throw new DomainError('RATE_LIMITED', 'Too many wrong current passwords; try again later', { retryAfterSeconds: 15 * 60 })
      }
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true, name: true } })
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await cache.increment(failuresKey, 15 * 60)
        throw new DomainError('INVALID', 'The current password is wrong', { fieldErrors: { currentPassword: ['current_password_wrong'] } })
      }
      const userInputs = [user.email, ...user.email.split(/[@.]/), ...user.name.split(/\s+/)].map((word) => word.toLowerCase())
      const { problem } = passwordVerdict(input.newPassword, userInputs)
      if (problem) throw new DomainError('INVALID', 'Choose a stronger password', { fieldErrors: { newPassword: [problem] } })
      const passwordHash = await hashPassword(input.newPassword)
      return prisma.$transaction(async (tx) => {
        await tx.user.update({
          where: { id: userId },
          data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
        })
        const others = await tx.session.findMany({ where: { userId, id: { not: keepSessionId } }, select: { id: true } })
        await tx.session.deleteMany({ where: { id: { in: others.map((session) => session.id) } } })
        await recordSecurityEvent(tx, {
          action: 'password_changed',
          userId,
          ip: client.ip,
          userAgent: client.userAgent,
          details: { endedSessions: others.length },
        })
        return { endedSessionIds: others.map((session) => session.id) }
      })
    },

    async updatePreferences(userId: string, input: PreferencesInput): Promise<Viewer> {
      const user = await prisma.user.update({
        where: { id: userId },
        data: { theme: input.theme, language: input.language },
        select: viewerSelect,
      })
      // No event (nobody else hears of a theme), so the cached credential lookups are let go here.
      await readCache?.invalidate([GLOBAL_SCOPE])
      return toViewer(user)
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
