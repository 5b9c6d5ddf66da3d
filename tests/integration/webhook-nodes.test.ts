import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toViewer } from '../../src/server/features/auth/auth.service.ts'
import { createOrganisation } from '../../src/server/features/organisation/organisation.service.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { demoUsers, unique } from '../support/factories.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { startServerProcess, type ServerProcess } from '../support/processes.ts'
import { startWebhookReceiver, waitFor, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver.ts'

// Webhooks with two real server processes on one database: each attempt is sent by one node only,
// and nothing committed is lost when every node dies — right after the commit, or mid-delivery.

let database: TestDatabase
let receiver: WebhookReceiver
let env: Record<string, string>
let nodes: ServerProcess[] = []
let parisTeam: string

async function startNodes(...ids: string[]) {
  for (const id of ids) nodes.push(await startServerProcess({ ...env, NODE_ID: id }, 180_000))
}

async function killNodes() {
  await Promise.all(
    nodes.map(async (node) => {
      const exited = new Promise((resolve) => node.child.once('exit', resolve))
      node.child.kill('SIGKILL')
      await exited
    }),
  )
  nodes = []
}

const idOf = (request: ReceivedRequest) => request.headers['webhook-id']
const organisationIdOf = (request: ReceivedRequest) => (JSON.parse(request.body) as { data: { id: string } }).data.id

async function subscribe(admin: TestClient, path: string) {
  return admin.trpc.webhooks.create.mutate({ url: receiver.url(path), events: ['organisation.created'] })
}

beforeAll(async () => {
  database = await createTestDatabase()
  receiver = await startWebhookReceiver()
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${database.name}:`,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_SCHEDULE: '1,1,1',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_SECRET_KEY: 's'.repeat(40),
  }
  await startNodes('node-a', 'node-b')
  parisTeam = (await demoUsers(database.prisma)).teams.paris
}, 400_000)

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()))
  await receiver?.close()
  await database?.drop()
})

describe('webhooks on two nodes', () => {
  it('says in the start-up log that private targets are allowed', () => {
    expect(nodes[0].output()).toContain('WEBHOOK_ALLOW_PRIVATE=true')
  })

  it('sends each attempt once across both nodes, retries included', async () => {
    const seen = new Set<string>()
    // The first attempt of every message fails; the second succeeds.
    receiver.respond('/two-nodes', (request) => (seen.has(idOf(request)) ? { status: 200 } : (seen.add(idOf(request)), { status: 500 })))
    const onA = await loginAs(nodes[0].url, 'admin@demo.test')
    const onB = await loginAs(nodes[1].url, 'admin@demo.test')
    const { webhook, secret } = await subscribe(onA, '/two-nodes')
    const count = 60
    const created = []
    for (let batch = 0; batch < count / 5; batch++) {
      created.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, index) =>
            (index % 2 ? onA : onB).trpc.organisations.create.mutate({ name: unique('Noeuds'), type: 'INVESTOR', teamId: parisTeam }),
          ),
        )),
      )
    }
    await waitFor(() => database.prisma.webhookDelivery.count({ where: { webhookId: webhook.id, status: 'SUCCEEDED' } }), (done) => done === count, 120_000)
    await new Promise((resolve) => setTimeout(resolve, 1_500)) // room for a duplicate to show up
    const requests = receiver.at('/two-nodes')
    expect(requests).toHaveLength(2 * count)
    const perId = new Map<string, ReceivedRequest[]>()
    for (const request of requests) perId.set(idOf(request), [...(perId.get(idOf(request)) ?? []), request])
    expect(perId.size).toBe(count)
    for (const pair of perId.values()) {
      expect(pair).toHaveLength(2)
      expect(organisationIdOf(pair[0])).toBe(organisationIdOf(pair[1]))
      for (const request of pair) new Webhook(secret).verify(request.body, request.headers)
    }
    expect(new Set(requests.map(organisationIdOf))).toEqual(new Set(created.map((organisation) => organisation.id)))
    // The log agrees: two attempts per delivery, numbered 1 and 2, each recorded once.
    const attempts = await database.prisma.webhookAttempt.findMany({ where: { delivery: { webhookId: webhook.id } }, select: { deliveryId: true, attempt: true } })
    expect(attempts).toHaveLength(2 * count)
    const perDelivery = new Map<string, number[]>()
    for (const row of attempts) perDelivery.set(row.deliveryId, [...(perDelivery.get(row.deliveryId) ?? []), row.attempt])
    expect(perDelivery.size).toBe(count)
    for (const numbers of perDelivery.values()) expect(numbers.sort()).toEqual([1, 2])
    const senders = await database.prisma.webhookAttempt.groupBy({ by: ['nodeId'], where: { delivery: { webhookId: webhook.id } }, _count: true })
    // First attempts go out from the node that projected them (the immediate path); retries from
    // whichever node's worker takes their job: which nodes sent is not fixed, only that each is one of them.
    for (const sender of senders) expect(['node-a', 'node-b']).toContain(sender.nodeId)
  }, 300_000)

  it('delivers what was committed while every node was down', async () => {
    const admin = await loginAs(nodes[0].url, 'admin@demo.test')
    await subscribe(admin, '/while-down')
    await killNodes()
    // Writes committed with no node running, as if all had died right after their commits.
    const adminRow = await database.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' }, include: { team: true } })
    const ctx = { prisma: database.prisma, viewer: toViewer(adminRow) }
    const created = []
    for (let index = 0; index < 5; index++) {
      created.push(await createOrganisation(ctx, { name: unique('Panne'), type: 'INVESTOR', teamId: parisTeam, stage: 'PROSPECT', isActive: true, tags: [] }))
    }
    await startNodes('node-a')
    const requests = await waitFor(() => receiver.at('/while-down'), (found) => found.length >= 5, 120_000)
    expect(new Set(requests.map(organisationIdOf))).toEqual(new Set(created.map((organisation) => organisation.id)))
  }, 300_000)

  it('a node killed mid-delivery: once restarted, what was pending is delivered, with the same webhook-id', async () => {
    if (nodes.length < 2) await startNodes('node-b')
    let holding = true
    // While `holding`, answers take 1.5 s: the nodes die with requests in flight.
    receiver.respond('/mid-delivery', () => (holding ? { status: 200, delayMs: 1_500 } : { status: 200 }))
    const admin = await loginAs(nodes[0].url, 'admin@demo.test')
    const { webhook } = await subscribe(admin, '/mid-delivery')
    const created = await Promise.all(
      Array.from({ length: 8 }, () => admin.trpc.organisations.create.mutate({ name: unique('Coupure'), type: 'INVESTOR', teamId: parisTeam })),
    )
    await waitFor(() => receiver.at('/mid-delivery'), (found) => found.length >= 1, 30_000)
    await killNodes()
    const inFlight = receiver.at('/mid-delivery').map(idOf)
    expect(inFlight.length).toBeGreaterThan(0)
    holding = false
    await startNodes('node-a')
    await waitFor(() => database.prisma.webhookDelivery.count({ where: { webhookId: webhook.id, status: 'SUCCEEDED' } }), (done) => done === 8, 180_000)
    const requests = receiver.at('/mid-delivery')
    expect(new Set(requests.map(organisationIdOf))).toEqual(new Set(created.map((organisation) => organisation.id)))
    // The messages cut off in flight were sent again under their own id.
    for (const id of inFlight) expect(requests.filter((request) => idOf(request) === id).length).toBeGreaterThanOrEqual(2)
  }, 300_000)

  it('the node attempting the deliveries it just committed dies mid-way: their fallback job sends them from the other node, each recorded once', async () => {
    // node-a starts alone, so it relays the log: it projects the events, and attempts their deliveries at once.
    await killNodes()
    await startNodes('node-a')
    await startNodes('node-b')
    let holding = true
    receiver.respond('/immediate', () => (holding ? { status: 200, delayMs: 1_800 } : { status: 200 }))
    const onB = await loginAs(nodes[1].url, 'admin@demo.test')
    const { webhook } = await subscribe(onB, '/immediate')
    const created = await Promise.all(
      Array.from({ length: 8 }, () => onB.trpc.organisations.create.mutate({ name: unique('Immediat'), type: 'INVESTOR', teamId: parisTeam })),
    )
    // node-a dies with its first requests out (answers take 1.8 s), before their job's time (2 s).
    await waitFor(() => receiver.at('/immediate'), (found) => found.length >= 1, 30_000)
    const node = nodes.shift()!
    const exited = new Promise((resolve) => node.child.once('exit', resolve))
    node.child.kill('SIGKILL')
    await exited
    const killedAt = Date.now()
    holding = false
    const cutOff = receiver.at('/immediate').map(idOf)
    expect(cutOff.length).toBeGreaterThan(0)
    await waitFor(() => database.prisma.webhookDelivery.count({ where: { webhookId: webhook.id, status: 'SUCCEEDED' } }), (done) => done === 8, 60_000)
    await new Promise((resolve) => setTimeout(resolve, 1_500)) // room for a duplicate to show up
    const resent = receiver.at('/immediate').filter((request) => request.receivedAt >= killedAt)
    // Each of the eight once more from node-b (the cut-off ones again, the others a first time),
    // by their job (the sweep would wait until 10 s past due).
    expect(resent).toHaveLength(8)
    expect(new Set(resent.map(idOf)).size).toBe(8)
    for (const id of cutOff) expect(resent.map(idOf)).toContain(id)
    expect(Math.max(...resent.map((request) => request.receivedAt)) - killedAt).toBeLessThan(8_000)
    expect(new Set(resent.map(organisationIdOf))).toEqual(new Set(created.map((organisation) => organisation.id)))
    const attempts = await database.prisma.webhookAttempt.findMany({ where: { delivery: { webhookId: webhook.id } }, select: { deliveryId: true, attempt: true, nodeId: true } })
    expect(attempts).toHaveLength(8)
    expect(new Set(attempts.map((attempt) => attempt.deliveryId)).size).toBe(8)
    expect(attempts.every((attempt) => attempt.attempt === 1 && attempt.nodeId === 'node-b')).toBe(true)
  }, 300_000)
})
