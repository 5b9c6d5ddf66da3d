import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { demoUsers, unique } from '../support/factories.ts'
import { startPrivateRedis, startServerProcess, type PrivateRedis, type ServerProcess } from '../support/processes.ts'

// The exact read cache across two server processes sharing one PostgreSQL and one Redis of this
// test's own (so it can kill it; the shared Redis is never touched).
let database: TestDatabase
let redis: PrivateRedis
let nodeA: ServerProcess
let nodeB: ServerProcess
let teams: { paris: string; lyon: string }

interface CacheStats {
  hits: number
  misses: number
  bypasses: number
  trusted: boolean
}
const stats = async (node: ServerProcess): Promise<CacheStats> => (await (await fetch(`${node.url}/healthz`)).json()).readCache

beforeAll(async () => {
  database = await createTestDatabase()
  redis = await startPrivateRedis()
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, SEED_DEMO: 'true', LOG_LEVEL: 'warn' }
  nodeA = await startServerProcess({ ...env, NODE_ID: 'cache-a' })
  nodeB = await startServerProcess({ ...env, NODE_ID: 'cache-b' })
  teams = (await demoUsers(database.prisma)).teams
}, 120_000)

afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()])
  await redis?.stop()
  await database?.drop()
})

describe('exact read cache over two nodes', () => {
  let salesA: TestClient
  let salesB: TestClient
  let managerB: TestClient
  let adminA: TestClient

  beforeAll(async () => {
    ;[salesA, salesB, managerB, adminA] = await Promise.all([
      loginAs(nodeA.url, 'sales.paris@demo.test'),
      loginAs(nodeB.url, 'sales.paris@demo.test'),
      loginAs(nodeB.url, 'manager.paris@demo.test'),
      loginAs(nodeA.url, 'admin@demo.test'),
    ])
  })

  it('a randomized run of interleaved writes and reads on both nodes finds no stale read after a write has answered', async () => {
    const writers = [salesA, salesB, managerB, adminA]
    const readers = [salesA, salesB, managerB, adminA]
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, index) => salesA.trpc.organisations.create.mutate({ name: unique(`Cache ${index}`), type: 'INVESTOR', potentialAmount: 1000 * (index + 1) })),
    )
    /** What each record is after the last write that answered. */
    const expected = new Map(created.map((organisation) => [organisation.id, { version: organisation.version, name: organisation.name, stage: organisation.stage }]))
    const ids = [...expected.keys()]
    const stages = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'] as const
    let seed = 14
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const before = [await stats(nodeA), await stats(nodeB)]
    let stale = 0
    const checks: string[] = []

    // Background readers keep every answer hot on both nodes while the writes happen.
    let reading = true
    const background = Promise.all(
      readers.map(async (reader, index) => {
        while (reading) {
          const id = ids[(index + random(ids.length)) % ids.length]
          await Promise.all([
            reader.trpc.organisations.byId.query({ id }),
            reader.trpc.organisations.list.query({ limit: 50 }),
            reader.trpc.pipeline.board.query({}),
          ]).catch(() => undefined)
        }
      }),
    )

    for (let round = 0; round < 40; round++) {
      const id = ids[random(ids.length)]
      const writer = writers[random(writers.length)]
      const current = expected.get(id)!
      if (random(2) === 0) {
        const name = unique(`Renamed ${round}`)
        const updated = await writer.trpc.organisations.update.mutate({ id, version: current.version, data: { name } })
        expected.set(id, { version: updated.version, name: updated.name, stage: updated.stage })
      } else {
        const toStage = stages.filter((stage) => stage !== current.stage)[random(stages.length - 1)]
        await writer.trpc.pipeline.move.mutate({ id, fromStage: current.stage, toStage })
        expected.set(id, { version: current.version + 1, name: current.name, stage: toStage })
      }
      // Right after the write answered: every reader, on either node, sees it.
      const want = expected.get(id)!
      await Promise.all(
        readers.map(async (reader, index) => {
          const [record, list, board] = await Promise.all([
            reader.trpc.organisations.byId.query({ id }),
            reader.trpc.organisations.list.query({ limit: 50 }),
            reader.trpc.pipeline.board.query({}),
          ])
          const listed = list.items.find((item) => item.id === id)
          const card = board.columns.find((column) => column.stage === want.stage)?.cards.find((item) => item.id === id)
          const ok =
            record.version === want.version &&
            record.name === want.name &&
            record.stage === want.stage &&
            listed?.version === want.version &&
            listed?.name === want.name &&
            card?.version === want.version
          if (!ok) {
            stale++
            checks.push(`round ${round}, reader ${index}: byId v${record.version}, list v${listed?.version}, card v${card?.version}, want v${want.version}`)
          }
        }),
      )
    }
    reading = false
    await background

    expect(checks).toEqual([])
    expect(stale).toBe(0)
    // The cache did serve answers on both nodes (otherwise this proves nothing).
    const after = [await stats(nodeA), await stats(nodeB)]
    expect(after[0].hits - before[0].hits).toBeGreaterThan(50)
    expect(after[1].hits - before[1].hits).toBeGreaterThan(50)
  }, 240_000)

  it('a create and a pipeline move show at once in the other node’s cached list, board and record', async () => {
    const list = () => salesB.trpc.organisations.list.query({ limit: 50, sort: { field: 'updatedAt', direction: 'desc' } })
    const board = () => salesB.trpc.pipeline.board.query({})
    const cardsOf = async () => (await board()).columns.flatMap((column) => column.cards.map((card) => [card.id, column.stage] as const))
    // Both answers hot on node B (read twice: the second is a hit).
    for (let round = 0; round < 2; round++) await Promise.all([list(), board()])
    const hitsBefore = (await stats(nodeB)).hits
    await Promise.all([list(), board()])
    expect((await stats(nodeB)).hits).toBeGreaterThanOrEqual(hitsBefore + 2)

    const created = await salesA.trpc.organisations.create.mutate({ name: unique('Créée sur A'), type: 'INVESTOR', potentialAmount: 5000 })
    expect((await list()).items.map((item) => item.id)).toContain(created.id)
    expect(new Map(await cardsOf()).get(created.id)).toBe('PROSPECT')
    expect((await salesB.trpc.organisations.byId.query({ id: created.id })).stage).toBe('PROSPECT')

    await salesA.trpc.pipeline.move.mutate({ id: created.id, fromStage: 'PROSPECT', toStage: 'NEGOTIATION' })
    expect(new Map(await cardsOf()).get(created.id)).toBe('NEGOTIATION')
    expect((await salesB.trpc.organisations.byId.query({ id: created.id })).stage).toBe('NEGOTIATION')
    expect((await list()).items.find((item) => item.id === created.id)?.stage).toBe('NEGOTIATION')
  })

  it('a user moved to another team stops seeing the old team’s cached answers at once', async () => {
    const email = `${unique('mover').replace(/\s/g, '-').toLowerCase()}@demo.test`
    await adminA.trpc.users.create.mutate({ email, name: 'Moving salesperson', role: 'SALES', teamId: teams.paris, password: 'Mover-password-2026' })
    const mover = await loginAs(nodeB.url, email, 'Mover-password-2026')
    // An admin chose that password: the user picks their own before anything else (issue 16).
    const own = 'Mover-own-choice-2026!'
    await mover.trpc.auth.changePassword.mutate({ currentPassword: 'Mover-password-2026', newPassword: own, confirmPassword: own })
    const parisOrganisation = await salesA.trpc.organisations.create.mutate({ name: unique('Paris only'), type: 'INVESTOR' })
    // Hot on both nodes for the Paris team.
    for (const client of [mover, salesB]) {
      await client.trpc.organisations.byId.query({ id: parisOrganisation.id })
      await client.trpc.organisations.list.query({ limit: 50 })
    }
    const hitsBefore = (await stats(nodeB)).hits
    expect((await mover.trpc.organisations.list.query({ limit: 50 })).items.some((item) => item.id === parisOrganisation.id)).toBe(true)
    expect((await stats(nodeB)).hits).toBeGreaterThan(hitsBefore)

    const user = await database.prisma.user.findUniqueOrThrow({ where: { email } })
    await adminA.trpc.users.update.mutate({ id: user.id, version: user.version, data: { teamId: teams.lyon } })

    await expect(mover.trpc.organisations.byId.query({ id: parisOrganisation.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } })
    const list = await mover.trpc.organisations.list.query({ limit: 50 })
    expect(list.items.length).toBeGreaterThan(0)
    expect(list.items.every((item) => item.teamId === teams.lyon)).toBe(true)
    const board = await mover.trpc.pipeline.board.query({})
    expect(board.columns.flatMap((column) => column.cards).every((card) => card.teamId === teams.lyon)).toBe(true)
    // The Paris team's cached answers still serve Paris.
    expect((await salesB.trpc.organisations.byId.query({ id: parisOrganisation.id })).id).toBe(parisOrganisation.id)
    mover.closeWebSocket()
  }, 60_000)

  it('credential lookups are served from the cache, and a sign-out, a revocation, a role change or a new language takes effect at once on the other node', async () => {
    const email = `${unique('cached').replace(/\s/g, '-').toLowerCase()}@demo.test`
    const created = await adminA.trpc.users.create.mutate({ email, name: 'Cached credentials', role: 'SALES', teamId: teams.paris, password: 'Cached-password-2026' })
    const first = await loginAs(nodeB.url, email, 'Cached-password-2026')
    const own = 'Cached-own-choice-2026!'
    await first.trpc.auth.changePassword.mutate({ currentPassword: 'Cached-password-2026', newPassword: own, confirmPassword: own })
    const user = await loginAs(nodeB.url, email, own)
    const { token } = await user.trpc.apiTokens.create.mutate({ name: 'cached', scope: 'READ_WRITE' })
    const script = createTestClient(nodeB.url, { token })
    await user.trpc.auth.me.query()
    await script.trpc.auth.me.query()
    // Hot on node B: the next lookups of both credentials are hits, not queries.
    const hitsBefore = (await stats(nodeB)).hits
    for (let index = 0; index < 5; index++) {
      await user.trpc.auth.me.query()
      await script.trpc.auth.me.query()
    }
    expect((await stats(nodeB)).hits - hitsBefore).toBeGreaterThanOrEqual(10)

    // Preferences carry no event: the lookup is let go all the same, on every node.
    await user.trpc.auth.updatePreferences.mutate({ language: 'en' })
    expect((await script.trpc.auth.me.query())?.language).toBe('en')

    // A role change on node A: the very next call on node B acts with the new role.
    const before = await database.prisma.user.findUniqueOrThrow({ where: { email } })
    await adminA.trpc.users.update.mutate({ id: before.id, version: before.version, data: { role: 'VIEWER' } })
    await expect(script.trpc.organisations.create.mutate({ name: unique('Refused'), type: 'INVESTOR' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } })
    expect((await user.trpc.auth.me.query())?.role).toBe('VIEWER')

    // The token revoked on node A: refused on node B at once.
    const [summary] = (await user.trpc.apiTokens.list.query({})).items
    await user.trpc.apiTokens.revoke.mutate({ id: summary.id })
    expect(await script.trpc.auth.me.query()).toBeNull()
    await expect(script.trpc.organisations.list.query({ limit: 5 })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } })

    // Every session ended by an admin on node A: refused on node B at once.
    await adminA.trpc.users.endSessions.mutate({ id: created.id })
    expect(await user.trpc.auth.me.query()).toBeNull()
    await expect(user.trpc.organisations.list.query({ limit: 5 })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } })
    user.closeWebSocket()
    first.closeWebSocket()
    script.closeWebSocket()
  }, 60_000)

  it('keeps answering from the database while Redis is killed, and serves no answer older than a write made meanwhile', async () => {
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Through the outage'), type: 'INVESTOR' })
    for (const client of [salesA, salesB]) {
      await client.trpc.organisations.byId.query({ id: organisation.id })
      await client.trpc.organisations.byId.query({ id: organisation.id })
    }
    await redis.stop()
    // Reads keep working on both nodes.
    for (const client of [salesA, salesB]) {
      expect((await client.trpc.organisations.byId.query({ id: organisation.id })).name).toBe(organisation.name)
      expect((await client.trpc.organisations.list.query({ limit: 50 })).items.length).toBeGreaterThan(0)
      expect((await client.trpc.pipeline.board.query({})).columns.length).toBeGreaterThan(0)
    }
    const renamed = await salesA.trpc.organisations.update.mutate({ id: organisation.id, version: organisation.version, data: { name: unique('Renamed in the outage') } })
    expect((await salesB.trpc.organisations.byId.query({ id: organisation.id })).name).toBe(renamed.name)
    expect((await stats(nodeA)).trusted).toBe(false)
    expect((await stats(nodeB)).trusted).toBe(false)

    await redis.start()
    await expect.poll(async () => (await stats(nodeA)).trusted && (await stats(nodeB)).trusted, { timeout: 20_000 }).toBe(true)
    for (const client of [salesA, salesB]) {
      expect((await client.trpc.organisations.byId.query({ id: organisation.id })).name).toBe(renamed.name)
    }
    // And the cache serves again.
    const hitsBefore = (await stats(nodeB)).hits
    expect((await salesB.trpc.organisations.byId.query({ id: organisation.id })).name).toBe(renamed.name)
    expect((await stats(nodeB)).hits).toBeGreaterThan(hitsBefore)
  }, 90_000)
})
