import { parentPort, workerData } from 'node:worker_threads'
import { io, type Socket } from 'socket.io-client'
import type { LiveEventPayload } from '../../src/shared/realtime/events.ts'

// A share of the live bench's Socket.IO clients (live.bench.ts), in a thread of its own: a real
// audience decodes its messages on many machines at once, not one after another in one thread.
// Reports each arrival as `entityId:toStage` with its time on the shared clock (timeOrigin + now).

interface Setup {
  clients: Array<{ url: string; cookie: string }>
}

const { clients } = workerData as Setup
const sockets: Socket[] = []
let arrivals: Array<[string, number]> = []
let flushing = false

function flush() {
  flushing = false
  const batch = arrivals
  arrivals = []
  parentPort!.postMessage({ kind: 'arrivals', batch })
}

for (const { url, cookie } of clients) {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false })
  socket.on('events:new', (event: LiveEventPayload) => {
    const at = performance.timeOrigin + performance.now()
    arrivals.push([`${event.entityId}:${(event.payload as { changes?: { stage?: { to?: string } } }).changes?.stage?.to}`, at])
    if (!flushing) {
      flushing = true
      setImmediate(flush)
    }
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve())
    socket.once('connect_error', reject)
  })
  sockets.push(socket)
}
parentPort!.postMessage({ kind: 'ready' })
parentPort!.on('message', (message: { kind: string }) => {
  if (message.kind !== 'close') return
  for (const socket of sockets) socket.close()
  parentPort!.postMessage({ kind: 'closed' })
})
