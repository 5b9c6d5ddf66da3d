import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { hashPassword, verifyPassword } from '../../src/server/features/auth/password.ts'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'
import { connectSocket } from '../support/socket.ts'
import { makeApiToken } from '../support/factories-task.ts'

let server: TestServer
/** A second node on the same database and Redis: revocations must reach its sockets too. */
let otherNode: RunningApp
const OWN = 'Trois pommes vertes sur la table'

beforeAll(async () => {
  server = await startTestServer()
  const config = server.deps.config
  otherNode = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: server.database.url,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      NODE_ID: `${config.nodeId}-b`,
    }),
    pino({ level: 'silent' }),
  )
})
afterAll(async () => {
  await otherNode?.close()
  await server?.stop()
})

let counter = 0
async function newUser(password = DEMO_PASSWORD, mustChangePassword = false) {
  counter += 1
  const email = `own.password.${counter}@demo.test`
  const team = await server.deps.prisma.team.findFirstOrThrow({ where: { name: 'Paris' } })
  const user = await server.deps.prisma.user.create({
    data: { email, name: 'Camille Martin', role: 'SALES', teamId: team.id, passwordHash: await hashPassword(password), mustChangePassword },
  })
  return { user, email }
}

const change = (client: TestClient, currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
  client.trpc.auth.changePassword.mutate({ currentPassword, newPassword, confirmPassword })

describe('changing one’s own password', () => {
  it('requires the current password, 12 characters, and refuses common or guessable ones, field by field', async () => {
    const { email } = await newUser()
    const client = await loginAs(server.url, email)
    const wrong = await errorOf(change(client, 'not-my-password', OWN))
    expect(wrong.data?.code).toBe('BAD_REQUEST')
    expect(wrong.data?.fieldErrors).toEqual({ currentPassword: ['Le mot de passe actuel est incorrect.'] })
    const short = await errorOf(change(client, DEMO_PASSWORD, 'Court1!'))
    expect(short.data?.fieldErrors?.newPassword).toBeDefined()
    const common = await errorOf(change(client, DEMO_PASSWORD, 'password1234'))
    expect(common.data?.fieldCodes).toEqual({ newPassword: ['password_common'] })
    const guessable = await errorOf(change(client, DEMO_PASSWORD, 'azertyuiop123'))
    expect(guessable.data?.fieldCodes).toEqual({ newPassword: ['password_weak'] })
    const mismatch = await errorOf(change(client, DEMO_PASSWORD, OWN, `${OWN}!`))
    expect(mismatch.data?.fieldErrors).toHaveProperty('confirmPassword')
    // Nothing changed.
    expect((await loginAs(server.url, email)).jar.cookies.size).toBe(1)
  })

  it('stops guessing the current password after 5 wrong tries', async () => {
    const { email } = await newUser()
    const client = await loginAs(server.url, email)
    for (let attempt = 0; attempt < 5; attempt++) await errorOf(change(client, `guess-${attempt}`, OWN))
    expect((await errorOf(change(client, DEMO_PASSWORD, OWN))).data?.code).toBe('TOO_MANY_REQUESTS')
  })

  it('ends every other session and closes their sockets on every node within 2 s; this one and API tokens stay', async () => {
    const { user, email } = await newUser()
    const here = await loginAs(server.url, email)
    const elsewhere = await loginAs(otherNode.url, email)
    const { token } = await makeApiToken(server.deps.prisma, { userId: user.id, scope: 'READ' })
    const hereSocket = await connectSocket(server.url, here)
    const remoteSocket = await connectSocket(otherNode.url, elsewhere)
    const remoteWs = new WebSocket(`${otherNode.url.replace('http', 'ws')}/trpc`, { headers: { cookie: elsewhere.jar.header() } })
    await new Promise((resolve, reject) => remoteWs.once('open', resolve).once('error', reject))
    remoteWs.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'auth.me', input: { json: null } } }))
    await new Promise((resolve) => remoteWs.once('message', resolve))

    const remoteClosed = new Promise<number>((resolve) => remoteSocket.once('disconnect', () => resolve(performance.now())))
    const wsClosed = new Promise<number>((resolve) => remoteWs.once('close', () => resolve(performance.now())))
    const started = performance.now()
    expect(await change(here, DEMO_PASSWORD, OWN)).toEqual({ endedSessions: 1 })
    const [socketAt, wsAt] = await Promise.all([remoteClosed, wsClosed])
    expect(socketAt - started).toBeLessThan(2_000)
    expect(wsAt - started).toBeLessThan(2_000)

    expect(await elsewhere.trpc.auth.me.query()).toBeNull()
    expect(await here.trpc.auth.me.query()).toMatchObject({ email })
    expect(hereSocket.connected).toBe(true)
    expect(await createTestClient(server.url, { token }).trpc.auth.me.query()).toMatchObject({ email })
    const stored = await server.deps.prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword(stored.passwordHash, OWN)).toBe(true)
    expect(stored.passwordChangedAt).not.toBeNull()
    const event = await server.deps.prisma.domainEvent.findFirstOrThrow({ where: { type: 'security.password_changed', entityId: user.id } })
    expect(event.payload).toMatchObject({ userId: user.id, endedSessions: 1 })
    expect(JSON.stringify(event.payload)).not.toContain(OWN)
    hereSocket.close()
  })

  it('cannot be done with an API token', async () => {
    const { user } = await newUser()
    const { token } = await makeApiToken(server.deps.prisma, { userId: user.id, scope: 'READ_WRITE' })
    const error = await errorOf(change(createTestClient(server.url, { token }), DEMO_PASSWORD, OWN))
    expect(error.data?.code).toBe('FORBIDDEN')
  })
})

describe('a password set by an admin', () => {
  it('is good for nothing but choosing one’s own at the first sign-in', async () => {
    const admin = await loginAs(server.url, 'admin@demo.test')
    const email = 'first.sign.in@demo.test'
    await admin.trpc.users.create.mutate({ email, name: 'Nouvel Arrivant', role: 'SALES', password: 'temporary-password' })
    const client = await loginAs(server.url, email, 'temporary-password')
    expect(await client.trpc.auth.me.query()).toMatchObject({ email, mustChangePassword: true })
    expect((await errorOf(client.trpc.organisations.list.query({}))).data?.code).toBe('FORBIDDEN')
    // Nor does it open a live connection.
    await expect(connectSocket(server.url, client)).rejects.toThrow()
    await change(client, 'temporary-password', OWN)
    expect(await client.trpc.auth.me.query()).toMatchObject({ mustChangePassword: false })
    expect((await client.trpc.organisations.list.query({})).items).toBeDefined()
    const socket = await connectSocket(server.url, client)
    expect(socket.connected).toBe(true)
    socket.close()

    // An admin's reset sets the flag again; resetting one's own does not.
    const created = await server.deps.prisma.user.findUniqueOrThrow({ where: { email } })
    await admin.trpc.users.resetPassword.mutate({ id: created.id, password: 'another-temporary' })
    expect((await server.deps.prisma.user.findUniqueOrThrow({ where: { email } })).mustChangePassword).toBe(true)
  })
})

describe('connected devices', () => {
  const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'

  async function loginWithAgent(url: string, email: string, userAgent: string) {
    const client = createTestClient(url)
    const response = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
    })
    client.jar.store(response)
    return client
  }

  it('lists one’s sessions with device, address and last seen, this one marked, and no one else’s', async () => {
    const { email } = await newUser()
    const here = await loginAs(server.url, email)
    await loginWithAgent(otherNode.url, email, firefox)
    await loginAs(server.url, 'sales.paris@demo.test')
    const sessions = await here.trpc.auth.sessions.query()
    expect(sessions).toHaveLength(2)
    expect(sessions[0]).toMatchObject({ current: true, ip: expect.any(String) })
    expect(sessions[1]).toMatchObject({ current: false, device: 'Firefox (Windows)', userAgent: firefox })
    expect(sessions[1].lastSeenAt).toBeInstanceOf(Date)
  })

  it('revokes one session: its sockets close on the other node within 2 s; another user’s session is not found', async () => {
    const { email } = await newUser()
    const here = await loginAs(server.url, email)
    const phone = await loginWithAgent(otherNode.url, email, firefox)
    const phoneSocket = await connectSocket(otherNode.url, phone)
    const closed = new Promise<number>((resolve) => phoneSocket.once('disconnect', () => resolve(performance.now())))
    const target = (await here.trpc.auth.sessions.query()).find((session) => !session.current)!
    const started = performance.now()
    expect(await here.trpc.auth.revokeSession.mutate({ id: target.id })).toEqual({ ended: 1 })
    expect((await closed) - started).toBeLessThan(2_000)
    expect(await phone.trpc.auth.me.query()).toBeNull()
    expect(await here.trpc.auth.me.query()).toMatchObject({ email })

    const someoneElse = await loginAs(server.url, 'sales.lyon@demo.test')
    const theirs = (await someoneElse.trpc.auth.sessions.query())[0]
    expect((await errorOf(here.trpc.auth.revokeSession.mutate({ id: theirs.id }))).data?.code).toBe('NOT_FOUND')
    expect(await someoneElse.trpc.auth.me.query()).toMatchObject({ email: 'sales.lyon@demo.test' })
    const current = (await here.trpc.auth.sessions.query())[0]
    expect((await errorOf(here.trpc.auth.revokeSession.mutate({ id: current.id }))).data?.code).toBe('BAD_REQUEST')
  })

  it('revokes all other sessions at once', async () => {
    const { user, email } = await newUser()
    const here = await loginAs(server.url, email)
    const others = [await loginAs(otherNode.url, email), await loginAs(server.url, email)]
    expect(await here.trpc.auth.revokeOtherSessions.mutate()).toEqual({ ended: 2 })
    for (const other of others) expect(await other.trpc.auth.me.query()).toBeNull()
    expect(await here.trpc.auth.sessions.query()).toHaveLength(1)
    const event = await server.deps.prisma.domainEvent.findFirstOrThrow({ where: { type: 'security.sessions_revoked', entityId: user.id } })
    expect(event.payload).toMatchObject({ scope: 'others', count: 2 })
  })

  it('lets an admin end every session of a user, sockets included, on every node', async () => {
    const { user, email } = await newUser()
    const victim = await loginAs(otherNode.url, email)
    const socket = await connectSocket(otherNode.url, victim)
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()))
    const admin = await loginAs(server.url, 'admin@demo.test')
    expect(await admin.trpc.users.endSessions.mutate({ id: user.id })).toEqual({ ended: 1 })
    await closed
    expect(await victim.trpc.auth.me.query()).toBeNull()
    const sales = await loginAs(server.url, 'sales.paris@demo.test')
    expect((await errorOf(sales.trpc.users.endSessions.mutate({ id: user.id }))).data?.code).toBe('FORBIDDEN')
  })
})
