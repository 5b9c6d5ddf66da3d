import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../src/server/features/auth/password.ts'
import { delayAfter, FREE_FAILURES } from '../../src/server/features/auth/login-throttle.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
const PASSWORD = 'correct-horse-battery'

// Behind a proxy (TRUST_PROXY), the client address comes from X-Forwarded-For: several addresses.
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true' } })
})
afterAll(async () => {
  await server?.stop()
})

let addressCounter = 0
/** A fresh client address each time it is called. */
function newAddress(): string {
  addressCounter += 1
  return `10.${Math.floor(addressCounter / 250)}.${addressCounter % 250}.7`
}

async function createUser(email: string) {
  const team = await server.deps.prisma.team.findFirstOrThrow({ where: { name: 'Paris' } })
  return server.deps.prisma.user.create({
    data: { email, name: 'Throttled User', role: 'SALES', teamId: team.id, passwordHash: await hashPassword(PASSWORD) },
  })
}

interface Attempt {
  status: number
  code?: string
  message?: string
  retryAfter?: number
  ms: number
}

async function attempt(email: string, password: string, address: string, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0'): Promise<Attempt> {
  const started = performance.now()
  const response = await fetch(`${server.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'user-agent': userAgent },
    body: JSON.stringify({ json: { email, password } }),
  })
  const body = await response.json()
  const ms = performance.now() - started
  const error = body.error?.json
  return { status: response.status, code: error?.data?.code, message: error?.message, retryAfter: error?.data?.details?.retryAfterSeconds, ms }
}

describe('growing delays per account and address', () => {
  it('lets a few mistakes through, then makes each further guess wait longer', async () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0])
    expect([5, 6, 7, 10, 30].map(delayAfter)).toEqual([1, 2, 4, 32, 900])

    const email = 'slow.guess@demo.test'
    await createUser(email)
    const address = newAddress()
    for (let failure = 1; failure <= FREE_FAILURES + 1; failure++) {
      expect((await attempt(email, 'wrong', address)).code).toBe('UNAUTHORIZED')
    }
    // The 5th failure costs 1 s: until then, even the right password is not checked.
    const waiting = await attempt(email, PASSWORD, address)
    expect(waiting).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', retryAfter: 1 })
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await attempt(email, 'wrong', address)).code).toBe('UNAUTHORIZED')
    expect(await attempt(email, PASSWORD, address)).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: 2 })
  })

  it("lockout of one address leaves the real user's sign-in from another address working", async () => {
    const email = 'targeted@demo.test'
    await createUser(email)
    const attacker = newAddress()
    for (let failure = 0; failure < FREE_FAILURES + 1; failure++) await attempt(email, 'guess', attacker)
    expect((await attempt(email, PASSWORD, attacker)).code).toBe('TOO_MANY_REQUESTS')

    const owner = await attempt(email, PASSWORD, newAddress())
    expect(owner.status).toBe(200)
  })

  it('caps failures per account at 100 an hour from any address, and tells the owner once', async () => {
    const email = 'stuffed@demo.test'
    const user = await createUser(email)
    for (let failure = 0; failure < 100; failure++) {
      expect((await attempt(email, `guess-${failure}`, newAddress())).code).toBe('UNAUTHORIZED')
    }
    const fromAnywhere = await attempt(email, PASSWORD, newAddress())
    expect(fromAnywhere).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: 3600 })
    const notifications = await server.deps.prisma.notification.findMany({ where: { recipientId: user.id, type: 'SECURITY' } })
    expect(notifications).toHaveLength(1)
    expect(notifications[0].title).toBe('Connexion bloquée sur votre compte')
    const locked = await server.deps.prisma.domainEvent.count({ where: { type: 'security.account_locked', entityId: user.id } })
    expect(locked).toBe(1)
    const failed = await server.deps.prisma.domainEvent.count({ where: { type: 'security.login_failed', entityId: user.id } })
    expect(failed).toBe(99)
  }, 180_000)

  it('limits one address across many accounts (password spraying), not the others', async () => {
    const sprayer = newAddress()
    for (let account = 0; account < 30; account++) await attempt(`spray${account}@demo.test`, 'Winter2026!', sprayer)
    expect((await attempt('admin@demo.test', DEMO_PASSWORD, sprayer)).code).toBe('TOO_MANY_REQUESTS')
    expect((await attempt('admin@demo.test', DEMO_PASSWORD, newAddress())).status).toBe(200)
  }, 120_000)
})

describe('unknown account vs wrong password', () => {
  it('answers the same, in about the same time', async () => {
    const email = 'timed@demo.test'
    await createUser(email)
    const wrong: Attempt[] = []
    const unknown: Attempt[] = []
    // Warm both paths, then interleave, each from a fresh address (no delay on either).
    await attempt(email, 'warm-up', newAddress())
    await attempt('nobody.warm@demo.test', 'warm-up', newAddress())
    for (let round = 0; round < 12; round++) {
      wrong.push(await attempt(email, `wrong-${round}`, newAddress()))
      unknown.push(await attempt(`nobody${round}@demo.test`, `wrong-${round}`, newAddress()))
    }
    for (const answer of [...wrong, ...unknown]) {
      expect(answer).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: wrong[0].message })
    }
    const median = (answers: Attempt[]) => answers.map((answer) => answer.ms).sort((a, b) => a - b)[answers.length >> 1]
    const [a, b] = [median(wrong), median(unknown)]
    // Within 25 % of the slower (plus 10 ms of scheduling noise): no account enumeration by timing.
    expect(Math.abs(a - b), `wrong password ${a.toFixed(1)} ms, unknown account ${b.toFixed(1)} ms`).toBeLessThan(0.25 * Math.max(a, b) + 10)
  }, 120_000)
})

describe('sign-in from a new device', () => {
  it('notifies the owner of a browser never seen before, not of the first nor a known one', async () => {
    const email = 'devices@demo.test'
    const user = await createUser(email)
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
    const safari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1'
    const count = () => server.deps.prisma.notification.count({ where: { recipientId: user.id, type: 'SECURITY' } })
    expect((await attempt(email, PASSWORD, newAddress(), firefox)).status).toBe(200)
    expect(await count()).toBe(0)
    expect((await attempt(email, PASSWORD, newAddress(), safari)).status).toBe(200)
    expect(await count()).toBe(1)
    const notification = await server.deps.prisma.notification.findFirstOrThrow({ where: { recipientId: user.id, type: 'SECURITY' } })
    expect(notification.body).toContain('Safari (iOS)')
    expect((await attempt(email, PASSWORD, newAddress(), firefox)).status).toBe(200)
    expect(await count()).toBe(1)
    const events = await server.deps.prisma.domainEvent.findMany({ where: { entity: 'security', entityId: user.id }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.type)).toEqual(['security.login_succeeded', 'security.new_device', 'security.login_succeeded'])
    expect(JSON.stringify(events.map((event) => event.payload))).not.toContain(PASSWORD)
  })
})
