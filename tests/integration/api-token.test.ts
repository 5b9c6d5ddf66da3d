import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256 } from '../../src/server/features/auth/auth.service.ts'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, unique, type DemoUsers } from '../support/factories.ts'
import { makeApiToken, makeUser, openLiveSocket } from '../support/factories-task.ts'
import { expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let admin: TestClient
let salesParis: TestClient
let viewerParis: TestClient

const id = (email: string) => demo.byEmail.get(email)!.id
const DAY = 24 * 3600_000

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[admin, salesParis, viewerParis] = await Promise.all([
    loginAs(server.url, 'admin@demo.test'),
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const withToken = (token: string) => createTestClient(server.url, { token }).trpc

describe('creating API tokens', () => {
  it('shows the token once and stores only its SHA-256 and a display prefix', async () => {
    const { token, apiToken } = await salesParis.trpc.apiTokens.create.mutate({ name: 'Script de reporting', scope: 'READ_WRITE', expiresInDays: 30 })
    expect(token).toMatch(/^alf_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({ name: 'Script de reporting', scope: 'READ_WRITE', prefix: token.slice(0, 12), revokedAt: null })
    expect(apiToken).not.toHaveProperty('tokenHash')
    expect(apiToken.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY)
    expect(apiToken.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY)

    const stored = await server.deps.prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })
    expect(stored.tokenHash).toBe(sha256(token))
    expect(JSON.stringify(stored)).not.toContain(token)
    const events = await server.deps.prisma.domainEvent.findMany({ where: { entityId: apiToken.id } })
    expect(events).toMatchObject([{ type: 'api_token.created', teamId: null, payload: { userId: id('sales.paris@demo.test') } }])
    expect(JSON.stringify(events[0].payload)).not.toContain(token)

    const listed = await salesParis.trpc.apiTokens.list.query({})
    const row = listed.items.find((item) => item.id === apiToken.id)!
    expect(row).toMatchObject({ prefix: token.slice(0, 12) })
    expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['token']))
    expect(JSON.stringify(listed)).not.toContain(token)
  })

  it('lets a viewer create read-only tokens only', async () => {
    const error = await errorOf(viewerParis.trpc.apiTokens.create.mutate({ name: 'Écriture', scope: 'READ_WRITE' }))
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.fieldErrors).toHaveProperty('scope')
    const { token, apiToken } = await viewerParis.trpc.apiTokens.create.mutate({ name: 'Lecture' })
    expect(apiToken.scope).toBe('READ')
    expect((await withToken(token).organisations.list.query({ limit: 1 })).items).toHaveLength(1)
  })

  it('answers bad input with BAD_REQUEST and field messages', async () => {
    const error = await errorOf(salesParis.trpc.apiTokens.create.mutate({ name: '', scope: 'ALL' as 'READ', expiresInDays: 0 }))
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(['expiresInDays', 'name', 'scope'])
  })
})

describe('authenticating with an API token', () => {
  it('identifies its owner over HTTP with Authorization: Bearer, and records its use', async () => {
    const { token, apiToken } = await salesParis.trpc.apiTokens.create.mutate({ name: 'HTTP', scope: 'READ_WRITE' })
    const client = withToken(token)
    expect(await client.auth.me.query()).toMatchObject({ email: 'sales.paris@demo.test', role: 'SALES' })
    const organisation = await client.organisations.create.mutate({ name: unique('Créée par jeton'), type: 'PARTNER' })
    expect(organisation.team.name).toBe('Paris')
    const stored = await server.deps.prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })
    expect(stored.lastUsedAt).toBeInstanceOf(Date)
  })

  it('lets a READ token query but not mutate, over HTTP and WebSocket', async () => {
    const { token } = await salesParis.trpc.apiTokens.create.mutate({ name: 'Lecture seule', scope: 'READ' })
    const client = withToken(token)
    expect((await client.organisations.list.query({ limit: 1 })).total).toBeGreaterThan(0)
    const refused = await errorOf(client.organisations.create.mutate({ name: 'Refusée', type: 'OTHER' }))
    expect(refused.data?.code).toBe('FORBIDDEN')
    expect((await errorOf(client.apiTokens.create.mutate({ name: 'Escalade', scope: 'READ_WRITE' }))).data?.code).toBe('FORBIDDEN')

    const socket = await openLiveSocket(server.url, { token })
    expect(await socket.call('auth.me')).toMatchObject({ data: { email: 'sales.paris@demo.test' } })
    expect(await socket.call('organisations.create', { name: 'Refusée WS', type: 'OTHER' }, 'mutation')).toEqual({ code: 'FORBIDDEN' })
    socket.close()
  })

  it('refuses a viewer’s token any mutation, whatever scope was stored', async () => {
    const { token } = await makeApiToken(server.deps.prisma, { userId: id('viewer.paris@demo.test'), scope: 'READ_WRITE' })
    // Creating a READ token is a mutation a viewer's session may run; their token may not.
    const error = await errorOf(withToken(token).apiTokens.create.mutate({ name: 'Par jeton', scope: 'READ' }))
    expect(error.data?.code).toBe('FORBIDDEN')
    expect(error.message).toBe('This API token is read-only')
  })

  it('refuses unknown, malformed and expired tokens', async () => {
    expect((await errorOf(withToken('alf_not-a-real-token').organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
    expect((await errorOf(withToken('garbage').organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
    const { token, apiToken } = await salesParis.trpc.apiTokens.create.mutate({ name: 'Expire', expiresInDays: 1 })
    await server.deps.prisma.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await errorOf(withToken(token).organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
  })
})

describe('revoking API tokens', () => {
  it('makes the token fail at once over HTTP and closes the WebSocket connections using it', async () => {
    const { token, apiToken } = await salesParis.trpc.apiTokens.create.mutate({ name: 'À révoquer' })
    const client = withToken(token)
    expect(await client.auth.me.query()).toMatchObject({ email: 'sales.paris@demo.test' })
    const socket = await openLiveSocket(server.url, { token })
    // The same user's browser session is another credential: it stays connected.
    const browser = await openLiveSocket(server.url, { cookie: salesParis.jar.header() })
    await browser.call('auth.me')

    const revoked = await salesParis.trpc.apiTokens.revoke.mutate({ id: apiToken.id })
    expect(revoked.revokedAt).toBeInstanceOf(Date)
    expect(await socket.closed).toBe(4001)
    expect(await browser.call('auth.me')).toMatchObject({ data: { email: 'sales.paris@demo.test' } })
    browser.close()
    expect(await client.auth.me.query()).toBeNull()
    expect((await errorOf(client.organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
    const reconnect = await openLiveSocket(server.url, { token })
    expect(await reconnect.call('organisations.list', {})).toEqual({ code: 'UNAUTHORIZED' })
    reconnect.close()

    expect((await salesParis.trpc.apiTokens.list.query({})).items.map((item) => item.id)).not.toContain(apiToken.id)
    const withRevoked = await salesParis.trpc.apiTokens.list.query({ includeRevoked: true })
    expect(withRevoked.items.find((item) => item.id === apiToken.id)?.revokedAt).toBeInstanceOf(Date)
    expect(await server.deps.prisma.domainEvent.count({ where: { entityId: apiToken.id, type: 'api_token.revoked' } })).toBe(1)
  })

  it('keeps other users’ tokens out of reach, except for an admin', async () => {
    const { row: lyonToken, token } = await makeApiToken(server.deps.prisma, { userId: id('sales.lyon@demo.test') })
    const { row: teammateToken } = await makeApiToken(server.deps.prisma, { userId: id('manager.paris@demo.test') })
    expect((await errorOf(salesParis.trpc.apiTokens.revoke.mutate({ id: teammateToken.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesParis.trpc.apiTokens.list.query({ userId: id('manager.paris@demo.test') }))).data?.code).toBe('FORBIDDEN')
    const mine = await salesParis.trpc.apiTokens.list.query({})
    expect(mine.items.every((item) => item.userId === id('sales.paris@demo.test'))).toBe(true)

    const lyonTokens = await admin.trpc.apiTokens.list.query({ userId: id('sales.lyon@demo.test') })
    expect(lyonTokens.items.map((item) => item.id)).toContain(lyonToken.id)
    await admin.trpc.apiTokens.revoke.mutate({ id: lyonToken.id })
    expect((await errorOf(withToken(token).organisations.list.query({}))).data?.code).toBe('UNAUTHORIZED')
  })
})

describe('listing API tokens', () => {
  it('pages by cursor through every token of a user exactly once, newest first, revoked ones included on request', async () => {
    const prisma = server.deps.prisma
    const user = await makeUser(prisma, { teamId: demo.teams.paris })
    const count = 10
    for (let index = 0; index < count; index++) {
      const { row } = await makeApiToken(prisma, { userId: user.id })
      const { createdAt } = tiedTimestamps(index)
      await prisma.apiToken.update({ where: { id: row.id }, data: { createdAt, revokedAt: index % 4 === 0 ? new Date() : null } })
    }
    await expectPagingInSortOrder((page) => admin.trpc.apiTokens.list.query({ userId: user.id, includeRevoked: true, ...page }), {
      total: count,
      label: 'createdAt desc',
      direction: 'desc',
      sortKey: (item) => item.createdAt,
    })
  })
})
