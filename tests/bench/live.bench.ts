import fs from 'node:fs'
import { Worker } from 'node:worker_threads'
import { loginAs } from '../support/client.ts'
import type { ServerProcess } from '../support/processes.ts'
import { heapAfterCollection } from './inspector.ts'
import { percentile, postgresCpuSeconds, processCpuSeconds, type LatencyStats } from './measure.ts'

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 1000)
/**
 * Stage changes measured one at a time. A move's 1,000 arrivals are not independent samples (a pause
 * delays all that are left), so the p99 of 60 moves was the spread of the one or two slowest; 200
 * make it the tail of several.
 */
const MOVES = Number(process.env.BENCH_LIVE_MOVES ?? 200)
/** Moves made before measuring (BENCH_LIVE_WARMUP). */
const WARMUP_MOVES = Number(process.env.BENCH_LIVE_WARMUP ?? 20)
const BURST = Number(process.env.BENCH_LIVE_BURST ?? 100)
const STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const
/**
 * Threads the clients are spread over (live-clients.worker.ts). With one, every client decodes in
 * one thread, one after another: the last of 1,000 arrivals then waits for 999 decodes that a real
 * audience does on 1,000 machines at once.
 */
const CLIENT_THREADS = Math.max(1, Number(process.env.BENCH_LIVE_THREADS ?? 2))
/** The threads' client (live-clients.worker.ts): `socket.io` (socket.io-client) or `protocol`. */
const CLIENT = process.env.BENCH_LIVE_CLIENT === 'protocol' ? 'protocol' : 'socket.io'

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)![1])
}

/**
 * Stage-change mutation through node A → arrival at CLIENTS Socket.IO clients spread over nodes A
 * and B (Paris users: every client is entitled to every event), plus server memory per client.
 */
export async function benchLivePipeline(nodeA: ServerProcess, nodeB: ServerProcess) {
  const emails = ['sales.paris@demo.test', 'manager.paris@demo.test', 'viewer.paris@demo.test', 'admin@demo.test']
  const sessions = await Promise.all(emails.map((email) => loginAs(nodeA.url, email)))
  const mover = sessions[0]
  const board = await mover.trpc.organisations.list.query({ limit: 200, stage: ['PROSPECT'] })
  const cards = board.items.map((item) => item.id)

  global.gc?.()
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  // Both figures after a full collection in each server (which also shrinks its RSS).
  const heapBefore = await Promise.all([heapAfterCollection(nodeA), heapAfterCollection(nodeB)])
  const before = { a: rssKb(nodeA.child.pid!), b: rssKb(nodeB.child.pid!) }

  const pending = new Map<string, { sentAt: number; remaining: number; first?: number; last?: number }>()
  const latencies: number[] = []
  // Each move also notifies the team's manager, on each of their connections (a quarter of the clients).
  const manager = (await sessions[1].trpc.auth.me.query())!
  const managerClients = Array.from({ length: CLIENTS }, (_, index) => index % sessions.length === 1).filter(Boolean).length
  const notificationLatencies: number[] = []
  let delivered = 0
  let lastArrival = 0
  const onArrival = (key: string, at: number) => {
    const waiting = pending.get(key)
    if (!waiting) return
    if (key.startsWith('notified:')) {
      notificationLatencies.push(at - waiting.sentAt)
      if (--waiting.remaining === 0) pending.delete(key)
      return
    }
    delivered++
    lastArrival = at
    latencies.push(at - waiting.sentAt)
    waiting.first = Math.min(waiting.first ?? Infinity, at - waiting.sentAt)
    waiting.last = Math.max(waiting.last ?? 0, at - waiting.sentAt)
    if (--waiting.remaining === 0) pending.delete(key)
  }

  // Times on one clock shared with the client threads.
  const now = () => performance.timeOrigin + performance.now()
  const threads: Worker[] = []
  const targets = Array.from({ length: CLIENTS }, (_, index) => ({
    url: (index % 2 === 0 ? nodeA : nodeB).url,
    cookie: sessions[index % sessions.length].jar.header(),
  }))
  await Promise.all(
    Array.from({ length: CLIENT_THREADS }, async (_, thread) => {
      // A TypeScript entry: the thread registers tsx before importing it (Node 20 resolves a
      // worker's entry file before any --import hook runs in it).
      const entry = new URL('./live-clients.worker.ts', import.meta.url).href
      const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`, {
        eval: true,
        workerData: { clients: targets.filter((_, index) => index % CLIENT_THREADS === thread), client: CLIENT },
      })
      threads.push(worker)
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject)
        worker.on('message', (message: { kind: string; batch?: Array<[string, Float64Array]> }) => {
          if (message.kind === 'ready') resolve()
          if (message.kind === 'arrivals') for (const [key, times] of message.batch!) for (const at of times) onArrival(key, at)
        })
      })
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  const heapAfter = await Promise.all([heapAfterCollection(nodeA), heapAfterCollection(nodeB)])
  const after = { a: rssKb(nodeA.child.pid!), b: rssKb(nodeB.child.pid!) }
  const perClientKb = ((after.a - before.a) + (after.b - before.b)) / CLIENTS
  // What the servers hold per connected client once garbage is collected (both nodes' heaps and buffers).
  const heapPerClientKb = heapBefore.every(Boolean) && heapAfter.every(Boolean)
    ? heapAfter.reduce((sum, figures, index) => sum + figures!.heapAndExternalKb - heapBefore[index]!.heapAndExternalKb, 0) / CLIENTS
    : undefined

  // Latency: one move at a time, each awaited by every client, its manager's notification included
  // (a move's deliveries do not overlap the next move's).
  const waitAll = async () => {
    const deadline = Date.now() + 30_000
    while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  // Each move's answer time, and its first and last arrival: where a slow tail comes from.
  const perMove: Array<{ answeredMs: number; firstMs: number; lastMs: number }> = []
  const tenth = (ms: number) => Math.round(ms * 10) / 10
  // CPU each side spends per move (all 1,000 deliveries): what stretches a move's last arrival on a
  // machine whose 2 CPUs run both servers and every client; less sensitive to load than latencies.
  const cpu = () => ({ servers: processCpuSeconds(nodeA.child.pid!) + processCpuSeconds(nodeB.child.pid!), clients: process.cpuUsage(), postgres: postgresCpuSeconds() })
  const moveCard = async (move: number) => {
    const id = cards[move % cards.length]
    const round = Math.floor(move / cards.length)
    const from = STAGES[round % 4]
    const to = STAGES[(round % 4) + 1]
    const entry: { sentAt: number; remaining: number; first?: number; last?: number } = { sentAt: now(), remaining: CLIENTS }
    pending.set(`${id}:${to}`, entry)
    if (managerClients > 0) pending.set(`notified:${id}:${manager.id}`, { sentAt: entry.sentAt, remaining: managerClients })
    await mover.trpc.pipeline.move.mutate({ id, fromStage: from, toStage: to })
    const answeredMs = now() - entry.sentAt
    await waitAll()
    return { answeredMs: tenth(answeredMs), firstMs: tenth(entry.first ?? NaN), lastMs: tenth(entry.last ?? NaN) }
  }
  // Unmeasured moves first, as every other bench warms up: the first few of a fresh pair of servers
  // (and clients) run code not yet optimised, 70-95 ms to their last arrival, not what a running node does.
  for (let move = 0; move < WARMUP_MOVES; move++) await moveCard(move)
  latencies.length = 0
  notificationLatencies.length = 0
  delivered = 0
  const cpuBefore = cpu()
  for (let move = WARMUP_MOVES; move < WARMUP_MOVES + MOVES; move++) perMove.push(await moveCard(move))
  const cpuAfter = cpu()
  const medianOfMoves = (measure: keyof (typeof perMove)[number]) => percentile(perMove.map((move) => move[measure]).sort((a, b) => a - b), 0.5)
  const clientCpuSeconds = (cpuAfter.clients.user - cpuBefore.clients.user + cpuAfter.clients.system - cpuBefore.clients.system) / 1e6
  const cpuMsPerMove = {
    servers: tenth(((cpuAfter.servers - cpuBefore.servers) * 1000) / MOVES),
    clients: tenth((clientCpuSeconds * 1000) / MOVES),
    postgres: tenth(((cpuAfter.postgres - cpuBefore.postgres) * 1000) / MOVES),
  }
  const sorted = [...latencies].sort((a, b) => a - b)
  const latency: LatencyStats = {
    requests: MOVES,
    errors: [...pending].filter(([key]) => !key.startsWith('notified:')).reduce((sum, [, item]) => sum + item.remaining, 0),
    durationMs: 0,
    requestsPerSecond: 0,
    p50Ms: Math.round(percentile(sorted, 0.5) * 100) / 100,
    p95Ms: Math.round(percentile(sorted, 0.95) * 100) / 100,
    p99Ms: Math.round(percentile(sorted, 0.99) * 100) / 100,
    maxMs: Math.round((sorted[sorted.length - 1] ?? NaN) * 100) / 100,
  }

  const notificationsSorted = [...notificationLatencies].sort((a, b) => a - b)
  const notifications = {
    expected: MOVES * managerClients,
    delivered: notificationLatencies.length,
    p50Ms: Math.round(percentile(notificationsSorted, 0.5) * 100) / 100,
    p95Ms: Math.round(percentile(notificationsSorted, 0.95) * 100) / 100,
    p99Ms: Math.round(percentile(notificationsSorted, 0.99) * 100) / 100,
  }

  // Throughput: a burst of moves, as fast as they go, on cards not moved above.
  pending.clear()
  delivered = 0
  const burstCards = board.items.slice(100, 100 + BURST).map((item) => item.id)
  const burstStart = now()
  for (const id of burstCards) pending.set(`${id}:LOST`, { sentAt: now(), remaining: CLIENTS })
  await Promise.all(
    burstCards.map(async (id, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 5))
      const current = await mover.trpc.organisations.byId.query({ id })
      await mover.trpc.pipeline.move.mutate({ id, fromStage: current.stage, toStage: 'LOST' })
    }),
  )
  await waitAll()
  const burstSeconds = (lastArrival - burstStart) / 1000
  await Promise.all(
    threads.map(async (worker) => {
      const closed = new Promise((resolve) => worker.on('message', (message: { kind: string }) => message.kind === 'closed' && resolve(undefined)))
      worker.postMessage({ kind: 'close' })
      await closed
      await worker.terminate()
    }),
  )
  for (const session of sessions) session.closeWebSocket()

  return {
    clients: CLIENTS,
    clientThreads: CLIENT_THREADS,
    client: CLIENT,
    moves: MOVES,
    warmupMoves: WARMUP_MOVES,
    latency,
    notifications,
    slowestMoves: [...perMove].sort((a, b) => b.lastMs - a.lastMs).slice(0, 5),
    cpuMsPerMove,
    movesAnsweredP50Ms: medianOfMoves('answeredMs'),
    // A move's first and last arrival, median over the moves: when its fan-out starts, and how long it spreads.
    firstArrivalP50Ms: tenth(medianOfMoves('firstMs')),
    lastArrivalP50Ms: tenth(medianOfMoves('lastMs')),
    burst: { moves: burstCards.length, deliveries: delivered, seconds: Math.round(burstSeconds * 100) / 100, eventsPerSecond: Math.round(delivered / burstSeconds) },
    memory: {
      beforeKb: before,
      afterKb: after,
      perClientKb: Math.round(perClientKb * 10) / 10,
      heapPerClientKb: heapPerClientKb === undefined ? undefined : Math.round(heapPerClientKb * 10) / 10,
    },
  }
}
