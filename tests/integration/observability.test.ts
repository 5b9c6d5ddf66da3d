import { Writable } from 'node:stream'
import { TRPCClientError } from '@trpc/client'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { addJob } from '../../src/server/jobs/queue.ts'
import { correlationMixin } from '../../src/server/logger.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { demoUsers } from '../support/factories.ts'
import { startSentrySink } from '../support/sentry-sink.ts'
import { connectSocket } from '../support/socket.ts'

// Sentry on the server, against a loopback envelope sink: one event per unexpected error, with who
// called what and the correlation id of the request; none for expected answers; secrets scrubbed.

let database: TestDatabase
let app: RunningApp
let sink: Awaited<ReturnType<typeof startSentrySink>>
let sales: TestClient
const logLines: Array<Record<string, unknown>> = []

async function flushed() {
  const Sentry = await import('@sentry/node')
  await Sentry.flush(5_000)
}

async function until(done: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
}

beforeAll(async () => {
  database = await createTestDatabase()
  sink = await startSentrySink()
  process.env.no_proxy = '127.0.0.1,localhost'
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: 'demo1234',
    NODE_ID: 'node-sentry',
    SENTRY_DSN: sink.dsn,
    SENTRY_RELEASE: 'alforis-crm@test-release',
  })
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line))
      callback()
    },
  })
  app = await startApp(config, pino({ level: 'info', mixin: correlationMixin }, stream))
  sales = await loginAs(app.url, 'sales.paris@demo.test')
})

afterAll(async () => {
  await app?.close()
  await sink?.close()
  await database?.drop()
})

describe('Sentry on the server', () => {
  it('reports an unexpected error once, with procedure, user, team, node, release and the correlation id of the response and logs', async () => {
    const users = await demoUsers(database.prisma)
    const salesUser = users.byEmail.get('sales.paris@demo.test')!
    await database.prisma.$executeRawUnsafe('ALTER TABLE "Notification" RENAME TO "Notification_hidden"')
    let failure: unknown
    try {
      await sales.trpc.notifications.unreadCount.query()
    } catch (error) {
      failure = error
    } finally {
      await database.prisma.$executeRawUnsafe('ALTER TABLE "Notification_hidden" RENAME TO "Notification"')
    }
    expect(failure).toBeInstanceOf(TRPCClientError)
    const data = (failure as TRPCClientError<never>).data as unknown as { code: string; correlationId: string }
    expect(data.code).toBe('INTERNAL_SERVER_ERROR')
    expect(data.correlationId).toMatch(/^[\w.:-]{8,}$/)

    await flushed()
    await until(() => sink.events.some((event) => event.tags?.procedure === 'notifications.unreadCount'))
    const events = sink.events.filter((event) => event.tags?.procedure === 'notifications.unreadCount')
    expect(events).toHaveLength(1)
    const [event] = events
    expect(event.release).toBe('alforis-crm@test-release')
    expect(event.user?.id).toBe(salesUser.id)
    expect(event.tags).toMatchObject({ node: 'node-sentry', team: salesUser.teamId, correlationId: data.correlationId })
    expect(event.contexts?.trpc).toMatchObject({ procedure_path: 'notifications.unreadCount', procedure_type: 'query' })

    const requestLines = logLines.filter((line) => line.correlationId === data.correlationId)
    expect(requestLines.some((line) => line.msg === 'tRPC error')).toBe(true)
  })

  it('reports nothing for BAD_REQUEST, UNAUTHORIZED, FORBIDDEN or NOT_FOUND answers', async () => {
    const before = sink.events.length
    const viewer = await loginAs(app.url, 'viewer.paris@demo.test')
    const anonymous = (await import('../support/client.ts')).createTestClient(app.url)
    const attempts = [
      sales.trpc.organisations.byId.query({ id: 'not-a-uuid' } as never), // BAD_REQUEST
      anonymous.trpc.notifications.unreadCount.query(), // UNAUTHORIZED
      viewer.trpc.organisations.create.mutate({ name: 'Refused', type: 'INVESTOR' } as never), // FORBIDDEN
      sales.trpc.organisations.byId.query({ id: '00000000-0000-7000-8000-000000000000' }), // NOT_FOUND
      sales.trpc.auth.login.mutate({ email: 'sales.paris@demo.test', password: 'wrong password' }), // UNAUTHORIZED
    ]
    const codes = await Promise.all(attempts.map((attempt) => (attempt as Promise<unknown>).then(() => 'OK', (error: TRPCClientError<never>) => (error.data as unknown as { code: string })?.code)))
    expect(codes).toEqual(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED'])
    await flushed()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(sink.events.slice(before)).toEqual([])
  })

  it('reports nothing for a CONFLICT: an edit of a field someone else changed meanwhile', async () => {
    const created = await sales.trpc.organisations.create.mutate({ name: `Conflit Sentry ${Date.now()}`, type: 'INVESTOR' } as never)
    await sales.trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { city: 'Lyon' } })
    const before = sink.events.length
    const code = await sales.trpc.organisations.update
      .mutate({ id: created.id, version: created.version, data: { city: 'Nantes' } })
      .then(() => 'OK', (error: TRPCClientError<never>) => (error.data as unknown as { code: string })?.code)
    expect(code).toBe('CONFLICT')
    await flushed()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(sink.events.slice(before)).toEqual([])
  })

  it('reports a socket handler that fails, with its event, user and team; a refused join reports nothing', async () => {
    const users = await demoUsers(database.prisma)
    const salesUser = users.byEmail.get('sales.paris@demo.test')!
    const organisation = await database.prisma.organisation.findFirstOrThrow({ where: { teamId: salesUser.teamId! } })
    const socket = await connectSocket(app.url, sales)
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', reject)
        if (socket.connected) resolve()
      })
      const before = sink.events.length
      // Refused (an id that is not a record): an expected answer, not an incident.
      const refused = await socket.timeout(10_000).emitWithAck('presence:join', { organisationId: '00000000-0000-7000-8000-000000000000' })
      expect(refused).toMatchObject({ ok: false, error: 'NOT_FOUND' })

      await database.prisma.$executeRawUnsafe('ALTER TABLE "Organisation" RENAME TO "Organisation_hidden"')
      let reply: unknown
      try {
        reply = await socket.timeout(10_000).emitWithAck('presence:join', { organisationId: organisation.id })
      } finally {
        await database.prisma.$executeRawUnsafe('ALTER TABLE "Organisation_hidden" RENAME TO "Organisation"')
      }
      expect(reply).toMatchObject({ ok: false, error: 'UNAVAILABLE' })
      await flushed()
      await until(() => sink.events.slice(before).some((event) => event.tags?.source === 'socket:presence:join'))
      const reported = sink.events.slice(before)
      expect(reported).toHaveLength(1)
      expect(reported[0]!.tags).toMatchObject({ source: 'socket:presence:join', node: 'node-sentry' })
      expect(reported[0]!.user?.id).toBe(salesUser.id)
      expect(reported[0]!.tags?.team).toBe(salesUser.teamId)
      // The socket event's log line and its Sentry event carry the same correlation id.
      const correlationId = reported[0]!.tags?.correlationId
      expect(correlationId).toMatch(/^[\w.:-]{8,}$/)
      expect(logLines.some((line) => line.msg === 'presence join failed' && line.correlationId === correlationId)).toBe(true)
    } finally {
      socket.disconnect()
    }
  })

  it('scrubs passwords, cookies, tokens and secrets from what it sends', async () => {
    const { reportError } = await import('../../src/server/observability.ts')
    reportError(new Error('webhook delivery crashed'), {
      source: 'test',
      password: 'hunter2-password',
      webhook: { url: 'https://example.test/hook', secret: 'whsec_topsecret' },
      headers: { cookie: 'alforis_session=session-cookie-value', authorization: 'Bearer alf_token_value' },
      apiToken: 'alf_another_token',
    })
    await flushed()
    await until(() => sink.raw.some((text) => text.includes('webhook delivery crashed')))
    const sent = sink.raw.find((text) => text.includes('webhook delivery crashed'))!
    for (const secret of ['hunter2-password', 'whsec_topsecret', 'session-cookie-value', 'alf_token_value', 'alf_another_token']) {
      expect(sent).not.toContain(secret)
    }
    expect(sent).toContain('https://example.test/hook')
  })

  it('reports a failing background job with the correlation id of its log lines', async () => {
    await database.prisma.$transaction((tx) => addJob(tx, 'test.record', { key: 'sentry-job', failTimes: 1 }, { maxAttempts: 1 }))
    await until(() => logLines.some((line) => line.msg === 'job failed'))
    await flushed()
    await until(() => sink.events.some((event) => event.tags?.source === 'job:test.record'))
    const event = sink.events.find((event) => event.tags?.source === 'job:test.record')!
    expect(event.exception?.values?.[0]?.value).toBe('planned failure 1')
    const line = logLines.find((entry) => entry.msg === 'job failed')!
    expect(line.correlationId).toBe(event.tags?.correlationId)
  })
})
