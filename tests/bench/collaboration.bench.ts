import { io, type Socket } from 'socket.io-client'
import { loginAs } from '../support/client.ts'
import type { ServerProcess } from '../support/processes.ts'
import { percentile } from './measure.ts'

const USERS = Number(process.env.BENCH_ROOM_USERS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROOM_ROUNDS ?? 30)

const round2 = (value: number) => Math.round(value * 100) / 100
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return { samples: sorted.length, p50Ms: round2(percentile(sorted, 0.5)), p95Ms: round2(percentile(sorted, 0.95)) }
}

/** 50 users in one organisation's room across two nodes: presence and field-update latency. */
export async function benchCollaborationRoom(nodeA: ServerProcess, nodeB: ServerProcess) {
  const writer = await loginAs(nodeA.url, 'sales.paris@demo.test')
  const sessions = await Promise.all(['manager.paris@demo.test', 'viewer.paris@demo.test', 'admin@demo.test', 'sales.paris@demo.test'].map((email) => loginAs(nodeA.url, email)))
  const organisation = (await writer.trpc.organisations.list.query({ limit: 1, sort: { field: 'name', direction: 'asc' } })).items[0]
  let version = (await writer.trpc.organisations.byId.query({ id: organisation.id })).version

  type Waiter = { sentAt: number; remaining: number; samples: number[] }
  let presenceWaiter: ({ tag: string } & Waiter) | undefined
  let fieldWaiter: { value: string } & Waiter | undefined
  const sockets: Socket[] = []
  for (let index = 0; index < USERS; index++) {
    const node = index % 2 === 0 ? nodeA : nodeB
    const socket = io(node.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: sessions[index % sessions.length].jar.header() }, reconnection: false })
    await new Promise<void>((resolve, reject) => socket.once('session:ready', () => resolve()).once('connect_error', reject))
    socket.on('presence:changed', (payload: { member: { field: string | null } }) => {
      if (!presenceWaiter || payload.member.field !== presenceWaiter.tag) return
      presenceWaiter.samples.push(performance.now() - presenceWaiter.sentAt)
      presenceWaiter.remaining--
    })
    socket.on('events:new', (event: { entityId: string; payload: { changes?: { city?: { to: string } } } }) => {
      if (!fieldWaiter || event.entityId !== organisation.id || event.payload.changes?.city?.to !== fieldWaiter.value) return
      fieldWaiter.samples.push(performance.now() - fieldWaiter.sentAt)
      fieldWaiter.remaining--
    })
    await socket.timeout(10_000).emitWithAck('presence:join', { organisationId: organisation.id })
    sockets.push(socket)
  }
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 20_000
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2))
  }

  const presenceSamples: number[] = []
  const fieldSamples: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    // The field name carries the round, so each round's arrivals are told apart.
    presenceWaiter = { tag: `field${round}`, sentAt: performance.now(), remaining: USERS - 1, samples: presenceSamples }
    sockets[round % USERS].emit('presence:update', { organisationId: organisation.id, field: presenceWaiter.tag, status: 'active' })
    await until(() => presenceWaiter!.remaining <= 0)

    const value = `Ville ${round}-${Date.now()}`
    fieldWaiter = { value, sentAt: performance.now(), remaining: USERS, samples: fieldSamples }
    const saved = await writer.trpc.organisations.update.mutate({ id: organisation.id, version, data: { city: value } })
    version = saved.version
    await until(() => fieldWaiter!.remaining <= 0)
  }
  for (const socket of sockets) socket.close()
  return { users: USERS, rounds: ROUNDS, presence: stats(presenceSamples), fieldUpdate: stats(fieldSamples) }
}
