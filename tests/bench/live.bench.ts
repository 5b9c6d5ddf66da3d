import fs from 'node:fs'
import { io, type Socket } from 'socket.io-client'
import type { LiveEventPayload } from '../../src/shared/realtime/events.ts'
import { loginAs } from '../support/client.ts'
import type { ServerProcess } from '../support/processes.ts'
import { percentile, type LatencyStats } from './measure.ts'

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 1000)
const MOVES = Number(process.env.BENCH_LIVE_MOVES ?? 60)
const BURST = Number(process.env.BENCH_LIVE_BURST ?? 100)
const STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)![1])
}

type Arrival = (event: LiveEventPayload, at: number) => void

async function connect(url: string, cookie: string, onEvent: Arrival): Promise<Socket> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false })
  socket.on('events:new', (event: LiveEventPayload) => onEvent(event, performance.now()))
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve())
    socket.once('connect_error', reject)
  })
  return socket
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
  const before = { a: rssKb(nodeA.child.pid!), b: rssKb(nodeB.child.pid!) }

  const pending = new Map<string, { sentAt: number; remaining: number }>()
  const latencies: number[] = []
  let delivered = 0
  let lastArrival = 0
  const onEvent: Arrival = (event, at) => {
    const key = `${event.entityId}:${(event.payload as any).changes?.stage?.to}`
    const waiting = pending.get(key)
    if (!waiting) return
    delivered++
    lastArrival = at
    latencies.push(at - waiting.sentAt)
    if (--waiting.remaining === 0) pending.delete(key)
  }

  const sockets: Socket[] = []
  for (let index = 0; index < CLIENTS; index++) {
    const node = index % 2 === 0 ? nodeA : nodeB
    sockets.push(await connect(node.url, sessions[index % sessions.length].jar.header(), onEvent))
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  const after = { a: rssKb(nodeA.child.pid!), b: rssKb(nodeB.child.pid!) }
  const perClientKb = ((after.a - before.a) + (after.b - before.b)) / CLIENTS

  // Latency: one move at a time, each awaited by every client.
  const waitAll = async () => {
    const deadline = Date.now() + 30_000
    while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  for (let move = 0; move < MOVES; move++) {
    const id = cards[move % cards.length]
    const round = Math.floor(move / cards.length)
    const from = STAGES[round % 4]
    const to = STAGES[(round % 4) + 1]
    pending.set(`${id}:${to}`, { sentAt: performance.now(), remaining: CLIENTS })
    await mover.trpc.pipeline.move.mutate({ id, fromStage: from, toStage: to })
    await waitAll()
  }
  const sorted = [...latencies].sort((a, b) => a - b)
  const latency: LatencyStats = {
    requests: MOVES,
    errors: [...pending.values()].reduce((sum, item) => sum + item.remaining, 0),
    durationMs: 0,
    requestsPerSecond: 0,
    p50Ms: Math.round(percentile(sorted, 0.5) * 100) / 100,
    p95Ms: Math.round(percentile(sorted, 0.95) * 100) / 100,
    p99Ms: Math.round(percentile(sorted, 0.99) * 100) / 100,
    maxMs: Math.round((sorted[sorted.length - 1] ?? NaN) * 100) / 100,
  }

  // Throughput: a burst of moves, as fast as they go, on cards not moved above.
  pending.clear()
  delivered = 0
  const burstCards = board.items.slice(100, 100 + BURST).map((item) => item.id)
  const burstStart = performance.now()
  for (const id of burstCards) pending.set(`${id}:LOST`, { sentAt: performance.now(), remaining: CLIENTS })
  await Promise.all(
    burstCards.map(async (id, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 5))
      const current = await mover.trpc.organisations.byId.query({ id })
      await mover.trpc.pipeline.move.mutate({ id, fromStage: current.stage, toStage: 'LOST' })
    }),
  )
  await waitAll()
  const burstSeconds = (lastArrival - burstStart) / 1000
  for (const socket of sockets) socket.close()
  for (const session of sessions) session.closeWebSocket()

  return {
    clients: CLIENTS,
    moves: MOVES,
    latency,
    burst: { moves: burstCards.length, deliveries: delivered, seconds: Math.round(burstSeconds * 100) / 100, eventsPerSecond: Math.round(delivered / burstSeconds) },
    memory: { beforeKb: before, afterKb: after, perClientKb: Math.round(perClientKb * 10) / 10 },
  }
}
