import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation } from '../support/factories.ts'
import { connectSocket } from '../support/socket.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { appendEvents } from '../../src/server/events/event-log.ts'

let server: TestServer
let salesParis: TestClient
let managerParis: TestClient
let salesLyon: TestClient
let admin: TestClient
let parisTeam: string

beforeAll(async () => {
  server = await startTestServer()
  ;[salesParis, managerParis, salesLyon, admin] = await Promise.all(
    ['sales.paris@demo.test', 'manager.paris@demo.test', 'sales.lyon@demo.test', 'admin@demo.test'].map((email) => loginAs(server.url, email)),
  )
  parisTeam = (await demoUsers(server.deps.prisma)).teams.paris
})
afterAll(async () => {
  await server?.stop()
})

const parisCard = () => makeOrganisation(server.deps.prisma, { teamId: parisTeam })

describe('live events', () => {
  it('delivers a pipeline move to the team and admins over Socket.IO, never to another team', async () => {
    const [teammate, lyon, adminSocket] = await Promise.all([
      connectSocket(server.url, managerParis),
      connectSocket(server.url, salesLyon),
      connectSocket(server.url, admin),
    ])
    const card = await parisCard()
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })
    const isMove = (event: { entityId: string }) => event.entityId === card.id
    const received = await teammate.waitFor(isMove)
    expect(received).toMatchObject({ type: 'organisation.updated', teamId: parisTeam, payload: { changes: { stage: { from: 'PROSPECT', to: 'QUALIFIED' } } } })
    await adminSocket.waitFor(isMove)
    // Lyon saw nothing of it, even once the event has reached everyone else.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(lyon.events.filter(isMove)).toEqual([])
    expect(lyon.events.every((event) => event.teamId !== parisTeam)).toBe(true)
    for (const socket of [teammate, lyon, adminSocket]) socket.close()
  })

  it('writes a burst of moves to WebSocket and long-polling sockets alike: every event once, in order', async () => {
    const [direct, polling] = await Promise.all([connectSocket(server.url, managerParis), connectSocket(server.url, managerParis, { polling: true })])
    const deliveries = async () => (await (await fetch(`${server.url}/healthz`)).json()).liveDeliveries as { direct: number; throughEngine: number }
    const before = await deliveries()
    const cards = await Promise.all(Array.from({ length: 30 }, () => parisCard()))
    await Promise.all(cards.map((card) => salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })))
    const ids = new Set(cards.map((card) => card.id))
    for (const socket of [direct, polling]) {
      await expect.poll(() => socket.events.filter((event) => ids.has(event.entityId)).length, { timeout: 10_000 }).toBe(30)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    const received = (socket: typeof direct) => socket.events.filter((event) => ids.has(event.entityId)).map((event) => BigInt(event.id))
    for (const socket of [direct, polling]) {
      const order = received(socket)
      expect(order).toHaveLength(30)
      expect(order.every((id, index) => index === 0 || id > order[index - 1])).toBe(true)
    }
    expect(received(polling)).toEqual(received(direct))
    // The WebSocket connection was written to directly, the long-polling one through Engine.IO.
    const after = await deliveries()
    expect(after.direct).toBeGreaterThan(before.direct)
    expect(after.throughEngine).toBeGreaterThan(before.throughEngine)
    direct.close()
    polling.close()
  })

  it('delivers the same move to a typed tRPC subscriber, scoped the same way', async () => {
    const card = await parisCard()
    const received: Array<{ id: string; data: { entityId: string } }> = []
    const lyonReceived: unknown[] = []
    const subscriber = await loginAs(server.url, 'viewer.paris@demo.test')
    const subscription = subscriber.trpc.pipeline.onChange.subscribe(undefined, { onData: (data) => received.push(data as never) })
    const lyonSubscription = salesLyon.trpc.pipeline.onChange.subscribe(undefined, { onData: (data) => lyonReceived.push(data) })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'PROPOSAL' })
    await expect.poll(() => received.find((item) => item.data.entityId === card.id), { timeout: 10_000 }).toBeTruthy()
    expect(lyonReceived).toEqual([])
    subscription.unsubscribe()
    lyonSubscription.unsubscribe()
    subscriber.closeWebSocket()
    salesLyon.closeWebSocket()
  })

  it('catches a reconnecting client up from its last event id, with no gap and no duplicate', async () => {
    const first = await connectSocket(server.url, managerParis)
    const card = await parisCard()
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })
    const seen = await first.waitFor((event) => event.entityId === card.id)
    first.close()

    // While disconnected: three more moves.
    const stages = ['QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const
    for (let index = 0; index < 3; index++) {
      await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: stages[index], toStage: stages[index + 1] })
    }
    const again = await connectSocket(server.url, managerParis, { lastEventId: seen.id })
    await again.waitFor((event) => event.entityId === card.id && (event.payload as any).changes?.stage?.to === 'WON')
    const moves = again.events.filter((event) => event.entityId === card.id).map((event) => (event.payload as any).changes.stage.to)
    expect(moves).toEqual(['PROPOSAL', 'NEGOTIATION', 'WON'])
    const ids = again.events.map((event) => BigInt(event.id))
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(new Set(ids).size).toBe(ids.length)
    again.close()
  })

  it('relays and projects events in id order when ids gain a digit (numbers, not text)', async () => {
    const prisma = server.deps.prisma
    await server.deps.dispatcher.drain()
    // The next ids just below a power of ten: 9,995 … 10,006 sort differently as text.
    const { max } = (await prisma.$queryRaw<Array<{ max: bigint }>>`SELECT COALESCE(max(id), 0) AS max FROM "DomainEvent"`)[0]
    const next = 10 ** (String(Number(max) + 12).length) - 5
    await prisma.$queryRaw`SELECT setval(pg_get_serial_sequence('"DomainEvent"', 'id'), ${next - 1}::bigint)`
    const seen: bigint[] = []
    const card = await parisCard()
    const unsubscribe = server.deps.dispatcher.subscribe((event) => void (event.entityId === card.id && seen.push(BigInt(event.id))))
    // Twelve moves committed at once: the relay and the projections read them in one batch.
    const stages = ['PROSPECT', 'QUALIFIED', 'PROPOSAL']
    const moves = Array.from({ length: 12 }, (_, index) => ({
      type: 'organisation.updated' as const,
      entity: 'organisation',
      entityId: card.id,
      teamId: parisTeam,
      actorId: null,
      payload: { name: card.name, ownerId: null, changes: { stage: { from: stages[index % 3], to: stages[(index + 1) % 3] } } },
    }))
    try {
      await prisma.$transaction((tx) => appendEvents(tx, moves))
      await expect.poll(() => seen.filter((id) => id >= BigInt(next)).length, { timeout: 10_000 }).toBe(12)
      const managers = await prisma.user.count({ where: { teamId: parisTeam, role: 'MANAGER', isActive: true } })
      await expect.poll(() => prisma.notification.count({ where: { link: `/organisations/${card.id}`, type: 'PIPELINE_UPDATE' } }), { timeout: 10_000 }).toBe(12 * managers)
    } finally {
      unsubscribe()
    }
    // In id order across the new digit (another event, a notification's, may have taken an id between).
    const crossing = seen.filter((id) => id >= BigInt(next))
    expect(crossing).toEqual([...crossing].sort((a, b) => (a < b ? -1 : 1)))
    expect(crossing[0]).toBeLessThan(BigInt(next + 5))
    expect(crossing[11]).toBeGreaterThanOrEqual(BigInt(next + 5))
  })

  it('refuses a move from a stage the card has already left, leaving it where the other user put it', async () => {
    const card = await parisCard()
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })
    await expect(managerParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'LOST' })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    })
    expect((await salesParis.trpc.organisations.byId.query({ id: card.id })).stage).toBe('QUALIFIED')
  })

  it('names who moved the card in the CONFLICT, even after a later edit of another field by someone else', async () => {
    const card = await parisCard()
    const mover = await server.deps.prisma.user.findUniqueOrThrow({ where: { email: 'sales.paris@demo.test' }, select: { id: true, name: true } })
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'PROPOSAL' })
    const { version } = await managerParis.trpc.organisations.byId.query({ id: card.id })
    await managerParis.trpc.organisations.update.mutate({ id: card.id, version, data: { city: 'Versailles' } })

    const conflict = await errorOf(managerParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'WON' }))
    expect(conflict.data?.code).toBe('CONFLICT')
    expect(conflict.data?.details).toMatchObject({
      current: { id: card.id, stage: 'PROPOSAL', city: 'Versailles', version: version + 1 },
      movedBy: { id: mover.id, name: mover.name },
    })
  })

  it('answers movedBy null when the log records no move of the card', async () => {
    const card = await parisCard()
    // Changed behind the API's back: no event says who put it there.
    await server.deps.prisma.organisation.update({ where: { id: card.id }, data: { stage: 'NEGOTIATION' } })
    const conflict = await errorOf(managerParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'WON' }))
    expect(conflict.data?.details).toMatchObject({ current: { stage: 'NEGOTIATION' }, movedBy: null })
  })
})
