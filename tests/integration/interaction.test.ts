import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { makeInteraction, makePerson } from '../support/factories-person.ts'
import { expectPagingInSortOrder } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let admin: TestClient
let managerParis: TestClient
let salesParis: TestClient
let salesLyon: TestClient
let viewerParis: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[admin, managerParis, salesParis, salesLyon, viewerParis] = await Promise.all([
    loginAs(server.url, 'admin@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const DAY = 24 * 3_600_000
const organisationIn = (teamId: string) => makeOrganisation(server.deps.prisma, { teamId })
const personIn = (teamId: string) => makePerson(server.deps.prisma, { teamId })
const userId = (email: string) => demo.byEmail.get(email)!.id
const countBySummary = (summary: string) => server.deps.prisma.interaction.count({ where: { summary } })

describe('interactions', () => {
  it('creates, reads, updates and deletes with a domain event carrying team and organisation', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const [first, second] = await Promise.all([personIn(demo.teams.paris), personIn(demo.teams.paris)])
    const occurredAt = new Date('2025-03-14T09:30:00Z')
    const created = await salesParis.trpc.interactions.create.mutate({
      kind: 'MEETING',
      occurredAt,
      summary: ' Présentation du fonds ',
      body: 'Intéressés par la part I.',
      organisationId: organisation.id,
      personIds: [first.id, first.id],
    })
    expect(created).toMatchObject({
      kind: 'MEETING',
      occurredAt,
      summary: 'Présentation du fonds',
      version: 1,
      teamId: demo.teams.paris,
      author: { id: userId('sales.paris@demo.test') },
      organisation: { id: organisation.id, name: organisation.name },
      people: [{ id: first.id }],
    })

    const updated = await salesParis.trpc.interactions.update.mutate({
      id: created.id,
      version: 1,
      data: { kind: 'CALL', personIds: [second.id, first.id] },
    })
    expect(updated).toMatchObject({ kind: 'CALL', version: 2 })
    expect(updated.people.map((person) => person.id).sort()).toEqual([first.id, second.id].sort())

    // A teammate who is not the author may not delete it; a manager may.
    const teammate = await loginAs(server.url, 'camille.fournier@demo.test')
    expect((await errorOf(teammate.trpc.interactions.delete.mutate({ id: created.id }))).data?.code).toBe('FORBIDDEN')
    await managerParis.trpc.interactions.delete.mutate({ id: created.id })
    expect((await errorOf(salesParis.trpc.interactions.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')

    const events = await server.deps.prisma.domainEvent.findMany({ where: { entityId: created.id }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.type)).toEqual(['interaction.created', 'interaction.updated', 'interaction.deleted'])
    for (const event of events) {
      expect(event).toMatchObject({ entity: 'interaction', teamId: demo.teams.paris })
      expect(event.payload).toMatchObject({ teamId: demo.teams.paris, organisationId: organisation.id })
    }
    expect(events[0].payload).toMatchObject({ personIds: [first.id], authorId: userId('sales.paris@demo.test') })
    expect(events[1].payload).toMatchObject({
      changes: { kind: { from: 'MEETING', to: 'CALL' }, personIds: { from: [first.id], to: [first.id, second.id].sort() } },
    })
  })

  it('accepts people without an organisation, but refuses an interaction about nobody', async () => {
    const person = await personIn(demo.teams.paris)
    const summary = unique('Note')
    const note = await salesParis.trpc.interactions.create.mutate({ kind: 'NOTE', occurredAt: new Date(), summary, personIds: [person.id] })
    expect(note).toMatchObject({ organisation: null, people: [{ id: person.id }] })

    const nobody = await errorOf(salesParis.trpc.interactions.create.mutate({ kind: 'NOTE', occurredAt: new Date(), summary, personIds: [] }))
    expect(nobody.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(nobody.data?.fieldErrors ?? {})).toEqual(expect.arrayContaining(['organisationId', 'personIds']))

    const emptied = await errorOf(salesParis.trpc.interactions.update.mutate({ id: note.id, version: 1, data: { personIds: [] } }))
    expect(emptied.data?.code).toBe('BAD_REQUEST')
    expect(emptied.data?.fieldErrors).toMatchObject({ personIds: [expect.any(String)] })
    expect((await salesParis.trpc.interactions.byId.query({ id: note.id })).people).toHaveLength(1)
    expect(await countBySummary(summary)).toBe(1)
  })

  it('answers bad input with BAD_REQUEST and field messages, never a server error', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const base = { kind: 'CALL' as const, summary: 'Appel', organisationId: organisation.id }
    const fieldsOf = async (input: Record<string, unknown>) => {
      const error = await errorOf(salesParis.trpc.interactions.create.mutate({ ...base, occurredAt: new Date(), ...input } as never))
      expect(error.data?.code).toBe('BAD_REQUEST')
      return Object.keys(error.data?.fieldErrors ?? {})
    }
    expect(await fieldsOf({ occurredAt: new Date(Date.now() + 400 * DAY) })).toEqual(['occurredAt'])
    expect(await fieldsOf({ occurredAt: new Date('not a date') })).toEqual(['occurredAt'])
    expect(await fieldsOf({ occurredAt: '31/12/2024' })).toEqual(['occurredAt'])
    expect(await fieldsOf({ occurredAt: new Date('+275760-01-01T00:00:00Z') })).toEqual(['occurredAt'])
    expect(await fieldsOf({ kind: 'LETTER', summary: '', body: 'x'.repeat(20_001) })).toEqual(expect.arrayContaining(['kind', 'summary', 'body']))
    expect(await fieldsOf({ organisationId: 'not-a-uuid', personIds: ['nope'] })).toEqual(expect.arrayContaining(['organisationId', 'personIds']))

    // Eleven months ahead is a planned meeting, which is fine; ISO strings work too.
    const planned = await salesParis.trpc.interactions.create.mutate({ ...base, occurredAt: new Date(Date.now() + 330 * DAY) })
    expect(planned.version).toBe(1)
    const fromString = await salesParis.trpc.interactions.create.mutate({ ...base, occurredAt: '2025-02-03T10:00:00+01:00' })
    expect(fromString.occurredAt).toEqual(new Date('2025-02-03T09:00:00Z'))

    const range = await errorOf(salesParis.trpc.interactions.list.query({ from: new Date('2025-02-01'), to: new Date('2025-01-01') }))
    expect(range.data?.fieldErrors).toMatchObject({ to: [expect.any(String)] })
  })

  it('refuses an organisation or people of another team with a field message, writing nothing', async () => {
    const summary = unique('Fuite')
    const ownOrganisation = await organisationIn(demo.teams.paris)
    const lyonOrganisation = await organisationIn(demo.teams.lyon)
    const lyonPerson = await personIn(demo.teams.lyon)

    const foreignOrg = await errorOf(salesParis.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary, organisationId: lyonOrganisation.id }))
    expect(foreignOrg.data?.code).toBe('BAD_REQUEST')
    expect(foreignOrg.data?.fieldErrors).toMatchObject({ organisationId: [expect.any(String)] })

    const foreignPerson = await errorOf(
      salesParis.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary, organisationId: ownOrganisation.id, personIds: [lyonPerson.id] }),
    )
    expect(foreignPerson.data?.fieldErrors).toMatchObject({ personIds: [expect.any(String)] })

    // Even an admin cannot mix teams in one interaction.
    const mixed = await errorOf(
      admin.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary, organisationId: lyonOrganisation.id, personIds: [(await personIn(demo.teams.paris)).id] }),
    )
    expect(mixed.data?.fieldErrors).toMatchObject({ personIds: [expect.any(String)] })

    const existing = await salesParis.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary: unique('Appel'), organisationId: ownOrganisation.id })
    const moved = await errorOf(salesParis.trpc.interactions.update.mutate({ id: existing.id, version: 1, data: { organisationId: lyonOrganisation.id } }))
    expect(moved.data?.fieldErrors).toMatchObject({ organisationId: [expect.any(String)] })
    expect(await countBySummary(summary)).toBe(0)
    expect((await salesParis.trpc.interactions.byId.query({ id: existing.id })).organisationId).toBe(ownOrganisation.id)
  })

  it('logs an admin’s interaction in the team of what it is about', async () => {
    const organisation = await organisationIn(demo.teams.lyon)
    const created = await admin.trpc.interactions.create.mutate({ kind: 'EMAIL', occurredAt: new Date(), summary: unique('Courriel'), organisationId: organisation.id })
    expect(created).toMatchObject({ teamId: demo.teams.lyon, author: { id: userId('admin@demo.test') } })
    expect((await salesLyon.trpc.interactions.byId.query({ id: created.id })).id).toBe(created.id)
    expect((await errorOf(salesParis.trpc.interactions.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
  })

  it('refuses a stale version with CONFLICT carrying the current record, and overwrites nothing', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const created = await salesParis.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary: 'Premier jet', organisationId: organisation.id })
    await managerParis.trpc.interactions.update.mutate({ id: created.id, version: 1, data: { summary: 'Version du manager' } })
    const error = await errorOf(salesParis.trpc.interactions.update.mutate({ id: created.id, version: 1, data: { summary: 'Version du commercial' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details?.current).toMatchObject({ summary: 'Version du manager', version: 2 })
    expect((await salesParis.trpc.interactions.byId.query({ id: created.id })).summary).toBe('Version du manager')
  })

  it('keeps teams apart: another team’s interaction is not found and never listed', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const created = await makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, organisationId: organisation.id, authorId: userId('sales.paris@demo.test') })
    expect((await errorOf(salesLyon.trpc.interactions.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.interactions.update.mutate({ id: created.id, version: 1, data: { summary: 'x' } }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(admin.trpc.interactions.delete.mutate({ id: created.id, version: 2 }))).data?.code).toBe('CONFLICT')
    expect((await salesLyon.trpc.interactions.list.query({ organisationId: organisation.id })).total).toBe(0)
    expect((await viewerParis.trpc.interactions.list.query({ organisationId: organisation.id })).total).toBe(1)
    expect((await errorOf(viewerParis.trpc.interactions.create.mutate({ kind: 'NOTE', occurredAt: new Date(), summary: 'Vue', organisationId: organisation.id }))).data?.code).toBe('FORBIDDEN')
  })

  it('lists newest first, filtered by organisation, person, kind, author and dates', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const person = await personIn(demo.teams.paris)
    const sales = userId('sales.paris@demo.test')
    const manager = userId('manager.paris@demo.test')
    const at = (iso: string) => new Date(iso)
    const make = (kind: 'CALL' | 'EMAIL' | 'MEETING', occurredAt: Date, authorId: string, personIds: string[] = []) =>
      makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, organisationId: organisation.id, kind, occurredAt, authorId, personIds })
    const january = await make('CALL', at('2025-01-10T10:00:00Z'), sales, [person.id])
    const march = await make('EMAIL', at('2025-03-10T10:00:00Z'), manager)
    const may = await make('MEETING', at('2025-05-10T10:00:00Z'), sales, [person.id])
    const ids = async (filter: Record<string, unknown>) =>
      (await salesParis.trpc.interactions.list.query({ organisationId: organisation.id, ...filter })).items.map((item) => item.id)

    expect(await ids({})).toEqual([may.id, march.id, january.id])
    expect(await ids({ personId: person.id })).toEqual([may.id, january.id])
    expect(await ids({ kind: ['EMAIL', 'MEETING'] })).toEqual([may.id, march.id])
    expect(await ids({ authorId: manager })).toEqual([march.id])
    expect(await ids({ from: at('2025-02-01T00:00:00Z'), to: at('2025-05-10T10:00:00Z') })).toEqual([may.id, march.id])

    const listed = await salesParis.trpc.interactions.list.query({ personId: person.id })
    expect(listed.items[0]).toMatchObject({ author: { id: sales }, organisation: { id: organisation.id }, people: [{ id: person.id }] })
    expect(listed.items[0]).not.toHaveProperty('body')
  })

  it('paginates by cursor in occurrence order with a total', async () => {
    const filter = { limit: 10 }
    const first = await salesParis.trpc.interactions.list.query(filter)
    const second = await salesParis.trpc.interactions.list.query({ ...filter, cursor: first.nextCursor })
    const both = await salesParis.trpc.interactions.list.query({ limit: 20 })
    expect(first.items).toHaveLength(10)
    expect(first.total).toBe(await server.deps.prisma.interaction.count({ where: { teamId: demo.teams.paris } }))
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(both.items.map((item) => item.id))
    const times = both.items.map((item) => item.occurredAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(both.items.every((item) => item.teamId === demo.teams.paris)).toBe(true)
  })

  it('pages by cursor through every interaction exactly once, newest first', async () => {
    const organisation = await organisationIn(demo.teams.paris)
    const days = [3, 1, 3, 2, 1, 3, 2, 2, 1, 4]
    for (const day of days) {
      await makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, organisationId: organisation.id, occurredAt: new Date(Date.UTC(2025, 5, day, 10)) })
    }
    await expectPagingInSortOrder((page) => salesParis.trpc.interactions.list.query({ organisationId: organisation.id, ...page }), {
      total: days.length,
      label: 'occurredAt desc',
      direction: 'desc',
      sortKey: (item) => item.occurredAt,
    })
  })
})
