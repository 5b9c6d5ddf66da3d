import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORGANISATION_SORT_FIELDS, ORGANISATION_TYPES } from '../../src/shared/schemas/organisation.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique } from '../support/factories.ts'
import { everySort, expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { createOrganisation, eventSnapshot, organisationDetailInclude } from '../../src/server/features/organisation/organisation.service.ts'
import { organisationCreateInput } from '../../src/shared/schemas/organisation.ts'
import { readOrganisationDetails } from '../../src/server/features/organisation/organisation.detail.ts'
import { cardSelect, moveCard } from '../../src/server/features/pipeline/pipeline.service.ts'

let server: TestServer
let salesParis: TestClient
let salesLyon: TestClient
let viewerParis: TestClient

beforeAll(async () => {
  server = await startTestServer()
  ;[salesParis, salesLyon, viewerParis] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

describe('organisations', () => {
  it('creates, reads, updates and deletes with a domain event for each write', async () => {
    const created = await salesParis.trpc.organisations.create.mutate({ name: '  Mutuelle Test Création ', type: 'INVESTOR', potentialAmount: 1_000_000 })
    expect(created).toMatchObject({ name: 'Mutuelle Test Création', stage: 'PROSPECT', version: 1, team: { name: 'Paris' } })
    const updated = await salesParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { stage: 'QUALIFIED', city: 'Nantes' } })
    expect(updated).toMatchObject({ stage: 'QUALIFIED', city: 'Nantes', version: 2 })

    const events = await server.deps.prisma.domainEvent.findMany({ where: { entityId: created.id }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.type)).toEqual(['organisation.created', 'organisation.updated'])
    expect(events[1].payload).toMatchObject({ changes: { stage: { from: 'PROSPECT', to: 'QUALIFIED' }, city: { from: null, to: 'Nantes' } } })

    const manager = await loginAs(server.url, 'manager.paris@demo.test')
    await manager.trpc.organisations.delete.mutate({ id: created.id })
    expect((await errorOf(salesParis.trpc.organisations.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
    expect(await server.deps.prisma.domainEvent.count({ where: { entityId: created.id, type: 'organisation.deleted' } })).toBe(1)
  })

  it('refuses a stale version with CONFLICT carrying the current record, and overwrites nothing', async () => {
    const created = await salesParis.trpc.organisations.create.mutate({ name: 'Conflit SA', type: 'PARTNER' })
    await salesParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { phone: '+33 1 23 45 67 89' } })
    const error = await errorOf(salesParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { phone: '+33 9 99 99 99 99' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details?.current).toMatchObject({ phone: '+33 1 23 45 67 89', version: 2 })
    const stored = await salesParis.trpc.organisations.byId.query({ id: created.id })
    expect(stored.phone).toBe('+33 1 23 45 67 89')
  })

  it('merges concurrent edits of different fields, and names the field when both changed the same one', async () => {
    const created = await salesParis.trpc.organisations.create.mutate({ name: 'Fusion SA', type: 'PARTNER' })
    const manager = await loginAs(server.url, 'manager.paris@demo.test')
    // Both read version 1; the manager saves the city first.
    await manager.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { city: 'Lille' } })
    const merged = await salesParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { phone: '+33 3 20 00 00 00' } })
    expect(merged).toMatchObject({ city: 'Lille', phone: '+33 3 20 00 00 00', version: 3 })

    const conflict = await errorOf(salesParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { city: 'Roubaix', category: 'CGP' } }))
    expect(conflict.data?.code).toBe('CONFLICT')
    expect(conflict.data?.details).toMatchObject({ fields: ['city'], current: { city: 'Lille' } })
    expect((await salesParis.trpc.organisations.byId.query({ id: created.id })).category).toBeNull()
  })

  it('answers bad input with BAD_REQUEST and field messages', async () => {
    const error = await errorOf(
      salesParis.trpc.organisations.create.mutate({ name: '', type: 'ALIEN' as 'OTHER', email: 'nope', potentialAmount: -5 }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(expect.arrayContaining(['name', 'type', 'email', 'potentialAmount']))
  })

  it('keeps teams apart: another team’s record is not found, and lists never show it', async () => {
    const paris = await salesParis.trpc.organisations.create.mutate({ name: 'Secret de Paris', type: 'INVESTOR' })
    expect((await errorOf(salesLyon.trpc.organisations.byId.query({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.organisations.update.mutate({ id: paris.id, version: 1, data: { name: 'Pris' } }))).data?.code).toBe('NOT_FOUND')
    const lyonList = await salesLyon.trpc.organisations.list.query({ q: 'Secret de Paris' })
    expect(lyonList.total).toBe(0)
    expect((await errorOf(viewerParis.trpc.organisations.create.mutate({ name: 'Vue', type: 'OTHER' }))).data?.code).toBe('FORBIDDEN')
  })

  it('paginates by cursor with filters, sort and a total', async () => {
    const filter = { type: ['INVESTOR' as const], sort: { field: 'name' as const, direction: 'asc' as const }, limit: 7 }
    const first = await salesParis.trpc.organisations.list.query(filter)
    const second = await salesParis.trpc.organisations.list.query({ ...filter, cursor: first.nextCursor })
    expect(first.items).toHaveLength(7)
    expect(first.total).toBeGreaterThan(14)
    const both = await salesParis.trpc.organisations.list.query({ ...filter, limit: 14 })
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(both.items.map((item) => item.id))
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(14)
    expect([...first.items, ...second.items].every((item) => item.type === 'INVESTOR' && item.team.name === 'Paris')).toBe(true)
  })
})

describe('organisation list order and paging', () => {
  type Direction = 'asc' | 'desc'
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const
  const TYPES = ['INVESTOR', 'SUPPLIER', 'PARTNER'] as const
  type Item = Awaited<ReturnType<typeof salesParis.trpc.organisations.list.query>>['items'][number]

  /**
   * Twelve organisations found by one search term, with ties and gaps in every sort: owners Alpha,
   * Bravo (two users so named), Charlie and none; shared names and times; amounts repeated or missing.
   */
  async function listFixtures() {
    const prisma = server.deps.prisma
    const { paris } = (await demoUsers(prisma)).teams
    const term = unique('Tri')
    const owner = (name: string) =>
      prisma.user.create({ data: { email: `${unique('owner').replace(' ', '-')}@sort.test`, name: `${name} ${term}`, passwordHash: 'unused', teamId: paris } })
    const [alpha, bravo, otherBravo, charlie] = await Promise.all([owner('Alpha'), owner('Bravo'), owner('Bravo'), owner('Charlie')])
    const owners = [charlie, alpha, null, bravo, otherBravo, alpha, null, charlie, bravo, otherBravo, null, alpha]
    const amounts = [500, null, 1_000, 500, null, 2_000, 1_000, null, 500, 3_000, null, 1_000]
    const rows: { id: string; ownerName: string | null }[] = []
    for (const [index, user] of owners.entries()) {
      const organisation = await makeOrganisation(prisma, {
        teamId: paris,
        ownerId: user?.id ?? null,
        name: `${term} ${index % 5}`,
        type: TYPES[index % TYPES.length],
        stage: STAGES[index % STAGES.length],
        potentialAmount: amounts[index],
      })
      await prisma.organisation.update({ where: { id: organisation.id }, data: tiedTimestamps(index) })
      rows.push({ id: organisation.id, ownerName: user?.name ?? null })
    }
    /** Owned by name then id (ties across the two Bravos included), then the unowned by id. */
    const ownerOrder = (direction: Direction) => {
      const sign = direction === 'asc' ? 1 : -1
      const owned = rows.filter((row) => row.ownerName !== null)
      owned.sort((a, b) => sign * (a.ownerName! < b.ownerName! ? -1 : a.ownerName! > b.ownerName! ? 1 : byId(a, b)))
      const unowned = rows.filter((row) => row.ownerName === null).sort((a, b) => sign * byId(a, b))
      return [...owned, ...unowned].map((row) => row.id)
    }
    return { term, ownerOrder }
  }

  it('sorts by owner name with a stable tie-break by id, organisations without an owner last in both directions', async () => {
    const { term, ownerOrder } = await listFixtures()
    for (const direction of ['asc', 'desc'] as const) {
      const page = await salesParis.trpc.organisations.list.query({ q: term, sort: { field: 'owner', direction }, limit: 50 })
      expect(page.items.map((item) => item.id)).toEqual(ownerOrder(direction))
      expect(page.items.slice(-3).every((item) => item.owner === null)).toBe(true)
      expect(page).toMatchObject({ total: 12, nextCursor: null })
    }
  })

  it('pages by cursor through every organisation exactly once, in sort order, for every sort', async () => {
    const { term } = await listFixtures()
    const sortKeys = {
      name: (item: Item) => item.name,
      updatedAt: (item: Item) => item.updatedAt,
      createdAt: (item: Item) => item.createdAt,
      potentialAmount: (item: Item) => item.potentialAmount,
      stage: (item: Item) => STAGES.indexOf(item.stage),
      type: (item: Item) => ORGANISATION_TYPES.indexOf(item.type),
      owner: (item: Item) => item.owner?.name ?? null,
    }
    for (const sort of everySort(ORGANISATION_SORT_FIELDS)) {
      const items = await expectPagingInSortOrder((page) => salesParis.trpc.organisations.list.query({ q: term, sort, ...page }), {
        total: 12,
        label: `${sort.field} ${sort.direction}`,
        direction: sort.direction,
        sortKey: sortKeys[sort.field],
      })
      // Amounts: the missing ones last in both directions.
      if (sort.field === 'potentialAmount') expect(items.slice(-4).map((item) => item.potentialAmount)).toEqual([null, null, null, null])
    }
  })
})

describe('an organisation’s page in one statement', () => {
  it('is the same object Prisma’s include gives, relations, order and types included, on bare connections and through Prisma', async () => {
    const prisma = server.deps.prisma
    // The demo organisations with the most relations, plus one with none.
    const rich = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT o.id FROM "Organisation" o
      ORDER BY (SELECT count(*) FROM "Mandate" m WHERE m."organisationId" = o.id) + (SELECT count(*) FROM "Task" k WHERE k."organisationId" = o.id)
        + (SELECT count(*) FROM "Interaction" i WHERE i."organisationId" = o.id) + (SELECT count(*) FROM "PersonOrganisationLink" l WHERE l."organisationId" = o.id) DESC
      LIMIT 15`
    const bare = await makeOrganisation(prisma, { teamId: (await demoUsers(prisma)).teams.paris, name: unique('Bare') })
    const ids = [...rich.map((row) => row.id), bare.id]
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } })
    const viewer = { ...admin, teamName: null, role: 'ADMIN' as const, mustChangePassword: false, mustEnrolTwoFactor: false }
    const expected = await prisma.organisation.findMany({ where: { id: { in: ids } }, include: organisationDetailInclude })
    const byId = new Map(expected.map((row) => [row.id, row]))
    expect(expected.some((row) => row.mandates.some((mandate) => mandate.products.length > 0))).toBe(true)
    expect(expected.some((row) => row.tasks.length > 0 && row.interactions.length > 0 && row.personLinks.length > 0)).toBe(true)
    for (const context of [{ prisma, sql: server.deps.sql, viewer }, { prisma, viewer }]) {
      const read = await readOrganisationDetails(context as never, ids)
      expect(read).toHaveLength(ids.length)
      for (const row of read) expect(row).toStrictEqual(byId.get(row.id))
      // One at a time (a record's page: its own statement), the same objects.
      for (const id of ids.slice(0, 4)) expect(await readOrganisationDetails(context as never, [id])).toStrictEqual([byId.get(id)])
    }
  })
})

/** A demo user as a service's viewer, for calling services directly. */
async function viewerOf(email: string) {
  const found = await server.deps.prisma.user.findUniqueOrThrow({ where: { email }, include: { team: true } })
  return { ...found, teamName: found.team?.name ?? null, mustChangePassword: false, mustEnrolTwoFactor: false }
}

describe('creating an organisation in one statement', () => {
  it('answers exactly what Prisma reads back, and logs the event appendEvent would, on bare connections and through Prisma', async () => {
    const prisma = server.deps.prisma
    const demo = await demoUsers(prisma)
    const [sales, admin, lyonSales] = await Promise.all([viewerOf('sales.paris@demo.test'), viewerOf('admin@demo.test'), viewerOf('sales.lyon@demo.test')])
    const everything = {
      name: unique('Créée  d’un coup'), type: 'INVESTOR', category: 'Caisse', stage: 'QUALIFIED', potentialAmount: 1_250_000, email: 'contact@example.fr',
      phone: '+33 1 23 45 67 89', website: 'https://example.fr', address: '1 rue de la Paix', city: 'Nantes', postalCode: '44000', country: 'FR',
      language: 'fr', notes: 'Première note', isActive: false, tags: ['a', 'b c'],
    }
    const cases = [
      { viewer: sales, input: everything },
      { viewer: sales, input: { name: unique('Minimal'), type: 'OTHER' } },
      // An admin creating in another team, with an owner of that team.
      { viewer: admin, input: { name: unique('Lyon par admin'), type: 'PARTNER', teamId: demo.teams.lyon, ownerId: lyonSales.id } },
    ]
    for (const sql of [server.deps.sql, undefined]) {
      for (const { viewer, input } of cases) {
        const created = await createOrganisation({ prisma, sql, viewer } as never, organisationCreateInput.parse(input))
        const stored = await prisma.organisation.findUniqueOrThrow({ where: { id: created.id }, include: organisationDetailInclude })
        expect(created).toStrictEqual(stored)
        const event = await prisma.domainEvent.findFirstOrThrow({ where: { entityId: created.id } })
        expect(event).toMatchObject({ type: 'organisation.created', entity: 'organisation', teamId: stored.teamId, actorId: viewer.id })
        expect(event.payload).toStrictEqual(JSON.parse(JSON.stringify(eventSnapshot(stored))))
      }
    }
  })

  it('refuses an owner outside the team and a team that does not exist, writing nothing', async () => {
    const admin = await loginAs(server.url, 'admin@demo.test')
    const demo = await demoUsers(server.deps.prisma)
    const lyonSales = demo.byEmail.get('sales.lyon@demo.test')!
    const name = unique('Refusée')
    const wrongOwner = await errorOf(admin.trpc.organisations.create.mutate({ name, type: 'OTHER', teamId: demo.teams.paris, ownerId: lyonSales.id }))
    expect(wrongOwner.data).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { ownerId: ['Pas un membre actif de l’équipe.'] } })
    const noTeam = await errorOf(admin.trpc.organisations.create.mutate({ name, type: 'OTHER', teamId: '01900000-0000-7000-8000-000000000000' }))
    expect(noTeam.data?.code).toBe('NOT_FOUND')
    expect(await server.deps.prisma.organisation.count({ where: { name } })).toBe(0)
  })
})

describe('moving a card in one statement', () => {
  it('answers the card Prisma reads back and logs the event the transaction would, on bare connections and through Prisma', async () => {
    const prisma = server.deps.prisma
    const demo = await demoUsers(prisma)
    const [sales, admin, lyonSales] = await Promise.all([viewerOf('sales.paris@demo.test'), viewerOf('admin@demo.test'), viewerOf('sales.lyon@demo.test')])
    const statements: string[] = []
    const counted = { query: (text: string, values?: unknown[]) => (statements.push(text), server.deps.sql.query(text, values)) }
    for (const sql of [counted, undefined]) {
      const owned = await prisma.organisation.create({
        data: { name: unique('Déplacée'), normalizedName: unique('deplacee'), type: 'INVESTOR', potentialAmount: 2_500_000, city: 'Lille', teamId: demo.teams.paris, ownerId: sales.id },
      })
      const ownerless = await prisma.organisation.create({ data: { name: unique('Sans responsable'), normalizedName: unique('sans'), type: 'OTHER', teamId: demo.teams.paris } })
      for (const [viewer, organisation] of [[sales, owned], [admin, ownerless]] as const) {
        statements.length = 0
        const moved = await moveCard({ prisma, sql, viewer } as never, { id: organisation.id, fromStage: 'PROSPECT', toStage: 'PROPOSAL' })
        if (sql) expect(statements).toHaveLength(1) // moved by the one statement, not by the transaction after it
        const stored = await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: cardSelect })
        expect(moved).toStrictEqual(stored)
        expect(stored).toMatchObject({ stage: 'PROPOSAL', version: organisation.version + 1 })
        const event = await prisma.domainEvent.findFirstOrThrow({ where: { entityId: organisation.id, type: 'organisation.updated' } })
        expect(event).toMatchObject({ entity: 'organisation', teamId: demo.teams.paris, actorId: viewer.id })
        const row = await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })
        expect(event.payload).toStrictEqual({
          name: row.name, type: row.type, stage: 'PROPOSAL', potentialAmount: row.potentialAmount, ownerId: row.ownerId, version: row.version,
          changes: { stage: { from: 'PROSPECT', to: 'PROPOSAL' } },
        })
      }
      // Another team's card is not found and stays where it was; a stale stage is a conflict.
      await expect(moveCard({ prisma, sql, viewer: lyonSales } as never, { id: owned.id, fromStage: 'PROPOSAL', toStage: 'WON' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(moveCard({ prisma, sql, viewer: sales } as never, { id: owned.id, fromStage: 'PROSPECT', toStage: 'WON' })).rejects.toMatchObject({ code: 'CONFLICT' })
      expect(await prisma.organisation.findUniqueOrThrow({ where: { id: owned.id } })).toMatchObject({ stage: 'PROPOSAL', version: 2 })
      expect(await prisma.domainEvent.count({ where: { entityId: owned.id, type: 'organisation.updated' } })).toBe(1)
    }
  })
})

describe('totals of large lists', () => {
  it('counts up to 10,000 and says when more match; fewer are counted exactly', async () => {
    const prisma = server.deps.prisma
    const demo = await demoUsers(prisma)
    const tag = unique('many').toLowerCase()
    await prisma.$executeRaw`
      INSERT INTO "Organisation" (id, name, "normalizedName", type, stage, tags, "teamId", "updatedAt")
      SELECT gen_random_uuid(), 'Nombreuse ' || n, 'nombreuse ' || n, 'INVESTOR', CASE WHEN n <= 30 THEN 'WON' ELSE 'PROSPECT' END::"PipelineStage",
        ARRAY[${tag}], ${demo.teams.paris}::uuid, now()
      FROM generate_series(1, 10050) AS n`
    try {
      const many = await salesParis.trpc.organisations.list.query({ tags: [tag], limit: 10 })
      expect(many).toMatchObject({ total: 10_000, totalCapped: true })
      expect(many.items).toHaveLength(10)
      const next = await salesParis.trpc.organisations.list.query({ tags: [tag], limit: 10, cursor: many.nextCursor })
      expect(next).toMatchObject({ total: 10_000, totalCapped: true })
      const few = await salesParis.trpc.organisations.list.query({ tags: [tag], stage: ['WON'], limit: 10 })
      expect(few.total).toBe(30)
      expect(few.totalCapped).toBeUndefined()
      // Another team sees none of them.
      expect((await salesLyon.trpc.organisations.list.query({ tags: [tag] })).total).toBe(0)
    } finally {
      await prisma.$executeRaw`DELETE FROM "Organisation" WHERE ${tag} = ANY(tags)`
    }
  })
})
