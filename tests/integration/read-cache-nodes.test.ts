import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { demoUsers, unique } from '../support/factories.ts'
import { randomIsin } from '../support/factories-mandate.ts'
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

describe('exact read cache of people, mandates, products, interactions and tasks over two nodes', () => {
  let salesA: TestClient
  let salesB: TestClient
  let viewerB: TestClient
  let camilleB: TestClient
  let adminA: TestClient
  let adminB: TestClient
  let lyonSalesB: TestClient
  let lyonViewerB: TestClient
  let userIds: Map<string, { id: string }>

  /** A member created by the admin, signed in on node B with a password of their own. */
  async function newMember(role: 'SALES' | 'VIEWER', teamId: string): Promise<TestClient & { email: string }> {
    const email = `${unique(role.toLowerCase()).replace(/\s/g, '-')}@demo.test`
    await adminA.trpc.users.create.mutate({ email, name: unique('Member'), role, teamId, password: 'Member-password-2026' })
    const client = await loginAs(nodeB.url, email, 'Member-password-2026')
    const own = 'Member-own-choice-2026!'
    await client.trpc.auth.changePassword.mutate({ currentPassword: 'Member-password-2026', newPassword: own, confirmPassword: own })
    return Object.assign(client, { email })
  }

  /**
   * Reads until a read on `node` is served wholly from the cache (every answer and the credential
   * lookup a hit), so what a test checks next is what a cached answer became, not a first read.
   */
  async function hot<T>(node: ServerProcess, read: () => Promise<T>): Promise<T> {
    await read()
    for (let attempt = 1; ; attempt++) {
      const before = await stats(node)
      const value = await read()
      const after = await stats(node)
      const served = after.misses === before.misses && after.bypasses === before.bypasses && after.hits > before.hits
      // Something else may have moved a generation meanwhile (the due-task scheduler): read again.
      if (served || attempt === 3) {
        expect({ misses: after.misses - before.misses, bypasses: after.bypasses - before.bypasses }).toEqual({ misses: 0, bypasses: 0 })
        return value
      }
    }
  }

  /** Every read refused as if the record did not exist. */
  async function expectNotFound(reads: Promise<unknown>[]) {
    const codes = (await Promise.allSettled(reads)).map((result) => (result.status === 'rejected' ? (result.reason as { data?: { code?: string } }).data?.code : 'answered'))
    expect(codes).toEqual(reads.map(() => 'NOT_FOUND'))
  }

  const notFound = { data: { code: 'NOT_FOUND' } }

  beforeAll(async () => {
    ;[salesA, salesB, viewerB, camilleB, adminA, adminB, lyonSalesB] = await Promise.all([
      loginAs(nodeA.url, 'sales.paris@demo.test'),
      loginAs(nodeB.url, 'sales.paris@demo.test'),
      loginAs(nodeB.url, 'viewer.paris@demo.test'),
      loginAs(nodeB.url, 'camille.fournier@demo.test'),
      loginAs(nodeA.url, 'admin@demo.test'),
      loginAs(nodeB.url, 'admin@demo.test'),
      loginAs(nodeB.url, 'sales.lyon@demo.test'),
    ])
    lyonViewerB = await newMember('VIEWER', teams.lyon)
    userIds = (await demoUsers(database.prisma)).byEmail
  })

  afterAll(() => {
    for (const client of [salesA, salesB, viewerB, camilleB, adminA, adminB, lyonSalesB, lyonViewerB]) client?.closeWebSocket()
  })

  it('people: a create, an edit, a link, an organisation renamed and a delete on node A show at once in node B’s cached list and record', async () => {
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Employer'), type: 'INVESTOR' })
    const other = await salesA.trpc.organisations.create.mutate({ name: unique('Second employer'), type: 'INVESTOR' })
    const lastName = unique('Cachée')
    const listOf = (client: TestClient) => client.trpc.people.list.query({ q: lastName, sort: { field: 'updatedAt', direction: 'desc' } })
    const readers = [salesB, viewerB, adminB]
    for (const reader of readers) await hot(nodeB, () => listOf(reader))

    const person = await salesA.trpc.people.create.mutate({ firstName: 'Anne', lastName, links: [{ organisationId: organisation.id, isPrimary: true }] })
    const both = (client: TestClient) => Promise.all([listOf(client), client.trpc.people.byId.query({ id: person.id })])
    for (const reader of readers) {
      const [list] = await both(reader)
      expect(list.items.map((item) => item.id)).toEqual([person.id])
      expect(list.items[0].primaryOrganisation?.name).toBe(organisation.name)
    }
    for (const reader of readers) await hot(nodeB, () => both(reader))

    const edited = await salesA.trpc.people.update.mutate({ id: person.id, version: person.version, data: { firstName: 'Annie' } })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect([list.items[0].firstName, record.firstName, record.version]).toEqual(['Annie', 'Annie', edited.version])
      await hot(nodeB, () => both(reader))
    }

    // The organisation's name is read into the person's answers: renaming it is a change of them.
    const renamed = await salesA.trpc.organisations.update.mutate({ id: organisation.id, version: organisation.version, data: { name: unique('Renamed employer') } })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect(list.items[0].primaryOrganisation?.name).toBe(renamed.name)
      expect(record.organisationLinks.map((link) => link.organisation.name)).toEqual([renamed.name])
      await hot(nodeB, () => both(reader))
    }

    await salesA.trpc.people.link.mutate({ personId: person.id, organisationId: other.id, isPrimary: false })
    for (const reader of readers) {
      const [, record] = await both(reader)
      expect(record.organisationLinks.map((link) => link.organisation.id)).toEqual([organisation.id, other.id])
      await hot(nodeB, () => both(reader))
    }
    await salesA.trpc.people.unlink.mutate({ personId: person.id, organisationId: organisation.id })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect(list.items[0].primaryOrganisation?.id).toBe(other.id)
      expect(record.organisationLinks.map((link) => link.organisation.id)).toEqual([other.id])
      await hot(nodeB, () => both(reader))
    }

    // A follow-up task and an interaction about the person are part of its record.
    await salesA.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary: unique('Called'), personIds: [person.id], followUp: { title: unique('Call back') } })
    for (const reader of readers) {
      const record = await reader.trpc.people.byId.query({ id: person.id })
      expect([record.interactions.length, record.tasks.length]).toEqual([1, 1])
      await hot(nodeB, () => both(reader))
    }

    await adminA.trpc.people.delete.mutate({ id: person.id })
    for (const reader of readers) {
      expect((await listOf(reader)).items).toEqual([])
      await expect(reader.trpc.people.byId.query({ id: person.id })).rejects.toMatchObject(notFound)
    }
  }, 90_000)

  it('mandates and products: writes to either, to their links and to the supplier show at once in node B’s cached lists and records', async () => {
    const supplier = await salesA.trpc.organisations.create.mutate({ name: unique('Supplier'), type: 'SUPPLIER' })
    const product = await salesA.trpc.products.create.mutate({ name: unique('Fonds'), isin: randomIsin(), kind: 'FUND' })
    const second = await salesA.trpc.products.create.mutate({ name: unique('Second fonds'), isin: randomIsin(), kind: 'ETF' })
    const mandates = (client: TestClient) => client.trpc.mandates.list.query({ organisationId: supplier.id })
    const products = (client: TestClient) => client.trpc.products.list.query({ q: product.isin })
    const readers = [salesB, viewerB, adminB]
    for (const reader of readers) await hot(nodeB, () => Promise.all([mandates(reader), products(reader)]))

    const mandate = await salesA.trpc.mandates.create.mutate({ organisationId: supplier.id, reference: unique('M'), productIds: [product.id] })
    const all = (client: TestClient) =>
      Promise.all([mandates(client), products(client), client.trpc.mandates.byId.query({ id: mandate.id }), client.trpc.products.byId.query({ id: product.id })])
    for (const reader of readers) {
      const [mandateList, productList, mandateRecord, productRecord] = await all(reader)
      expect(mandateList.items.map((item) => [item.id, item.productCount])).toEqual([[mandate.id, 1]])
      expect(productList.items.map((item) => [item.id, item.mandateCount])).toEqual([[product.id, 1]])
      expect(mandateRecord.products.map((item) => item.id)).toEqual([product.id])
      expect(productRecord.mandates.map((item) => item.id)).toEqual([mandate.id])
      await hot(nodeB, () => all(reader))
    }

    const signed = await salesA.trpc.mandates.update.mutate({ id: mandate.id, version: mandate.version, data: { status: 'SIGNED' } })
    for (const reader of readers) {
      const [mandateList, , mandateRecord, productRecord] = await all(reader)
      expect([mandateList.items[0].status, mandateRecord.status, mandateRecord.version]).toEqual(['SIGNED', 'SIGNED', signed.version])
      expect(productRecord.mandates[0].status).toBe('SIGNED')
      await hot(nodeB, () => all(reader))
    }

    const renamedProduct = await salesA.trpc.products.update.mutate({ id: product.id, version: product.version, data: { name: unique('Fonds renommé') } })
    for (const reader of readers) {
      const [, productList, mandateRecord, productRecord] = await all(reader)
      expect([productList.items[0].name, productRecord.name, mandateRecord.products[0].name]).toEqual([renamedProduct.name, renamedProduct.name, renamedProduct.name])
      await hot(nodeB, () => all(reader))
    }

    const renamedSupplier = await salesA.trpc.organisations.update.mutate({ id: supplier.id, version: supplier.version, data: { name: unique('Supplier renamed') } })
    for (const reader of readers) {
      const [mandateList, , mandateRecord, productRecord] = await all(reader)
      expect([mandateList.items[0].organisation.name, mandateRecord.organisation.name, productRecord.mandates[0].organisation.name]).toEqual([
        renamedSupplier.name,
        renamedSupplier.name,
        renamedSupplier.name,
      ])
      await hot(nodeB, () => all(reader))
    }

    await salesA.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: second.id })
    await salesA.trpc.mandates.removeProduct.mutate({ mandateId: mandate.id, productId: product.id })
    for (const reader of readers) {
      const [mandateList, productList, mandateRecord, productRecord] = await all(reader)
      expect(mandateRecord.products.map((item) => item.id)).toEqual([second.id])
      expect(mandateList.items[0].productCount).toBe(1)
      expect(productList.items[0].mandateCount).toBe(0)
      expect(productRecord.mandates).toEqual([])
      await hot(nodeB, () => all(reader))
    }

    await adminA.trpc.products.bulkUpdate.mutate({ ids: [product.id], patch: { status: 'CLOSED' } })
    for (const reader of readers) expect((await products(reader)).items[0].status).toBe('CLOSED')

    await adminA.trpc.mandates.delete.mutate({ id: mandate.id })
    await adminA.trpc.products.delete.mutate({ id: product.id })
    for (const reader of readers) {
      expect([(await mandates(reader)).items, (await products(reader)).items]).toEqual([[], []])
      await expect(reader.trpc.mandates.byId.query({ id: mandate.id })).rejects.toMatchObject(notFound)
      await expect(reader.trpc.products.byId.query({ id: product.id })).rejects.toMatchObject(notFound)
    }
  }, 90_000)

  it('interactions: a create, an edit, its organisation and people renamed and a delete on node A show at once in node B’s cached list and record', async () => {
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Met'), type: 'INVESTOR' })
    const person = await salesA.trpc.people.create.mutate({ firstName: 'Paul', lastName: unique('Rencontré') })
    const listOf = (client: TestClient) => client.trpc.interactions.list.query({ organisationId: organisation.id })
    const readers = [salesB, viewerB, adminB]
    for (const reader of readers) await hot(nodeB, () => listOf(reader))

    const interaction = await salesA.trpc.interactions.create.mutate({ kind: 'MEETING', occurredAt: new Date(), summary: unique('Rendez-vous'), organisationId: organisation.id, personIds: [person.id] })
    const both = (client: TestClient) => Promise.all([listOf(client), client.trpc.interactions.byId.query({ id: interaction.id })])
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect(list.items.map((item) => item.id)).toEqual([interaction.id])
      expect(record.summary).toBe(interaction.summary)
      await hot(nodeB, () => both(reader))
    }

    const edited = await salesA.trpc.interactions.update.mutate({ id: interaction.id, version: interaction.version, data: { summary: unique('Compte rendu') } })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect([list.items[0].summary, record.summary, record.version]).toEqual([edited.summary, edited.summary, edited.version])
      await hot(nodeB, () => both(reader))
    }

    // The organisation's and the people's names are read into the interaction's answers.
    const renamedOrganisation = await salesA.trpc.organisations.update.mutate({ id: organisation.id, version: organisation.version, data: { name: unique('Met renamed') } })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect([list.items[0].organisation?.name, record.organisation?.name]).toEqual([renamedOrganisation.name, renamedOrganisation.name])
      await hot(nodeB, () => both(reader))
    }
    const renamedPerson = await salesA.trpc.people.update.mutate({ id: person.id, version: person.version, data: { lastName: unique('Renommé') } })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect([list.items[0].people[0].lastName, record.people[0].lastName]).toEqual([renamedPerson.lastName, renamedPerson.lastName])
      await hot(nodeB, () => both(reader))
    }

    // A person deleted leaves the interactions that named them.
    await adminA.trpc.people.delete.mutate({ id: person.id })
    for (const reader of readers) {
      const [list, record] = await both(reader)
      expect([list.items[0].people, record.people]).toEqual([[], []])
      await hot(nodeB, () => both(reader))
    }

    await salesA.trpc.interactions.delete.mutate({ id: interaction.id })
    for (const reader of readers) {
      expect((await listOf(reader)).items).toEqual([])
      await expect(reader.trpc.interactions.byId.query({ id: interaction.id })).rejects.toMatchObject(notFound)
    }
  }, 90_000)

  it('tasks: writes on node A show at once in node B’s cached lists and records, "mine" is each user’s own, and an assignee renamed shows too', async () => {
    const sophie = userIds.get('sales.paris@demo.test')!.id
    const camille = userIds.get('camille.fournier@demo.test')!.id
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Task about'), type: 'INVESTOR' })
    const team = (client: TestClient) => client.trpc.tasks.list.query({ organisationId: organisation.id })
    const mine = (client: TestClient) => client.trpc.tasks.list.query({ view: 'mine', organisationId: organisation.id })
    const readers = [salesB, viewerB, adminB]
    for (const reader of [...readers, camilleB]) await hot(nodeB, () => Promise.all([team(reader), mine(reader)]))

    const task = await salesA.trpc.tasks.create.mutate({ title: unique('Relancer'), organisationId: organisation.id, assigneeId: sophie })
    const all = (client: TestClient) => Promise.all([team(client), mine(client), client.trpc.tasks.byId.query({ id: task.id })])
    for (const reader of readers) {
      const [list, , record] = await all(reader)
      expect(list.items.map((item) => item.id)).toEqual([task.id])
      expect(record.title).toBe(task.title)
      await hot(nodeB, () => all(reader))
    }
    expect((await mine(salesB)).items.map((item) => item.id)).toEqual([task.id])
    expect((await mine(camilleB)).items).toEqual([])
    // Same role and team, another user: Camille's "mine" is hers, not Sophie's cached one.
    await hot(nodeB, () => mine(camilleB))
    expect((await mine(camilleB)).items).toEqual([])

    const reassigned = await salesA.trpc.tasks.update.mutate({ id: task.id, version: task.version, data: { assigneeId: camille, priority: 'URGENT' } })
    expect((await mine(salesB)).items).toEqual([])
    expect((await mine(camilleB)).items.map((item) => item.id)).toEqual([task.id])
    for (const reader of readers) {
      const [list, , record] = await all(reader)
      expect([list.items[0].priority, record.assignee?.id, record.version]).toEqual(['URGENT', camille, reassigned.version])
      await hot(nodeB, () => all(reader))
    }

    // The assignee's name is read into task answers of every team.
    const name = unique('Camille')
    await camilleB.trpc.settings.updateProfile.mutate({ name, avatarColor: null })
    for (const reader of readers) {
      const [list, , record] = await all(reader)
      expect([list.items[0].assignee?.name, record.assignee?.name]).toEqual([name, name])
      await hot(nodeB, () => all(reader))
    }

    const done = await camilleB.trpc.tasks.complete.mutate({ id: task.id })
    for (const reader of readers) {
      const [list, , record] = await all(reader)
      expect([list.items[0].status, record.status, record.version]).toEqual(['DONE', 'DONE', done.version])
      await hot(nodeB, () => all(reader))
    }

    await salesA.trpc.tasks.bulkUpdate.mutate({ ids: [task.id], patch: { status: 'OPEN' } })
    for (const reader of readers) expect((await reader.trpc.tasks.byId.query({ id: task.id })).status).toBe('OPEN')

    await adminA.trpc.tasks.delete.mutate({ id: task.id })
    for (const reader of readers) {
      expect((await team(reader)).items).toEqual([])
      await expect(reader.trpc.tasks.byId.query({ id: task.id })).rejects.toMatchObject(notFound)
    }
  }, 90_000)

  it('the overdue view of tasks, which changes as time passes with no write, is read afresh each time', async () => {
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Due soon'), type: 'INVESTOR' })
    const overdue = () => salesB.trpc.tasks.list.query({ view: 'overdue', organisationId: organisation.id })
    const task = await salesA.trpc.tasks.create.mutate({ title: unique('Due in a moment'), organisationId: organisation.id, dueAt: new Date(Date.now() + 1_500) })
    expect((await overdue()).items).toEqual([])
    expect((await overdue()).items).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect((await overdue()).items.map((item) => item.id)).toEqual([task.id])
  })

  it('a member of another team, VIEWER or SALES, never gets a cached answer of a team they cannot read', async () => {
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Paris secret'), type: 'SUPPLIER' })
    const person = await salesA.trpc.people.create.mutate({ firstName: 'Secret', lastName: unique('Parisien'), links: [{ organisationId: organisation.id, isPrimary: true }] })
    const product = await salesA.trpc.products.create.mutate({ name: unique('Fonds parisien'), isin: randomIsin(), kind: 'FUND' })
    const mandate = await salesA.trpc.mandates.create.mutate({ organisationId: organisation.id, productIds: [product.id] })
    const interaction = await salesA.trpc.interactions.create.mutate({ kind: 'NOTE', occurredAt: new Date(), summary: unique('Secret'), organisationId: organisation.id })
    const task = await salesA.trpc.tasks.create.mutate({ title: unique('Secret task'), organisationId: organisation.id })
    const records = (client: TestClient) => [
      client.trpc.people.byId.query({ id: person.id }),
      client.trpc.mandates.byId.query({ id: mandate.id }),
      client.trpc.products.byId.query({ id: product.id }),
      client.trpc.interactions.byId.query({ id: interaction.id }),
      client.trpc.tasks.byId.query({ id: task.id }),
    ]
    const lists = (client: TestClient) =>
      Promise.all([
        client.trpc.people.list.query({ organisationId: organisation.id }),
        client.trpc.mandates.list.query({ organisationId: organisation.id }),
        client.trpc.products.list.query({ q: product.isin }),
        client.trpc.interactions.list.query({ organisationId: organisation.id }),
        client.trpc.tasks.list.query({ organisationId: organisation.id }),
      ])
    // Hot for Paris's readers on node B, and for the admin (every team).
    for (const reader of [salesB, viewerB, adminB]) {
      await hot(nodeB, () => Promise.all([...records(reader), lists(reader)]))
      expect((await lists(reader)).map((list) => list.items.length)).toEqual([1, 1, 1, 1, 1])
    }
    for (const outsider of [lyonSalesB, lyonViewerB]) {
      await expectNotFound(records(outsider))
      expect((await lists(outsider)).map((list) => list.items.length)).toEqual([0, 0, 0, 0, 0])
      // Asked again (their own answers now cached): still nothing of Paris.
      await expectNotFound(records(outsider))
      expect((await lists(outsider)).map((list) => list.items.length)).toEqual([0, 0, 0, 0, 0])
    }
  }, 90_000)

  it('a user moved to another team stops seeing the old team’s cached people, mandates, products, interactions and tasks at once', async () => {
    const mover = await newMember('SALES', teams.paris)
    const organisation = await salesA.trpc.organisations.create.mutate({ name: unique('Left behind'), type: 'SUPPLIER' })
    const person = await salesA.trpc.people.create.mutate({ firstName: 'Left', lastName: unique('Behind'), links: [{ organisationId: organisation.id, isPrimary: false }] })
    const product = await salesA.trpc.products.create.mutate({ name: unique('Fonds laissé'), isin: randomIsin(), kind: 'FUND' })
    const mandate = await salesA.trpc.mandates.create.mutate({ organisationId: organisation.id, productIds: [product.id] })
    const interaction = await salesA.trpc.interactions.create.mutate({ kind: 'NOTE', occurredAt: new Date(), summary: unique('Left'), organisationId: organisation.id })
    const task = await salesA.trpc.tasks.create.mutate({ title: unique('Left task'), organisationId: organisation.id })
    const records = () => [
      mover.trpc.people.byId.query({ id: person.id }),
      mover.trpc.mandates.byId.query({ id: mandate.id }),
      mover.trpc.products.byId.query({ id: product.id }),
      mover.trpc.interactions.byId.query({ id: interaction.id }),
      mover.trpc.tasks.byId.query({ id: task.id }),
    ]
    const lists = () =>
      Promise.all([
        mover.trpc.people.list.query({ sort: { field: 'updatedAt', direction: 'desc' } }),
        mover.trpc.mandates.list.query({}),
        mover.trpc.products.list.query({ sort: { field: 'updatedAt', direction: 'desc' } }),
        mover.trpc.interactions.list.query({}),
        mover.trpc.tasks.list.query({}),
      ])
    const [, before] = await hot(nodeB, () => Promise.all([Promise.all(records()), lists()]))
    expect(before.every((list) => list.items.length > 0 && list.items.every((item) => item.teamId === teams.paris))).toBe(true)

    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: mover.email } })
    await adminA.trpc.users.update.mutate({ id: user.id, version: user.version, data: { teamId: teams.lyon } })

    await expectNotFound(records())
    const after = await lists()
    expect(after.every((list) => list.items.every((item) => item.teamId === teams.lyon))).toBe(true)
    expect(after.flatMap((list) => list.items.map((item) => item.id))).not.toEqual(expect.arrayContaining([person.id]))
    mover.closeWebSocket()
  }, 90_000)
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
