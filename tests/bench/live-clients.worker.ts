import { parentPort, workerData } from 'node:worker_threads'
import { io } from 'socket.io-client'
import WebSocket from 'ws'
import type { LiveEventPayload } from '../../src/shared/realtime/events.ts'

// A share of the live bench's Socket.IO clients (live.bench.ts), in a thread of its own: a real
// audience decodes its messages on many machines at once, not one after another in one thread.
// Reports each arrival as `entityId:toStage` with its time on the shared clock (timeOrigin + now).

interface Setup {
  clients: Array<{ url: string; cookie: string }>
  /** `socket.io`: socket.io-client, as the browser app; `protocol`: see connectProtocol. */
  client: 'socket.io' | 'protocol'
}

const { clients, client } = workerData as Setup
const sockets: Array<{ close(): void }> = []
// Arrival times per `entityId:toStage`, sent to the main thread every FLUSH_MS as Float64Arrays
// (transferred, not copied): the bookkeeping costs the thread next to nothing per arrival, so the
// CPU it takes from the servers (same 2 CPUs) is the clients' decoding, not the bench's.
const FLUSH_MS = 20
let arrivals = new Map<string, number[]>()
let flushing = false

function flush() {
  flushing = false
  const batch = [...arrivals].map(([key, times]) => [key, Float64Array.from(times)] as const)
  arrivals = new Map()
  parentPort!.postMessage({ kind: 'arrivals', batch }, batch.map(([, times]) => times.buffer))
}

function arrived(key: string, at: number) {
  const times = arrivals.get(key)
  if (times) times.push(at)
  else arrivals.set(key, [at])
  if (!flushing) {
    flushing = true
    setTimeout(flush, FLUSH_MS)
  }
}

/**
 * What an arrival is reported under: a stage change as `entityId:toStage`; a notification as
 * `notified:organisationId:recipientId` (a manager's, for a move of that organisation).
 */
function arrivalKey(event: LiveEventPayload): string {
  if (event.type === 'notification.created') {
    const { recipientId, notification } = event.payload as { recipientId: string; notification: { link: string } }
    return `notified:${notification.link.split('/').pop()}:${recipientId}`
  }
  return `${event.entityId}:${(event.payload as { changes?: { stage?: { to?: string } } }).changes?.stage?.to}`
}

async function connectSocketIo(url: string, cookie: string) {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false })
  socket.on('events:new', (event: LiveEventPayload) => arrived(arrivalKey(event), performance.timeOrigin + performance.now()))
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve())
    socket.once('connect_error', reject)
  })
  return socket
}

/**
 * The same conversation as socket.io-client over a WebSocket, with nothing else: Engine.IO open
 * (`0{…}`), Socket.IO connect (`40`), pings answered (`2` → `3`), events (`42[name, data]`) decoded
 * with JSON.parse. The server does exactly the same work; the client thread spends a fraction of
 * socket.io-client's CPU per message (its emitters, parsers and debug hooks), CPU the servers share
 * on this machine, whereas a real audience decodes on its own machines.
 */
async function connectProtocol(url: string, cookie: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie } })
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject)
    socket.on('message', (data: Buffer) => {
      const text = data.toString()
      if (text.startsWith('42')) {
        const [name, payload] = JSON.parse(text.slice(2)) as [string, LiveEventPayload]
        if (name === 'events:new') arrived(arrivalKey(payload), performance.timeOrigin + performance.now())
        else if (name === 'session:ready') resolve()
      } else if (text === '2') socket.send('3')
      else if (text.startsWith('0')) socket.send('40')
      else if (text.startsWith('44')) reject(new Error(`refused: ${text}`))
    })
  })
  return socket
}

for (const { url, cookie } of clients) sockets.push(client === 'protocol' ? await connectProtocol(url, cookie) : await connectSocketIo(url, cookie))
parentPort!.postMessage({ kind: 'ready' })
parentPort!.on('message', (message: { kind: string }) => {
  if (message.kind !== 'close') return
  for (const socket of sockets) socket.close()
  parentPort!.postMessage({ kind: 'closed' })
})
