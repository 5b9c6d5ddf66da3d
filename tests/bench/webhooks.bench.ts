import pg from 'pg'
import { loginAs, type TestClient } from '../support/client.ts'
import type { ServerProcess } from '../support/processes.ts'
import { startWebhookReceiver, waitFor } from '../support/webhook-receiver.ts'
import { percentile, postgresCpuSeconds, processCpuSeconds } from './measure.ts'

const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 100)
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 500)
const FANOUT_WEBHOOKS = Number(process.env.BENCH_WEBHOOK_FANOUT ?? 20)
const FANOUT_EVENTS = Number(process.env.BENCH_WEBHOOK_FANOUT_EVENTS ?? 150)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Webhooks with two nodes and a loopback receiver. Latency: organisations created at RATE per second
 * (alternately through nodes A and B), from the event's time in the log (inside the transaction,
 * so slightly before the commit: a conservative measure) to the request reaching the receiver.
 * Throughput: FANOUT_WEBHOOKS endpoints × FANOUT_EVENTS events, delivered by both nodes.
 */
export async function benchWebhooks(nodeA: ServerProcess, nodeB: ServerProcess, databaseUrl: string) {
  const receiver = await startWebhookReceiver()
  const [onA, onB] = await Promise.all([loginAs(nodeA.url, 'admin@demo.test'), loginAs(nodeB.url, 'admin@demo.test')])
  for (const webhook of await onA.trpc.webhooks.list.query()) await onA.trpc.webhooks.delete.mutate({ id: webhook.id })
  const create = (client: TestClient, index: number) =>
    client.trpc.organisations.create.mutate({ name: `Webhook bench ${Date.now()}-${index}`, type: 'INVESTOR' })

  try {
    // Latency at a steady rate.
    const latency = await onA.trpc.webhooks.create.mutate({ url: receiver.url('/latency'), events: ['organisation.created'] })
    const startedAt = performance.now()
    const writes: Promise<unknown>[] = []
    const writeErrors: string[] = []
    for (let index = 0; index < EVENTS; index++) {
      const due = startedAt + (index * 1000) / RATE
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      writes.push(create(index % 2 ? onB : onA, index).catch((error: Error) => void writeErrors.push(error.message)))
    }
    await Promise.all(writes)
    const sentRate = Math.round((EVENTS / (performance.now() - startedAt)) * 1000)
    const committed = EVENTS - writeErrors.length
    await waitFor(() => receiver.at('/latency').length, (count) => count >= committed, 120_000)
    const latencies = receiver
      .at('/latency')
      .map((request) => request.receivedAt - Date.parse((JSON.parse(request.body) as { timestamp: string }).timestamp))
      .sort((a, b) => a - b)
    // Where the time goes, from the database's own clock: event → delivery row (the projection),
    // delivery row → first attempt recorded (queue pick-up and the HTTP call).
    const stages = await stagesOf(databaseUrl, [latency.webhook.id])
    const perDelivery = await breakdownOf(databaseUrl, latency.webhook.id, receiver.at('/latency'))
    await onA.trpc.webhooks.delete.mutate({ id: latency.webhook.id })

    // Throughput: many deliveries at once.
    const fanoutIds: string[] = []
    for (let index = 0; index < FANOUT_WEBHOOKS; index++) {
      fanoutIds.push((await onA.trpc.webhooks.create.mutate({ url: receiver.url(`/fanout/${index}`), events: ['organisation.created'] })).webhook.id)
    }
    const expected = FANOUT_WEBHOOKS * FANOUT_EVENTS
    // CPU spent per delivery (both nodes; PostgreSQL as a whole): what bounds throughput, whatever
    // else the machine runs (the burst's writes are included: a small share beside the deliveries).
    const serverCpu = () => processCpuSeconds(nodeA.child.pid!) + processCpuSeconds(nodeB.child.pid!)
    const cpuBefore = { server: serverCpu(), postgres: postgresCpuSeconds() }
    const burst = []
    for (let index = 0; index < FANOUT_EVENTS; index += 10) {
      burst.push(...(await Promise.all(Array.from({ length: 10 }, (_, offset) => create(offset % 2 ? onB : onA, index + offset)))))
    }
    await waitFor(() => receiver.requests.filter((request) => request.path.startsWith('/fanout/')).length, (count) => count >= expected, 300_000)
    const cpuMs = { server: (serverCpu() - cpuBefore.server) * 1000, postgres: (postgresCpuSeconds() - cpuBefore.postgres) * 1000 }
    const fanout = receiver.requests.filter((request) => request.path.startsWith('/fanout/'))
    const times = fanout.map((request) => request.receivedAt).sort((a, b) => a - b)
    const seconds = (times[times.length - 1] - times[0]) / 1000
    const duplicates = fanout.length - new Set(fanout.map((request) => `${request.path} ${request.headers['webhook-id']}`)).size
    const fanoutStages = await stagesOf(databaseUrl, fanoutIds)

    return {
      latency: {
        events: EVENTS,
        targetRate: RATE,
        sentRate,
        writeErrors: writeErrors.length,
        firstWriteError: writeErrors[0] ?? null,
        received: latencies.length,
        p50Ms: percentile(latencies, 0.5),
        p95Ms: percentile(latencies, 0.95),
        p99Ms: percentile(latencies, 0.99),
        stages,
        perDelivery,
      },
      throughput: {
        webhooks: FANOUT_WEBHOOKS,
        events: burst.length,
        deliveries: fanout.length,
        expected,
        duplicates,
        seconds: Math.round(seconds * 100) / 100,
        deliveriesPerSecond: Math.round(fanout.length / seconds),
        serverCpuMsPerDelivery: Math.round((cpuMs.server / fanout.length) * 100) / 100,
        postgresCpuMsPerDelivery: Math.round((cpuMs.postgres / fanout.length) * 100) / 100,
        stages: fanoutStages,
      },
    }
  } finally {
    for (const webhook of await onA.trpc.webhooks.list.query()) await onA.trpc.webhooks.delete.mutate({ id: webhook.id })
    await receiver.close()
  }
}

export type WebhookBench = Awaited<ReturnType<typeof benchWebhooks>>

/**
 * Where the time goes, from the database's own clock: event → delivery row (the projection),
 * delivery row → first attempt recorded (queue pick-up and the HTTP call); and how long the
 * events took to be written (first to last).
 */
async function stagesOf(databaseUrl: string, webhookIds: string[]) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ projectionP50: number; projectionP95: number; attemptP50: number; attemptP95: number; writesMs: number }>(
      `WITH d AS (
         SELECT e."createdAt" AS "eventAt", extract(epoch FROM d."createdAt" - e."createdAt") * 1000 AS projection,
                extract(epoch FROM (SELECT min(a."createdAt") FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id) - d."createdAt") * 1000 AS attempt
         FROM "WebhookDelivery" d JOIN "DomainEvent" e ON e.id = d."eventId"
         WHERE d."webhookId" = ANY($1::uuid[]))
       SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY projection))::int AS "projectionP50",
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY projection))::int AS "projectionP95",
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY attempt))::int AS "attemptP50",
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY attempt))::int AS "attemptP95",
              round(extract(epoch FROM max("eventAt") - min("eventAt")) * 1000)::int AS "writesMs"
       FROM d`,
      [webhookIds],
    )
    return rows[0]
  } finally {
    await db.end()
  }
}

/**
 * Each latency delivery's path in four legs, from the database's clock and the receiver's (one
 * machine): event written → projection's transaction began (the delivery row's time) → attempt's
 * transaction began (its WebhookAttempt row) → request received. p50 / p95 of each leg, and the
 * legs' means over the slowest 5 % of deliveries (where the p95 goes).
 */
async function breakdownOf(databaseUrl: string, webhookId: string, requests: Array<{ headers: Record<string, string>; receivedAt: number }>) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ id: string; eventAt: Date; deliveryAt: Date; attemptAt: Date | null }>(
      `SELECT d.id::text AS id, e."createdAt" AS "eventAt", d."createdAt" AS "deliveryAt",
              (SELECT min(a."createdAt") FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id) AS "attemptAt"
       FROM "WebhookDelivery" d JOIN "DomainEvent" e ON e.id = d."eventId" WHERE d."webhookId" = $1::uuid`,
      [webhookId],
    )
    const byId = new Map(rows.map((row) => [`msg_${row.id}`, row]))
    const legs: Array<{ total: number; projection: number; queue: number; send: number }> = []
    for (const request of requests) {
      const row = byId.get(request.headers['webhook-id'])
      if (!row?.attemptAt) continue
      const [event, delivery, attempt] = [row.eventAt.getTime(), row.deliveryAt.getTime(), row.attemptAt.getTime()]
      legs.push({ total: request.receivedAt - event, projection: delivery - event, queue: attempt - delivery, send: request.receivedAt - attempt })
    }
    const summary = (key: 'total' | 'projection' | 'queue' | 'send') => {
      const sorted = legs.map((leg) => leg[key]).sort((a, b) => a - b)
      return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }
    }
    const slowest = [...legs].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.ceil(legs.length * 0.05)))
    const mean = (key: 'total' | 'projection' | 'queue' | 'send') => Math.round(slowest.reduce((sum, leg) => sum + leg[key], 0) / slowest.length)
    return {
      projection: summary('projection'),
      queue: summary('queue'),
      send: summary('send'),
      slowest5Percent: { total: mean('total'), projection: mean('projection'), queue: mean('queue'), send: mean('send') },
    }
  } finally {
    await db.end()
  }
}
