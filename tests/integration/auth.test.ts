import { io as connectSocket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { hashPassword } from '../../src/server/features/auth/password.ts'
import { createTestClient, loginAs } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

async function createUser(email: string, password = 'correct-horse') {
  const team = await server.deps.prisma.team.findFirstOrThrow({ where: { name: 'Paris' } })
  await server.deps.prisma.user.create({
    data: { email, name: 'Test User', role: 'SALES', teamId: team.id, passwordHash: await hashPassword(password) },
  })
}

describe('login', () => {
  it('opens a session in an HttpOnly SameSite cookie and identifies the user', async () => {
    const client = createTestClient(server.url)
    const response = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'Sales.Paris@demo.test', password: DEMO_PASSWORD } }),
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('alforis_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    client.jar.store(response)
    const viewer = await client.trpc.auth.me.query()
    expect(viewer).toMatchObject({ email: 'sales.paris@demo.test', role: 'SALES', teamName: 'Paris' })
  })

  it('refuses a wrong password and an unknown account with the same message', async () => {
    const client = createTestClient(server.url)
    const wrongPassword = await errorOf(client.trpc.auth.login.mutate({ email: 'viewer.paris@demo.test', password: 'nope' }))
    const unknown = await errorOf(client.trpc.auth.login.mutate({ email: 'nobody@demo.test', password: 'nope' }))
    expect(wrongPassword.data?.code).toBe('UNAUTHORIZED')
    expect(unknown.data?.code).toBe('UNAUTHORIZED')
    expect(unknown.message).toBe(wrongPassword.message)
    expect(await client.trpc.auth.me.query()).toBeNull()
  })

  it('answers malformed input with BAD_REQUEST and field messages', async () => {
    const client = createTestClient(server.url)
    const error = await errorOf(client.trpc.auth.login.mutate({ email: 'not-an-email', password: '' }))
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.fieldErrors).toMatchObject({ email: expect.any(Array), password: expect.any(Array) })
    const raw = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(raw.status).toBeGreaterThanOrEqual(400)
    expect(raw.status).toBeLessThan(500)
  })

  it('rotates the session at login: the cookie held before no longer works', async () => {
    const client = await loginAs(server.url, 'manager.paris@demo.test')
    const before = client.jar.header()
    await client.trpc.auth.login.mutate({ email: 'manager.paris@demo.test', password: DEMO_PASSWORD })
    expect(client.jar.header()).not.toBe(before)
    const stale = createTestClient(server.url)
    stale.jar.cookies.set('alforis_session', before.split('=')[1])
    expect(await stale.trpc.auth.me.query()).toBeNull()
    expect(await client.trpc.auth.me.query()).toMatchObject({ email: 'manager.paris@demo.test' })
  })

  it('signs the same browser in several times at once (two tabs): every sign-in succeeds, one device is recorded', async () => {
    const email = 'manager.lyon@demo.test'
    const clients = await Promise.all(Array.from({ length: 6 }, () => loginAs(server.url, email)))
    const viewers = await Promise.all(clients.map((client) => client.trpc.auth.me.query()))
    expect(viewers.every((viewer) => viewer?.email === email)).toBe(true)
    const user = await server.deps.prisma.user.findUniqueOrThrow({ where: { email } })
    expect(await server.deps.prisma.userDevice.count({ where: { userId: user.id } })).toBe(1)
  })

  it('makes guesses from the same address wait, even with the right password (login-throttle.test.ts has the rest)', async () => {
    await createUser('locked@demo.test')
    const client = createTestClient(server.url)
    for (let attempt = 0; attempt < 5; attempt++) {
      await errorOf(client.trpc.auth.login.mutate({ email: 'locked@demo.test', password: 'wrong' }))
    }
    const error = await errorOf(client.trpc.auth.login.mutate({ email: 'locked@demo.test', password: 'correct-horse' }))
    expect(error.data?.code).toBe('TOO_MANY_REQUESTS')
  })

  it('limits failures per client address across accounts', async () => {
    const limited = await startTestServer({ redis: false })
    try {
      const client = createTestClient(limited.url)
      for (let attempt = 0; attempt < 30; attempt++) {
        await errorOf(client.trpc.auth.login.mutate({ email: `guess${attempt}@demo.test`, password: 'wrong' }))
      }
      const error = await errorOf(client.trpc.auth.login.mutate({ email: 'admin@demo.test', password: DEMO_PASSWORD }))
      expect(error.data?.code).toBe('TOO_MANY_REQUESTS')
    } finally {
      await limited.stop()
    }
   }, 120_000)
})

describe('session lookup', () => {
  it('identifies a user without a team, and refuses an expired session, deleting it', async () => {
    const email = `no.team.${Date.now()}@demo.test`
    await createUser(email)
    await server.deps.prisma.user.update({ where: { email }, data: { teamId: null } })
    const client = await loginAs(server.url, email, 'correct-horse')
    expect(await client.trpc.auth.me.query()).toMatchObject({ email, teamId: null, teamName: null })

    const sessions = { user: { email } }
    await server.deps.prisma.session.updateMany({ where: sessions, data: { expiresAt: new Date(Date.now() - 1000) } })
    // The lookup is cached (the app never changes an expiry): this edit behind the app's back lets it go as the app's writes do.
    await server.deps.readCache.invalidate(['global'])
    expect(await client.trpc.auth.me.query()).toBeNull()
    expect(await server.deps.prisma.session.count({ where: sessions })).toBe(0)
  })
})

describe('logout', () => {
  it('ends the session on the server, so a replayed cookie is refused', async () => {
    const client = await loginAs(server.url, 'sales.lyon@demo.test')
    const cookie = client.jar.header()
    await client.trpc.auth.logout.mutate()
    expect(await client.trpc.auth.me.query()).toBeNull()
    const replay = createTestClient(server.url)
    replay.jar.cookies.set('alforis_session', cookie.split('=')[1])
    expect(await replay.trpc.auth.me.query()).toBeNull()
  })

  it('closes the WebSocket and Socket.IO connections of that session', async () => {
    const client = await loginAs(server.url, 'viewer.paris@demo.test')
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { cookie: client.jar.header() } })
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    const socket = connectSocket(server.url, { path: '/socket.io', extraHeaders: { cookie: client.jar.header() }, transports: ['websocket'] })
    await new Promise((resolve, reject) => socket.once('session:ready', resolve).once('connect_error', reject))
    // Let the tRPC context (built on the first message) register the connection.
    ws.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'auth.me', input: { json: null } } }))
    await new Promise((resolve) => ws.once('message', resolve))

    const wsClosed = new Promise((resolve) => ws.once('close', resolve))
    const socketClosed = new Promise((resolve) => socket.once('disconnect', resolve))
    await client.trpc.auth.logout.mutate()
    await expect(Promise.all([wsClosed, socketClosed])).resolves.toBeDefined()
    socket.close()
  })
})

describe('live connections', () => {
  it('authenticates tRPC over WebSocket with the session cookie', async () => {
    const client = await loginAs(server.url, 'admin@demo.test')
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { cookie: client.jar.header() } })
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    ws.send(JSON.stringify({ id: 7, method: 'query', params: { path: 'auth.me', input: { json: null } } }))
    const reply = JSON.parse(String(await new Promise((resolve) => ws.once('message', resolve))))
    expect(reply.result.data.json).toMatchObject({ email: 'admin@demo.test', role: 'ADMIN' })
    ws.close()
  })

  it('refuses cross-origin WebSocket and Socket.IO handshakes', async () => {
    const client = await loginAs(server.url, 'admin@demo.test')
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, {
      headers: { cookie: client.jar.header(), origin: 'https://evil.example' },
    })
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode))
      ws.once('error', () => resolve(undefined))
      ws.once('open', () => resolve(101))
    })
    expect(status).not.toBe(101)

    const socket = connectSocket(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: client.jar.header(), origin: 'https://evil.example' },
      reconnection: false,
    })
    await expect(
      new Promise((resolve, reject) => socket.once('connect', () => reject(new Error('connected'))).once('connect_error', resolve)),
    ).resolves.toBeDefined()
    socket.close()
  })

  it('refuses a Socket.IO handshake without a session', async () => {
    const socket = connectSocket(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false })
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve))
    expect(error.message).toBe('unauthorized')
    socket.close()
  })

  it('refuses cookie-authenticated HTTP calls from another origin', async () => {
    const client = await loginAs(server.url, 'admin@demo.test')
    const response = await fetch(`${server.url}/trpc/auth.me`, {
      headers: { cookie: client.jar.header(), origin: 'https://evil.example' },
    })
    expect(response.status).toBe(403)
  })
})

describe('preferences', () => {
  it('remembers theme and language per user', async () => {
    const client = await loginAs(server.url, 'sales.paris@demo.test')
    await client.trpc.auth.updatePreferences.mutate({ theme: 'dark', language: 'en' })
    const again = await loginAs(server.url, 'sales.paris@demo.test')
    expect(await again.trpc.auth.me.query()).toMatchObject({ theme: 'dark', language: 'en' })
    const error = await errorOf(client.trpc.auth.updatePreferences.mutate({ theme: 'purple' as 'dark' }))
    expect(error.data?.code).toBe('BAD_REQUEST')
  })
})
