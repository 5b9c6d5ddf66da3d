import pino from 'pino'
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../../src/server/app.ts'
import { ConfigError, loadConfig } from '../../src/server/config.ts'
import { hashPassword } from '../../src/server/features/auth/password.ts'
import type { Role } from '../../src/shared/permissions.ts'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'
import { connectSocket } from '../support/socket.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

let counter = 0
async function newUser(role: Role = 'SALES') {
  counter += 1
  const email = `two.factor.${counter}.${Date.now()}@demo.test`
  const team = await server.deps.prisma.team.findFirstOrThrow({ where: { name: 'Paris' } })
  const user = await server.deps.prisma.user.create({
    data: { email, name: 'Dominique Roux', role, teamId: team.id, passwordHash: await hashPassword(DEMO_PASSWORD) },
  })
  return { user, email }
}

/** The app a user would scan: the same library, fed the manual key the page shows. */
function authenticator(manualKey: string) {
  return new TOTP({ secret: Secret.fromBase32(manualKey.replace(/\s+/g, '')), period: 30 })
}
/** A code of the current step, or of the next one (a code is good once, one step late or early allowed). */
const codeAt = (app: TOTP, steps = 0) => app.generate({ timestamp: Date.now() + steps * 30_000 })

async function enrolled(role: Role = 'SALES') {
  const { user, email } = await newUser(role)
  const client = await loginAs(server.url, email)
  const enrolment = await client.trpc.auth.beginTwoFactor.mutate()
  const app = authenticator(enrolment.manualKey)
  const { recoveryCodes } = await client.trpc.auth.confirmTwoFactor.mutate({ code: codeAt(app) })
  return { user, email, client, app, recoveryCodes, enrolment }
}

/** The password step: a pending sign-in (its own cookie), no session. */
async function passwordStep(email: string): Promise<TestClient> {
  const client = createTestClient(server.url)
  expect(await client.trpc.auth.login.mutate({ email, password: DEMO_PASSWORD })).toEqual({ viewer: null, secondFactor: true })
  expect(await client.trpc.auth.me.query()).toBeNull()
  return client
}

describe('enrolling in two-factor sign-in', () => {
  it('shows a QR code and a manual key, turns on only with a right code, and gives 10 recovery codes stored hashed', async () => {
    const { user, email } = await newUser()
    const client = await loginAs(server.url, email)
    expect(await client.trpc.auth.twoFactorStatus.query()).toMatchObject({ enabled: false, recoveryCodesLeft: 0, required: false })
    const enrolment = await client.trpc.auth.beginTwoFactor.mutate()
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(enrolment.qrCode.split(',')[1], 'base64').toString()).toContain('<svg')
    expect(enrolment.manualKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/)
    expect(enrolment.uri).toContain(`otpauth://totp/Alforis%20CRM:${encodeURIComponent(email)}`)
    const app = authenticator(enrolment.manualKey)

    const wrong = await errorOf(client.trpc.auth.confirmTwoFactor.mutate({ code: String((Number(codeAt(app)) + 1) % 1_000_000).padStart(6, '0') }))
    expect(wrong.data?.code).toBe('BAD_REQUEST')
    expect(wrong.data?.fieldCodes).toEqual({ code: ['two_factor_code_wrong'] })
    const malformed = await errorOf(client.trpc.auth.confirmTwoFactor.mutate({ code: '12ab' }))
    expect(malformed.data?.fieldErrors).toHaveProperty('code')
    expect((await client.trpc.auth.twoFactorStatus.query()).enabled).toBe(false)

    const { recoveryCodes } = await client.trpc.auth.confirmTwoFactor.mutate({ code: codeAt(app) })
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    expect(await client.trpc.auth.twoFactorStatus.query()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 })

    const stored = await server.deps.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    const secret = enrolment.manualKey.replace(/\s+/g, '')
    expect(stored.totpSecret).toMatch(/^v1:/)
    expect(stored.totpSecret).not.toContain(secret)
    expect(stored.totpPendingSecret).toBeNull()
    const hashes = await server.deps.prisma.recoveryCode.findMany({ where: { userId: user.id } })
    expect(hashes).toHaveLength(10)
    const plain = new Set(recoveryCodes.map((code) => code.replace('-', '')))
    for (const { codeHash } of hashes) expect(plain.has(codeHash)).toBe(false)
    const event = await server.deps.prisma.domainEvent.findFirstOrThrow({ where: { type: 'security.two_factor_enabled', entityId: user.id } })
    expect(JSON.stringify(event.payload)).not.toContain(secret)
  })

  it('cannot be managed with an API token', async () => {
    const { user } = await newUser()
    const { makeApiToken } = await import('../support/factories-task.ts')
    const { token } = await makeApiToken(server.deps.prisma, { userId: user.id, scope: 'READ_WRITE' })
    const error = await errorOf(createTestClient(server.url, { token }).trpc.auth.beginTwoFactor.mutate())
    expect(error.data?.code).toBe('FORBIDDEN')
  })
})

describe('signing in with two-factor sign-in on', () => {
  it('takes the password, then a code from the app, and accepts each code only once', async () => {
    const { email, app } = await enrolled()
    const browser = await passwordStep(email)
    // A code from the step already used at enrolment is refused (replay).
    expect((await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: codeAt(app) }))).data?.fieldCodes).toEqual({
      code: ['two_factor_code_wrong'],
    })
    const next = codeAt(app, 1)
    const { viewer } = await browser.trpc.auth.completeSignIn.mutate({ code: next })
    expect(viewer).toMatchObject({ email, twoFactorEnabled: true, mustEnrolTwoFactor: false })
    expect(await browser.trpc.auth.me.query()).toMatchObject({ email })
    expect([...browser.jar.cookies.keys()]).toEqual(['alforis_session'])
    // The same code in another sign-in: refused.
    const again = await passwordStep(email)
    expect((await errorOf(again.trpc.auth.completeSignIn.mutate({ code: next }))).data?.code).toBe('BAD_REQUEST')
    const event = await server.deps.prisma.domainEvent.findFirstOrThrow({
      where: { type: { in: ['security.login_succeeded', 'security.new_device'] }, payload: { path: ['email'], equals: email } },
      orderBy: { id: 'desc' },
    })
    expect(event.payload).toMatchObject({ secondFactor: 'totp' })
  })

  it('accepts each recovery code once, typed in any case with or without its dash', async () => {
    const { email, recoveryCodes, client } = await enrolled()
    const browser = await passwordStep(email)
    await browser.trpc.auth.completeSignIn.mutate({ recoveryCode: recoveryCodes[3].toLowerCase().replace('-', ' ') })
    expect(await browser.trpc.auth.me.query()).toMatchObject({ email })
    expect((await client.trpc.auth.twoFactorStatus.query()).recoveryCodesLeft).toBe(9)
    const reuse = await passwordStep(email)
    const error = await errorOf(reuse.trpc.auth.completeSignIn.mutate({ recoveryCode: recoveryCodes[3] }))
    expect(error.data?.fieldCodes).toEqual({ recoveryCode: ['recovery_code_wrong'] })
  })

  it('opens no session without the second step, and forgets the pending sign-in after 5 wrong codes', async () => {
    const { email, app } = await enrolled()
    const none = createTestClient(server.url)
    expect((await errorOf(none.trpc.auth.completeSignIn.mutate({ code: codeAt(app, 1) }))).data?.code).toBe('UNAUTHORIZED')
    const browser = await passwordStep(email)
    expect((await errorOf(browser.trpc.organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
    for (let attempt = 1; attempt < 5; attempt++) {
      expect((await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: '000000' }))).data?.code).toBe('BAD_REQUEST')
    }
    expect((await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: '000000' }))).data?.code).toBe('UNAUTHORIZED')
    // Even the right code needs the password again now.
    expect((await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: codeAt(app, 1) }))).data?.code).toBe('UNAUTHORIZED')
    expect(await server.deps.prisma.domainEvent.count({ where: { type: 'security.second_factor_failed', payload: { path: ['email'], equals: email } } })).toBe(5)
  })

  it('rate-limits wrong codes per account and address across pending sign-ins', async () => {
    const { email, app } = await enrolled()
    for (let attempt = 0; attempt < 5; attempt++) {
      const browser = await passwordStep(email)
      await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: '000000' }))
    }
    // The 5th wrong code costs a delay: the next try, even right, waits.
    const browser = await passwordStep(email)
    const limited = await errorOf(browser.trpc.auth.completeSignIn.mutate({ code: codeAt(app, 1) }))
    expect(limited.data?.code).toBe('TOO_MANY_REQUESTS')
  })
})

describe('renewing the recovery codes', () => {
  it('needs a code from the app; the new ten work, the old ones no longer do', async () => {
    const { email, app, client, recoveryCodes, user } = await enrolled()
    const wrong = await errorOf(client.trpc.auth.regenerateRecoveryCodes.mutate({ code: '000000' }))
    expect(wrong.data?.fieldCodes).toEqual({ code: ['two_factor_code_wrong'] })
    const { recoveryCodes: renewed } = await client.trpc.auth.regenerateRecoveryCodes.mutate({ code: codeAt(app, 1) })
    expect(renewed).toHaveLength(10)
    expect(new Set(renewed).size).toBe(10)
    expect(renewed.some((code) => recoveryCodes.includes(code))).toBe(false)
    expect((await client.trpc.auth.twoFactorStatus.query()).recoveryCodesLeft).toBe(10)

    const old = await passwordStep(email)
    expect((await errorOf(old.trpc.auth.completeSignIn.mutate({ recoveryCode: recoveryCodes[0] }))).data?.fieldCodes).toEqual({ recoveryCode: ['recovery_code_wrong'] })
    const fresh = await passwordStep(email)
    await fresh.trpc.auth.completeSignIn.mutate({ recoveryCode: renewed[0] })
    expect(await fresh.trpc.auth.me.query()).toMatchObject({ email })
    expect(await server.deps.prisma.domainEvent.count({ where: { type: 'security.recovery_codes_regenerated', entityId: user.id } })).toBe(1)
  })
})

describe('turning two-factor sign-in off', () => {
  it('needs the password and a code; then the password alone signs in', async () => {
    const { email, app, client, user } = await enrolled()
    const wrongPassword = await errorOf(client.trpc.auth.disableTwoFactor.mutate({ password: 'not-the-password', code: codeAt(app, 1) }))
    expect(wrongPassword.data?.code).toBe('BAD_REQUEST')
    const wrongCode = await errorOf(client.trpc.auth.disableTwoFactor.mutate({ password: DEMO_PASSWORD, code: '000000' }))
    expect(wrongCode.data?.code).toBe('BAD_REQUEST')
    expect((await client.trpc.auth.twoFactorStatus.query()).enabled).toBe(true)
    expect(await client.trpc.auth.disableTwoFactor.mutate({ password: DEMO_PASSWORD, code: codeAt(app, 1) })).toEqual({ enabled: false })
    expect(await server.deps.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
    expect((await loginAs(server.url, email)).jar.cookies.has('alforis_session')).toBe(true)
    expect(await server.deps.prisma.domainEvent.count({ where: { type: 'security.two_factor_disabled', entityId: user.id } })).toBe(1)
  })
})

describe('two-factor sign-in required by role', () => {
  it('lets only admins set it, and leads members of those roles through enrolment before anything else', async () => {
    const admin = await loginAs(server.url, 'admin@demo.test')
    const manager = await loginAs(server.url, 'manager.paris@demo.test')
    expect((await errorOf(manager.trpc.security.updatePolicy.mutate({ twoFactorRoles: ['SALES'] }))).data?.code).toBe('FORBIDDEN')
    const invalid = await errorOf(admin.trpc.security.updatePolicy.mutate({ twoFactorRoles: ['ROOT' as Role] }))
    expect(invalid.data?.code).toBe('BAD_REQUEST')
    const { email } = await newUser('VIEWER')
    try {
      expect(await admin.trpc.security.updatePolicy.mutate({ twoFactorRoles: ['VIEWER'] })).toMatchObject({ twoFactorRoles: ['VIEWER'] })
      expect(await admin.trpc.security.policy.query()).toMatchObject({ twoFactorRoles: ['VIEWER'] })
      const member = createTestClient(server.url)
      const { viewer } = await member.trpc.auth.login.mutate({ email, password: DEMO_PASSWORD })
      expect(viewer).toMatchObject({ mustEnrolTwoFactor: true })
      expect((await errorOf(member.trpc.organisations.list.query({}))).data?.code).toBe('FORBIDDEN')
      // Sockets wait for the enrolment too.
      await expect(connectSocket(server.url, member)).rejects.toThrow()
      expect(await member.trpc.auth.twoFactorStatus.query()).toMatchObject({ enabled: false, required: true })
      const app = authenticator((await member.trpc.auth.beginTwoFactor.mutate()).manualKey)
      await member.trpc.auth.confirmTwoFactor.mutate({ code: codeAt(app) })
      expect(await member.trpc.auth.me.query()).toMatchObject({ mustEnrolTwoFactor: false, twoFactorEnabled: true })
      expect(await member.trpc.organisations.list.query({})).toBeDefined()
      const event = await server.deps.prisma.domainEvent.findFirstOrThrow({ where: { type: 'security.policy_changed' }, orderBy: { id: 'desc' } })
      expect(event.payload).toMatchObject({ twoFactorRoles: { to: ['VIEWER'] } })
    } finally {
      await admin.trpc.security.updatePolicy.mutate({ twoFactorRoles: [] })
    }
  })
})

describe('the key of two-factor secrets', () => {
  it('is required to start in production', async () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: server.database.url, PORT: '0', SEED_DEMO: 'false' })
    await expect(startApp(config, pino({ level: 'silent' }))).rejects.toThrow(ConfigError)
    await expect(startApp(config, pino({ level: 'silent' }))).rejects.toThrow(/TOTP_ENCRYPTION_KEY/)
  })
})
