import { createHash, createHmac, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type { Config } from '../../config.ts'
import type { PrismaClient } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import type { Cache } from '../../infra/cache.ts'
import { createAesGcmBox, keyFromFile } from '../../infra/secret-box.ts'
import type { Db } from '../scope.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import { createLoginThrottle } from './login-throttle.ts'
import { verifyPassword } from './password.ts'

/**
 * Two-factor sign-in with TOTP (RFC 6238 through `otpauth`: SHA-1, 6 digits, 30 s, as every
 * authenticator app reads) and 10 single-use recovery codes (ASVS V6.5, V6.6):
 *
 * - secrets are stored encrypted (AES-256-GCM) with a key from TOTP_ENCRYPTION_KEY, outside the database;
 * - a code is accepted once (the step it belongs to is remembered), one step early or late allowed;
 * - recovery codes are stored as keyed hashes and struck off when used;
 * - wrong codes go through the sign-in throttle (login-throttle.ts), keyed by account and address.
 */
export const RECOVERY_CODE_COUNT = 10
const ISSUER = 'Alforis CRM'
const PERIOD_SECONDS = 30
/** Public on purpose: development and tests only; production refuses to start without its own key (config.ts). */
const DEVELOPMENT_KEY = 'alforis-development-totp-key-not-for-production'
// No 0/O, 1/I: recovery codes are read off paper.
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export type SecondFactor = { code: string } | { recoveryCode: string }

export function createTwoFactor(deps: {
  prisma: PrismaClient
  cache: Cache
  config: Pick<Config, 'TOTP_ENCRYPTION_KEY' | 'TOTP_ENCRYPTION_KEY_FILE' | 'NODE_ENV'>
}) {
  const { prisma, cache } = deps
  // Production: the environment's key, or on the embedded default (config.ts lets it start without
  // one) a random key generated once beside its data. Development and tests: a fixed public key.
  const keyMaterial =
    deps.config.TOTP_ENCRYPTION_KEY ??
    (deps.config.NODE_ENV === 'production' ? keyFromFile(deps.config.TOTP_ENCRYPTION_KEY_FILE, 'TOTP_ENCRYPTION_KEY') : DEVELOPMENT_KEY)
  const box = createAesGcmBox(createHash('sha256').update(`totp-secrets:${keyMaterial}`).digest())
  const recoveryKey = createHash('sha256').update(`recovery-codes:${keyMaterial}`).digest()
  const throttle = createLoginThrottle(cache)
  const throttleKey = (userId: string) => `second-factor:${userId}`

  const hashRecoveryCode = (code: string) => createHmac('sha256', recoveryKey).update(code).digest('hex')

  function totpOf(sealedSecret: string, label: string): TOTP {
    return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(box.open(sealedSecret)), period: PERIOD_SECONDS })
  }

  /** The 30-second step of a valid code, or null. */
  function stepOf(totp: TOTP, code: string): number | null {
    const delta = totp.validate({ token: code, window: 1 })
    return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + delta
  }

  function newRecoveryCodes(): string[] {
    return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
      Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    )
  }

  async function replaceRecoveryCodes(tx: Db, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes()
    await tx.recoveryCode.deleteMany({ where: { userId } })
    await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) })
    // Shown grouped in fives, as they are typed back (dashes are ignored).
    return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`)
  }

  /**
   * Checks a TOTP code (once only) or strikes off a recovery code, in `tx`. Says which kind matched,
   * or null. The step is claimed with a conditional update, so one code cannot open two sessions.
   */
  async function consume(tx: Db, userId: string, email: string, factor: SecondFactor): Promise<'totp' | 'recovery_code' | null> {
    if ('recoveryCode' in factor) {
      const { count } = await tx.recoveryCode.updateMany({
        where: { userId, codeHash: hashRecoveryCode(factor.recoveryCode), usedAt: null },
        data: { usedAt: new Date() },
      })
      return count === 1 ? 'recovery_code' : null
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } })
    if (!user.totpSecret) return null
    const step = stepOf(totpOf(user.totpSecret, email), factor.code)
    if (step === null) return null
    const { count } = await tx.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    })
    return count === 1 ? 'totp' : null
  }

  /** Throttled check of a second factor: refused while the account+address waits, counted when wrong. */
  async function checkThrottled<T>(
    userId: string,
    ip: string,
    attempt: () => Promise<T | null>,
  ): Promise<T | null> {
    await throttle.check(throttleKey(userId), ip)
    const result = await attempt()
    if (result === null) await throttle.fail(throttleKey(userId), ip)
    else await throttle.succeed(throttleKey(userId), ip)
    return result
  }

  function wrongFactor(factor: SecondFactor): DomainError {
    return 'recoveryCode' in factor
      ? new DomainError('INVALID', 'Wrong recovery code', { fieldErrors: { recoveryCode: ['recovery_code_wrong'] } })
      : new DomainError('INVALID', 'Wrong code', { fieldErrors: { code: ['two_factor_code_wrong'] } })
  }

  return {
    async status(userId: string) {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true, role: true } })
      const [recoveryCodesLeft, policy] = await Promise.all([
        prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
        prisma.securityPolicy.findUnique({ where: { id: 1 }, select: { twoFactorRoles: true } }),
      ])
      return {
        enabled: user.totpEnabledAt !== null,
        enabledAt: user.totpEnabledAt,
        recoveryCodesLeft: user.totpEnabledAt ? recoveryCodesLeft : 0,
        required: policy?.twoFactorRoles.includes(user.role) ?? false,
      }
    },

    /** A fresh secret to scan (QR code) or type (manual key); nothing changes until a code confirms it. */
    async beginEnrolment(userId: string) {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } })
      if (user.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-factor sign-in is already on')
      const secret = new Secret({ size: 20 })
      await prisma.user.update({ where: { id: userId }, data: { totpPendingSecret: box.seal(secret.base32) } })
      const uri = new TOTP({ issuer: ISSUER, label: user.email, secret, period: PERIOD_SECONDS }).toString()
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      return {
        uri,
        qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
        // Grouped by four, as apps show and users type it.
        manualKey: secret.base32.replace(/(.{4})/g, '$1 ').trim(),
      }
    },

    /** Turns 2FA on with a code from the enrolled secret; returns the recovery codes, shown this once. */
    async confirmEnrolment(userId: string, code: string, client: { ip: string; userAgent?: string }) {
      const user = await prisma.user.findUniqueOrThrow({
        where: { id: userId },
        select: { email: true, totpPendingSecret: true, totpEnabledAt: true },
      })
      if (user.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-factor sign-in is already on')
      if (!user.totpPendingSecret) throw new DomainError('CONFLICT', 'Start the enrolment again')
      const pending = user.totpPendingSecret
      const step = await checkThrottled(userId, client.ip, async () => stepOf(totpOf(pending, user.email), code))
      if (step === null) throw wrongFactor({ code })
      return prisma.$transaction(async (tx) => {
        await tx.user.update({
          where: { id: userId },
          data: { totpSecret: pending, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
        })
        const recoveryCodes = await replaceRecoveryCodes(tx, userId)
        await recordSecurityEvent(tx, { action: 'two_factor_enabled', userId, ...client })
        return { recoveryCodes }
      })
    },

    /** Turns 2FA off: the password and a code (from the app, or a recovery code) are both required. */
    async disable(userId: string, input: { password: string; code: string }, client: { ip: string; userAgent?: string }) {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true, totpEnabledAt: true } })
      if (!user.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-factor sign-in is already off')
      const typed = input.code.replace(/[\s-]+/g, '')
      const factor: SecondFactor = /^\d{6}$/.test(typed) ? { code: typed } : { recoveryCode: typed.toUpperCase() }
      const done = await checkThrottled(userId, client.ip, async () => {
        if (!(await verifyPassword(user.passwordHash, input.password))) return null
        return prisma.$transaction(async (tx) => {
          if (!(await consume(tx, userId, user.email, factor))) return null
          await tx.user.update({
            where: { id: userId },
            data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
          })
          await tx.recoveryCode.deleteMany({ where: { userId } })
          await recordSecurityEvent(tx, { action: 'two_factor_disabled', userId, ...client })
          return true
        })
      })
      if (!done) {
        throw new DomainError('INVALID', 'Wrong password or code', {
          fieldErrors: { password: ['password_wrong'], code: ['two_factor_code_wrong'] },
        })
      }
      return { enabled: false }
    },

    /** New recovery codes (the old ones stop working), against a code from the app. */
    async regenerateRecoveryCodes(userId: string, code: string, client: { ip: string; userAgent?: string }) {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } })
      if (!user.totpEnabledAt) throw new DomainError('CONFLICT', 'Two-factor sign-in is off')
      const codes = await checkThrottled(userId, client.ip, () =>
        prisma.$transaction(async (tx) => {
          if (!(await consume(tx, userId, user.email, { code }))) return null
          const recoveryCodes = await replaceRecoveryCodes(tx, userId)
          await recordSecurityEvent(tx, { action: 'recovery_codes_regenerated', userId, ...client })
          return recoveryCodes
        }),
      )
      if (!codes) throw wrongFactor({ code })
      return { recoveryCodes: codes }
    },

    /**
     * The sign-in's second step: true when the factor is good (and now used up). Wrong factors are
     * counted by the throttle and refused with RATE_LIMITED once it says so.
     */
    async verifySignIn(user: { id: string; email: string }, factor: SecondFactor, ip: string) {
      const kind = await checkThrottled(user.id, ip, () => prisma.$transaction((tx) => consume(tx, user.id, user.email, factor)))
      if (!kind) throw wrongFactor(factor)
      return kind
    },
  }
}

export type TwoFactor = ReturnType<typeof createTwoFactor>
