import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { demoUsers, unique, type DemoUsers } from '../support/factories.ts'
import { PROJECT_ROOT } from '../support/processes.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startWebhookReceiver, waitFor, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver.ts'

// Webhooks end to end on one node: a real loopback receiver, signatures checked by an independent
// implementation (npm `standardwebhooks`), retries on a schedule shortened to seconds.

let server: TestServer
let receiver: WebhookReceiver
let admin: TestClient
let demo: DemoUsers

beforeAll(async () => {
  server = await startTestServer({
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '1,1,1', WEBHOOK_TIMEOUT_MS: '1500', WEBHOOK_SECRET_KEY: 'k'.repeat(40) },
  })
  receiver = await startWebhookReceiver()
  admin = await loginAs(server.url, 'admin@demo.test')
  demo = await demoUsers(server.deps.prisma)
})
afterAll(async () => {
  await receiver?.close()
  await server?.stop()
})
afterEach(async () => {
  // Each test subscribes its own endpoint: none outlives it.
  await server.deps.prisma.webhook.deleteMany()
})

const prisma = () => server.deps.prisma

async function subscribe(pathname: string, events: string[] = ['organisation.*']) {
  return admin.trpc.webhooks.create.mutate({ url: receiver.url(pathname), events, description: unique('Test') })
}

async function createOrganisation(name = unique('Organisation')) {
  return admin.trpc.organisations.create.mutate({ name, type: 'INVESTOR', teamId: demo.teams.paris })
}

function verify(secret: string, request: ReceivedRequest) {
  return new Webhook(secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> }
}

const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body) as { type: string; data: { id: string } }

describe('webhook subscriptions', () => {
  it('creates an endpoint with a whsec_ secret of 32 random bytes, shown once and stored encrypted', async () => {
    const { webhook, secret } = await subscribe('/created')
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24)
    const stored = await prisma().webhook.findUniqueOrThrow({ where: { id: webhook.id } })
    expect(stored.secret).not.toContain(secret.slice(6))
    const listed = await admin.trpc.webhooks.list.query()
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6))
    expect(listed.find((entry) => entry.id === webhook.id)).not.toHaveProperty('secret')
  })

  it('refuses a malformed URL, an unknown event type and 10,000 events with field errors', async () => {
    const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error) => error as { data: { code: string; fieldErrors: Record<string, string[]> } })
    const malformed = await errorOf(admin.trpc.webhooks.create.mutate({ url: 'not a url', events: ['*'] }))
    expect(malformed?.data.code).toBe('BAD_REQUEST')
    expect(malformed?.data.fieldErrors.url).toBeDefined()
    const ftp = await errorOf(admin.trpc.webhooks.create.mutate({ url: 'ftp://example.com/hook', events: ['*'] }))
    expect(ftp?.data.fieldErrors.url).toBeDefined()
    const unknownType = await errorOf(admin.trpc.webhooks.create.mutate({ url: receiver.url('/x'), events: ['organisation.exploded'] }))
    expect(unknownType?.data.code).toBe('BAD_REQUEST')
    expect(unknownType?.data.fieldErrors.events).toBeDefined()
    const tooMany = await errorOf(admin.trpc.webhooks.create.mutate({ url: receiver.url('/x'), events: Array.from({ length: 10_000 }, () => 'organisation.created') }))
    expect(tooMany?.data.code).toBe('BAD_REQUEST')
    expect(tooMany?.data.fieldErrors.events).toBeDefined()
    expect(await prisma().webhook.count()).toBe(0)
  })

  it('refuses every role but ADMIN', async () => {
    const manager = await loginAs(server.url, 'manager.paris@demo.test')
    await expect(manager.trpc.webhooks.list.query()).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } })
  })
})

describe('webhook delivery', () => {
  it('signs each delivery per Standard Webhooks, with the record as the API returns it', async () => {
    const { secret } = await subscribe('/signed')
    const organisation = await createOrganisation()
    const [request] = await waitFor(() => receiver.at('/signed'), (found) => found.length >= 1)
    const event = verify(secret, request)
    expect(event.type).toBe('organisation.created')
    expect(request.headers['webhook-id']).toMatch(/^msg_/)
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30)
    const apiRecord = JSON.parse(JSON.stringify(await admin.trpc.organisations.byId.query({ id: organisation.id })))
    expect(event.data).toMatchObject({ id: organisation.id, name: organisation.name, teamId: demo.teams.paris })
    expect(Object.keys(event.data).sort()).toEqual(Object.keys(apiRecord).sort())
    expect(new Date(event.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, request.headers)).toThrow()
  })

  it('sends an endpoint only what was written after it was created; with no endpoint, the log is passed over', async () => {
    const before = await createOrganisation()
    const [{ id: beforeEventId }] = await prisma().$queryRaw<Array<{ id: bigint }>>`
      SELECT id FROM "DomainEvent" WHERE type = 'organisation.created' AND "entityId" = ${before.id}`
    // No endpoint is active: the projection's cursor moves past the event without a delivery row.
    await waitFor(
      () => prisma().$queryRaw<Array<{ lastEventId: bigint }>>`SELECT "lastEventId" FROM "EventRelayCursor" WHERE name = 'webhooks'`,
      ([cursor]) => cursor.lastEventId >= beforeEventId,
    )
    const { webhook } = await subscribe('/after')
    const after = await createOrganisation()
    const [request] = await waitFor(() => receiver.at('/after'), (found) => found.length >= 1)
    expect(bodyOf(request).data.id).toBe(after.id)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(receiver.at('/after').map((found) => bodyOf(found).data.id)).toEqual([after.id])
    expect(await prisma().webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(1)
  })

  it('sends only the subscribed types; wildcards and derived types match', async () => {
    await subscribe('/stage', ['organisation.stage_changed'])
    await subscribe('/people', ['person.*'])
    const organisation = await createOrganisation()
    await admin.trpc.organisations.update.mutate({ id: organisation.id, version: organisation.version, data: { stage: 'QUALIFIED' } })
    const [move] = await waitFor(() => receiver.at('/stage'), (found) => found.length >= 1)
    expect(bodyOf(move)).toMatchObject({ type: 'organisation.stage_changed', data: { id: organisation.id, changes: { stage: { from: 'PROSPECT', to: 'QUALIFIED' } } } })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(receiver.at('/stage')).toHaveLength(1)
    expect(receiver.at('/people')).toHaveLength(0)
  })

  it('retries a 500 until it succeeds, with one webhook-id and a fresh signature per attempt', async () => {
    let calls = 0
    receiver.respond('/flaky', () => (++calls <= 2 ? { status: 500, body: 'boom' } : { status: 200, body: 'fine' }))
    const { webhook, secret } = await subscribe('/flaky')
    await createOrganisation()
    const requests = await waitFor(() => receiver.at('/flaky'), (found) => found.length >= 3)
    expect(requests).toHaveLength(3)
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1)
    expect(new Set(requests.map((request) => request.headers['webhook-signature'])).size).toBe(3)
    for (const request of requests) verify(secret, request)
    const delivery = await waitFor(
      () => prisma().webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id }, include: { attempts: { orderBy: { attempt: 'asc' } } } }),
      (found) => found.status === 'SUCCEEDED',
    )
    expect(delivery.attempts.map((attempt) => attempt.responseCode)).toEqual([500, 500, 200])
    expect(delivery.attempt).toBe(3)
    const page = await admin.trpc.webhooks.deliveries.query({ webhookId: webhook.id })
    expect(page.items[0]).toMatchObject({ id: delivery.id, status: 'SUCCEEDED', responseCode: 200, responseBody: 'fine' })
  })

  it('the committing node attempts at once; an attempt cut off mid-way is sent again by its job, not by the sweep, and recorded once', async () => {
    let calls = 0
    // The first request is answered late: its attempt's transaction is cut meanwhile.
    receiver.respond('/cut', () => (++calls === 1 ? { status: 200, delayMs: 1_000 } : { status: 200 }))
    const { webhook } = await subscribe('/cut', ['organisation.created'])
    const organisation = await createOrganisation()
    const [first] = await waitFor(() => receiver.at('/cut'), (found) => found.length >= 1)
    // The attempt's session: idle in its transaction, holding the delivery's row lock, request out.
    const cut = await prisma().$queryRaw<Array<{ pid: number }>>`
      SELECT a.pid FROM pg_stat_activity a
      WHERE a.state = 'idle in transaction' AND a.pid <> pg_backend_pid()
        AND EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = a.pid AND c.relname = 'WebhookDelivery' AND l.mode = 'RowShareLock')`
    expect(cut).toHaveLength(1)
    await prisma().$queryRaw`SELECT pg_terminate_backend(${cut[0].pid}::int)`
    // Its job (waiting as the fallback) sends it again, well before the sweep would (10 s overdue).
    const requests = await waitFor(() => receiver.at('/cut'), (found) => found.length >= 2, 8_000)
    expect(requests).toHaveLength(2)
    expect(requests[1].receivedAt - first.receivedAt).toBeLessThan(8_000)
    expect(requests[1].headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(bodyOf(requests[1]).data.id).toBe(organisation.id)
    const delivery = await waitFor(
      () => prisma().webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id }, include: { attempts: true } }),
      (found) => found.status === 'SUCCEEDED',
    )
    // The cut attempt left no trace; the one that went through is recorded once.
    expect(delivery.attempts).toHaveLength(1)
    // An attempt that is not cut goes out once, though its job runs too (as a fallback, later).
    const second = await createOrganisation()
    await waitFor(() => receiver.at('/cut'), (found) => found.length >= 3)
    await new Promise((resolve) => setTimeout(resolve, 3_500))
    expect(receiver.at('/cut').map((request) => bodyOf(request).data.id)).toEqual([organisation.id, organisation.id, second.id])
  })

  it('gives up after the last retry of the schedule', async () => {
    receiver.respond('/down', () => ({ status: 503 }))
    const { webhook } = await subscribe('/down')
    await createOrganisation()
    const delivery = await waitFor(() => prisma().webhookDelivery.findFirst({ where: { webhookId: webhook.id } }), (found) => found?.status === 'FAILED')
    expect(delivery?.attempt).toBe(4)
    expect(receiver.at('/down')).toHaveLength(4)
  })

  it('times out a slow endpoint and retries it', async () => {
    let calls = 0
    receiver.respond('/slow', () => (++calls === 1 ? { status: 200, delayMs: 4_000 } : { status: 200 }))
    const { webhook } = await subscribe('/slow')
    await createOrganisation()
    const delivery = await waitFor(
      () => prisma().webhookDelivery.findFirst({ where: { webhookId: webhook.id }, include: { attempts: { orderBy: { attempt: 'asc' } } } }),
      (found) => found?.status === 'SUCCEEDED',
    )
    expect(delivery?.attempts[0]).toMatchObject({ responseCode: null, error: 'Timed out after 1.5 s' })
    expect(delivery?.attempts[1]).toMatchObject({ responseCode: 200 })
  })

  it('honours Retry-After', async () => {
    let calls = 0
    receiver.respond('/later', () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 200 }))
    await subscribe('/later')
    await createOrganisation()
    const requests = await waitFor(() => receiver.at('/later'), (found) => found.length >= 2)
    // The schedule alone would retry after about a second.
    expect(requests[1].receivedAt - requests[0].receivedAt).toBeGreaterThanOrEqual(2_900)
  })

  it('does not follow redirects', async () => {
    receiver.respond('/moved', () => ({ status: 302, headers: { location: receiver.url('/elsewhere') } }))
    const { webhook } = await subscribe('/moved')
    await createOrganisation()
    const delivery = await waitFor(() => prisma().webhookDelivery.findFirst({ where: { webhookId: webhook.id } }), (found) => found?.status === 'FAILED')
    expect(delivery?.responseCode).toBe(302)
    expect(receiver.at('/elsewhere')).toHaveLength(0)
  })

  it('disables an endpoint that answers 410 Gone and notifies the admins', async () => {
    receiver.respond('/gone', () => ({ status: 410 }))
    const { webhook } = await subscribe('/gone')
    await createOrganisation()
    const disabled = await waitFor(() => prisma().webhook.findUniqueOrThrow({ where: { id: webhook.id } }), (found) => !found.isActive)
    expect(disabled).toMatchObject({ isActive: false, disabledReason: 'GONE' })
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(receiver.at('/gone')).toHaveLength(1)
    const adminId = demo.byEmail.get('admin@demo.test')!.id
    const notification = await waitFor(
      () => prisma().notification.findFirst({ where: { recipientId: adminId, type: 'WEBHOOK_DISABLED', body: { contains: '/gone' } } }),
      (found) => found !== null,
    )
    expect(notification?.link).toContain(webhook.id)
    // Nothing more is prepared for it.
    await createOrganisation()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(await prisma().webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(1)
  })

  it('disables an endpoint failing for 5 days', async () => {
    receiver.respond('/failing', () => ({ status: 500 }))
    const { webhook } = await subscribe('/failing')
    await prisma().webhook.update({ where: { id: webhook.id }, data: { failingSince: new Date(Date.now() - 5 * 24 * 3600_000 - 60_000) } })
    await createOrganisation()
    const disabled = await waitFor(() => prisma().webhook.findUniqueOrThrow({ where: { id: webhook.id } }), (found) => !found.isActive)
    expect(disabled.disabledReason).toBe('FAILING')
    const adminId = demo.byEmail.get('admin@demo.test')!.id
    expect(await prisma().notification.count({ where: { recipientId: adminId, type: 'WEBHOOK_DISABLED', body: { contains: '/failing' } } })).toBe(1)
  })

  it('answers a test ping with what the endpoint said, and logs it', async () => {
    receiver.respond('/ping', () => ({ status: 202, body: 'pong' }))
    const { webhook, secret } = await subscribe('/ping', ['task.created'])
    const answer = await admin.trpc.webhooks.test.mutate({ id: webhook.id })
    expect(answer).toMatchObject({ ok: true, statusCode: 202, responseExcerpt: 'pong' })
    const [request] = receiver.at('/ping')
    expect(verify(secret, request).type).toBe('webhook.ping')
    const page = await admin.trpc.webhooks.deliveries.query({ webhookId: webhook.id })
    expect(page.items[0]).toMatchObject({ id: answer.deliveryId, eventType: 'webhook.ping', status: 'SUCCEEDED' })
    const listed = (await admin.trpc.webhooks.list.query()).find((entry) => entry.id === webhook.id)
    expect(listed?.lastDelivery).toMatchObject({ status: 'SUCCEEDED', responseCode: 202 })
  })
})

describe('secret rotation', () => {
  it('signs with both secrets for 24 hours, then with the new one only', async () => {
    const { webhook, secret: oldSecret } = await subscribe('/rotate')
    const { secret: newSecret } = await admin.trpc.webhooks.rotateSecret.mutate({ id: webhook.id })
    expect(newSecret).not.toBe(oldSecret)
    await admin.trpc.webhooks.test.mutate({ id: webhook.id })
    const [during] = receiver.at('/rotate')
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2)
    verify(oldSecret, during)
    verify(newSecret, during)

    const stored = await prisma().webhook.findUniqueOrThrow({ where: { id: webhook.id } })
    expect(stored.previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000)
    await prisma().webhook.update({ where: { id: webhook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1_000) } })
    await admin.trpc.webhooks.test.mutate({ id: webhook.id })
    const after = receiver.at('/rotate')[1]
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1)
    verify(newSecret, after)
    expect(() => verify(oldSecret, after)).toThrow()
  })
})

describe('replay', () => {
  it('re-sends one delivery with the same webhook-id and a fresh signature', async () => {
    const { webhook, secret } = await subscribe('/replay-one')
    await createOrganisation()
    const [first] = await waitFor(() => receiver.at('/replay-one'), (found) => found.length >= 1)
    const delivery = await waitFor(() => prisma().webhookDelivery.findFirst({ where: { webhookId: webhook.id } }), (found) => found?.status === 'SUCCEEDED')
    await new Promise((resolve) => setTimeout(resolve, 1_100)) // a later second, so a later timestamp
    expect(await admin.trpc.webhooks.replay.mutate({ deliveryId: delivery!.id })).toEqual({ count: 1 })
    const requests = await waitFor(() => receiver.at('/replay-one'), (found) => found.length >= 2)
    expect(requests[1].headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(requests[1].body).toBe(first.body)
    expect(requests[1].headers['webhook-timestamp']).not.toBe(first.headers['webhook-timestamp'])
    verify(secret, requests[1])
  })

  it('re-sends every failed delivery since a date', async () => {
    let healthy = false
    receiver.respond('/replay-all', () => ({ status: healthy ? 200 : 500 }))
    const { webhook } = await subscribe('/replay-all')
    const since = new Date()
    const created = [await createOrganisation(), await createOrganisation(), await createOrganisation()]
    await waitFor(
      () => prisma().webhookDelivery.count({ where: { webhookId: webhook.id, status: 'FAILED' } }),
      (count) => count === 3,
    )
    healthy = true
    expect(await admin.trpc.webhooks.replay.mutate({ webhookId: webhook.id, since })).toEqual({ count: 3 })
    await waitFor(() => prisma().webhookDelivery.count({ where: { webhookId: webhook.id, status: 'SUCCEEDED' } }), (count) => count === 3)
    const delivered = receiver.at('/replay-all').filter((request) => request.receivedAt > since.getTime())
    const okIds = new Set(delivered.slice(-3).map((request) => bodyOf(request).data.id))
    expect(okIds).toEqual(new Set(created.map((organisation) => organisation.id)))
    expect(await admin.trpc.webhooks.replay.mutate({ webhookId: webhook.id, since: new Date(Date.now() + 60_000) })).toEqual({ count: 0 })
  })
})

describe('docs/webhooks.md', () => {
  it('its Node verification snippet accepts a real delivery and rejects a tampered one', async () => {
    const markdown = await readFile(path.join(PROJECT_ROOT, 'docs/webhooks.md'), 'utf8')
    const snippet = [...markdown.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]).find((code) => code.includes('export function verifyAlforisWebhook'))
    expect(snippet).toBeDefined()
    const file = path.join(os.tmpdir(), `verify-${process.pid}-${Date.now()}.mjs`)
    await writeFile(file, snippet!)
    const { verifyAlforisWebhook } = (await import(pathToFileURL(file).href)) as {
      verifyAlforisWebhook: (secret: string, headers: Record<string, string>, body: string) => { type: string }
    }
    const { secret } = await subscribe('/docs')
    await createOrganisation()
    const [request] = await waitFor(() => receiver.at('/docs'), (found) => found.length >= 1)
    expect(verifyAlforisWebhook(secret, request.headers, request.body).type).toBe('organisation.created')
    expect(() => verifyAlforisWebhook(secret, request.headers, request.body.replace('organisation', 'Organisation'))).toThrow('Invalid signature')
    expect(() => verifyAlforisWebhook(secret, { ...request.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) }, request.body)).toThrow()
  })
})
