import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { hashPassword } from '../../src/server/features/auth/password.ts'
import { USER_COLORS, userColor, type PresenceMember } from '../../src/shared/realtime/collaboration.ts'
import { demoUsers, makeOrganisation, unique } from '../support/factories.ts'
import { freePort, startPrivateRedis, startServerProcess, type PrivateRedis, type ServerProcess } from '../support/processes.ts'
import { joinPresence, openNotes, request } from '../support/collaboration.ts'
import { connectSocket } from '../support/socket.ts'

// Two server processes sharing one PostgreSQL database and one Redis of their own (so the test can
// stop and restart it).
let database: TestDatabase
let redis: PrivateRedis
let nodeA: ServerProcess
let nodeB: ServerProcess
let parisTeam: string
let nodeEnv: Record<string, string>

beforeAll(async () => {
  database = await createTestDatabase()
  redis = await startPrivateRedis()
  nodeEnv = { DATABASE_URL: database.url, REDIS_URL: redis.url, SEED_DEMO: 'true', LOG_LEVEL: 'warn', DUE_TASK_INTERVAL_MS: '200' }
  // One after the other: the first seeds the demo data.
  nodeA = await startServerProcess({ ...nodeEnv, NODE_ID: 'node-a' })
  nodeB = await startServerProcess({ ...nodeEnv, NODE_ID: 'node-b' })
  parisTeam = (await demoUsers(database.prisma)).teams.paris
}, 120_000)

afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()])
  await redis?.stop()
  await database?.drop()
})

describe('two server nodes', () => {
  let moverOnA: TestClient
  let managerOnB: TestClient
  let lyonOnB: TestClient

  beforeAll(async () => {
    moverOnA = await loginAs(nodeA.url, 'sales.paris@demo.test')
    managerOnB = await loginAs(nodeB.url, 'manager.paris@demo.test')
    lyonOnB = await loginAs(nodeB.url, 'sales.lyon@demo.test')
  })

  it('a move made through node A reaches a browser and a typed subscriber on node B, and no Lyon user', async () => {
    const browser = await connectSocket(nodeB.url, managerOnB)
    const lyonBrowser = await connectSocket(nodeB.url, lyonOnB)
    const typed: Array<{ data: { entityId: string } }> = []
    const lyonTyped: unknown[] = []
    const subscription = managerOnB.trpc.pipeline.onChange.subscribe(undefined, { onData: (data) => typed.push(data as never) })
    const lyonSubscription = lyonOnB.trpc.pipeline.onChange.subscribe(undefined, { onData: (data) => lyonTyped.push(data) })
    await new Promise((resolve) => setTimeout(resolve, 500))

    const card = await makeOrganisation(database.prisma, { teamId: parisTeam })
    await moverOnA.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'NEGOTIATION' })

    const event = await browser.waitFor((item) => item.entityId === card.id)
    expect(event.payload).toMatchObject({ changes: { stage: { from: 'PROSPECT', to: 'NEGOTIATION' } } })
    await expect.poll(() => typed.some((item) => item.data.entityId === card.id), { timeout: 10_000 }).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(lyonBrowser.events).toEqual([])
    expect(lyonTyped).toEqual([])

    subscription.unsubscribe()
    lyonSubscription.unsubscribe()
    browser.close()
    lyonBrowser.close()
  })

  it('loses no event while Redis restarts mid-stream: writes succeed, and everything arrives once, in order', async () => {
    // The relaying node hands events to its own sockets in process: they go on arriving there while
    // Redis is away, and the copy that comes back through Redis later is not delivered twice.
    const relaying = (await (await fetch(`${nodeA.url}/healthz`)).json()).relaysEvents ? nodeA : nodeB
    const managerOnRelaying = await loginAs(relaying.url, 'manager.paris@demo.test')
    const browser = await connectSocket(nodeB.url, managerOnB)
    const browserOnRelaying = relaying === nodeB ? browser : await connectSocket(relaying.url, managerOnRelaying)
    const card = await makeOrganisation(database.prisma, { teamId: parisTeam })
    const stages = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const
    const movesOf = (client: typeof browser) => client.events.filter((item) => item.entityId === card.id).map((item) => (item.payload as any).changes.stage.to)

    await moverOnA.trpc.pipeline.move.mutate({ id: card.id, fromStage: stages[0], toStage: stages[1] })
    await browser.waitFor((item) => item.entityId === card.id)

    await redis.stop()
    // Writes go on while Redis is away.
    await moverOnA.trpc.pipeline.move.mutate({ id: card.id, fromStage: stages[1], toStage: stages[2] })
    await browserOnRelaying.waitFor((item) => item.entityId === card.id && (item.payload as any).changes.stage.to === 'PROPOSAL')
    await moverOnA.trpc.pipeline.move.mutate({ id: card.id, fromStage: stages[2], toStage: stages[3] })
    await redis.start()
    await moverOnA.trpc.pipeline.move.mutate({ id: card.id, fromStage: stages[3], toStage: stages[4] })

    for (const client of new Set([browser, browserOnRelaying])) {
      await client.waitFor((item) => item.entityId === card.id && (item.payload as any).changes.stage.to === 'WON', 30_000)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(movesOf(browser)).toEqual(['QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'])
    expect(movesOf(browserOnRelaying)).toEqual(['QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON'])
    browser.close()
    browserOnRelaying.close()
    managerOnRelaying.closeWebSocket()
  }, 60_000)

  it('fires the due-task notification once with both nodes checking', async () => {
    const assignee = await database.prisma.user.findUniqueOrThrow({ where: { email: 'sales.paris@demo.test' } })
    const tasks = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        database.prisma.task.create({
          data: { title: `Échéance ${index}`, dueAt: new Date(Date.now() - 1_000), teamId: parisTeam, assigneeId: assignee.id },
        }),
      ),
    )
    const links = tasks.map((task) => `/tasks/${task.id}`)
    const count = () => database.prisma.notification.count({ where: { type: 'TASK_DUE', link: { in: links } } })
    await expect.poll(count, { timeout: 10_000 }).toBe(20)
    // Several more check intervals on both nodes: still one notification per task.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(await count()).toBe(20)
  })
})

/**
 * A TCP relay to a node that can go silent without closing anything, as a dropped Wi-Fi or a laptop
 * lid does: no FIN, no RST, just no more bytes either way.
 */
async function silenceableRelay(targetUrl: string) {
  const target = new URL(targetUrl)
  const sockets = new Set<net.Socket>()
  let silent = false
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname)
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from)
      from.on('data', (chunk) => silent || to.write(chunk))
      from.on('error', () => undefined)
      from.on('close', () => to.destroy())
    }
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    silence: () => (silent = true),
    close: () => {
      for (const socket of sockets) socket.destroy()
      server.close()
    },
  }
}

describe('presence across two nodes', () => {
  it('shows everyone on an organisation page whatever their node, and drops a lost connection within 10 s', async () => {
    const demo = await demoUsers(database.prisma)
    const organisation = await makeOrganisation(database.prisma, { teamId: parisTeam })
    const [sales, manager] = await Promise.all([loginAs(nodeA.url, 'sales.paris@demo.test'), loginAs(nodeB.url, 'manager.paris@demo.test')])
    const relay = await silenceableRelay(nodeB.url)
    const onA = await connectSocket(nodeA.url, sales)
    const onB = await connectSocket(relay.url, manager)
    try {
      expect((await joinPresence(onA, organisation.id)).ok).toBe(true)
      const managerId = demo.byEmail.get('manager.paris@demo.test')!.id
      const editing = new Promise<any>((resolve) =>
        onA.on('presence:changed', (payload) => payload.member.userId === managerId && payload.member.field === 'city' && resolve(payload)),
      )
      // Joining on B lists the user on A: the room is shared through Redis.
      const joined = await joinPresence(onB, organisation.id)
      expect(joined.members?.map((member) => member.userId)).toContain(demo.byEmail.get('sales.paris@demo.test')!.id)
      expect(await request(onB, 'presence:update', { organisationId: organisation.id, field: 'city', status: 'active' })).toEqual({ ok: true })
      expect((await editing).member).toMatchObject({ socketId: onB.id, name: 'Marc Lefebvre', status: 'active' })

      // B's connection goes silent: B's node notices by its pings and tells A's users.
      const lostSocketId = onB.id
      const left = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('still present 10 s after the connection was lost')), 10_000)
        onA.on('presence:left', (payload) => {
          if (payload.socketId !== lostSocketId) return
          clearTimeout(timer)
          resolve()
        })
      })
      relay.silence()
      await left
    } finally {
      onA.close()
      onB.close()
      relay.close()
    }
  }, 60_000)

  it('shows a renamed user’s new name and colour at once on every node, whether they or an admin made the change', async () => {
    const organisation = await makeOrganisation(database.prisma, { teamId: parisTeam })
    // A member of their own: renaming a demo account would change what other tests expect.
    const email = `${unique('renamed').replace(' ', '-')}@factory.test`
    const password = 'correct-horse-battery'
    const member = await database.prisma.user.create({
      data: { email, name: unique('Avant'), role: 'SALES', teamId: parisTeam, passwordHash: await hashPassword(password) },
    })
    // The renamed user is on node B; the teammate watching the page, and the renaming, go through node A.
    const [renamed, watcher, admin] = await Promise.all([
      loginAs(nodeB.url, email, password),
      loginAs(nodeA.url, 'manager.paris@demo.test'),
      loginAs(nodeA.url, 'admin@demo.test'),
    ])
    const onB = await connectSocket(nodeB.url, renamed)
    const onA = await connectSocket(nodeA.url, watcher)
    const seen: PresenceMember[] = []
    onA.on('presence:changed', (payload) => payload.member.userId === member.id && seen.push(payload.member))
    const memberNamed = (name: string) => expect.poll(() => seen.find((item) => item.name === name), { timeout: 10_000 }).toBeTruthy()
    try {
      expect((await joinPresence(onA, organisation.id)).ok).toBe(true)
      expect((await joinPresence(onB, organisation.id)).ok).toBe(true)
      await memberNamed(member.name)

      // Their own settings, saved through the other node: no reconnection, the watcher sees it.
      await renamed.trpc.settings.updateProfile.mutate({ name: 'Léa Nouveau', avatarColor: USER_COLORS[3] })
      await memberNamed('Léa Nouveau')
      expect(seen.at(-1)).toMatchObject({ socketId: onB.id, name: 'Léa Nouveau', color: USER_COLORS[3] })

      // An admin's rename keeps the colour the user chose.
      const { version } = await database.prisma.user.findUniqueOrThrow({ where: { id: member.id }, select: { version: true } })
      await admin.trpc.users.update.mutate({ id: member.id, version, data: { name: 'Léa Renommée' } })
      await memberNamed('Léa Renommée')
      expect(seen.at(-1)).toMatchObject({ socketId: onB.id, color: USER_COLORS[3] })

      // Someone joining later, on either node, hears the new name too.
      const late = await connectSocket(nodeB.url, await loginAs(nodeB.url, 'sales.paris@demo.test'))
      const joined = await joinPresence(late, organisation.id)
      expect(joined.members?.find((item) => item.userId === member.id)).toMatchObject({ name: 'Léa Renommée', color: USER_COLORS[3] })
      late.close()

      // Back to the automatic colour: the one derived from the id, everywhere.
      await renamed.trpc.settings.updateProfile.mutate({ name: 'Léa Renommée', avatarColor: null })
      await expect.poll(() => seen.at(-1)?.color, { timeout: 10_000 }).toBe(userColor(member.id))
    } finally {
      onA.close()
      onB.close()
    }
  }, 60_000)
})

describe('co-edited notes and a crashed node', () => {
  it('keeps every acknowledged keystroke when the node that stored it is killed and restarted', async () => {
    const organisation = await makeOrganisation(database.prisma, { teamId: parisTeam })
    const [sales, manager] = await Promise.all([loginAs(nodeA.url, 'sales.paris@demo.test'), loginAs(nodeB.url, 'manager.paris@demo.test')])
    const onA = await connectSocket(nodeA.url, sales)
    const onB = await connectSocket(nodeB.url, manager)
    const [writerA, writerB] = await Promise.all([openNotes(onA, organisation.id), openNotes(onB, organisation.id)])
    for (let index = 0; index < 10; index++) {
      expect(await writerA.insert(writerA.text.length, `a${index} `)).toEqual({ ok: true })
      expect(await writerB.insert(0, `b${index} `)).toEqual({ ok: true })
    }

    // No graceful close: whatever was acknowledged must already be in PostgreSQL.
    const killed = new Promise((resolve) => nodeA.child.once('exit', resolve))
    nodeA.child.kill('SIGKILL')
    await killed
    onA.close()
    nodeA = await startServerProcess({ ...nodeEnv, NODE_ID: 'node-a' })

    // The session survives too: it lives in the database.
    const reopened = await openNotes(await connectSocket(nodeA.url, sales), organisation.id)
    const text = reopened.text.toString()
    for (const piece of [...writerA.acknowledged, ...writerB.acknowledged]) expect(text).toContain(piece)
    expect(text.length).toBe([...writerA.acknowledged, ...writerB.acknowledged].join('').length)
    onB.close()
  }, 120_000)
})
