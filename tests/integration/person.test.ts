import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSON_SORT_FIELDS } from '../../src/shared/schemas/person.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { makeInteraction, makeLink, makePerson } from '../support/factories-person.ts'
import { everySort, expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
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

const parisOrganisation = (name?: string) => makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, name })
const lyonOrganisation = () => makeOrganisation(server.deps.prisma, { teamId: demo.teams.lyon })
const eventsOf = (entityId: string) => server.deps.prisma.domainEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } })
const userId = (email: string) => demo.byEmail.get(email)!.id

describe('people', () => {
  it('creates with links, reads, updates and deletes with a domain event for each write', async () => {
    const organisation = await parisOrganisation()
    const created = await salesParis.trpc.people.create.mutate({
      firstName: ' Hélène ',
      lastName: 'Dubois',
      email: 'Helene.Dubois@Example.FR',
      links: [{ organisationId: organisation.id, role: 'Directrice financière', workEmail: 'h.dubois@org.fr', isPrimary: true }],
    })
    expect(created).toMatchObject({
      firstName: 'Hélène',
      email: 'helene.dubois@example.fr',
      version: 1,
      ownerId: userId('sales.paris@demo.test'),
      team: { name: 'Paris' },
      organisationLinks: [{ role: 'Directrice financière', isPrimary: true, organisation: { id: organisation.id, name: organisation.name } }],
    })

    const updated = await salesParis.trpc.people.update.mutate({ id: created.id, version: 1, data: { jobTitle: 'CFO', phone: '+33 6 12 34 56 78' } })
    expect(updated).toMatchObject({ jobTitle: 'CFO', phone: '+33 6 12 34 56 78', version: 2 })

    const events = await eventsOf(created.id)
    expect(events.map((event) => event.type)).toEqual(['person.created', 'person.linked', 'person.updated'])
    expect(events.every((event) => event.entity === 'person' && event.teamId === demo.teams.paris)).toBe(true)
    expect(events[1].payload).toMatchObject({ organisationId: organisation.id, created: true, isPrimary: true })
    expect(events[2].payload).toMatchObject({ changes: { jobTitle: { from: null, to: 'CFO' }, phone: { from: null, to: '+33 6 12 34 56 78' } } })

    expect((await errorOf(salesParis.trpc.people.delete.mutate({ id: created.id }))).data?.code).toBe('FORBIDDEN')
    await managerParis.trpc.people.delete.mutate({ id: created.id })
    expect((await errorOf(salesParis.trpc.people.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
    const deleted = await server.deps.prisma.domainEvent.findFirst({ where: { entityId: created.id, type: 'person.deleted' } })
    expect(deleted?.payload).toMatchObject({ organisationIds: [organisation.id] })
    expect(await server.deps.prisma.personOrganisationLink.count({ where: { personId: created.id } })).toBe(0)
  })

  it('refuses a stale version with CONFLICT carrying the current record, and overwrites nothing', async () => {
    const person = await salesParis.trpc.people.create.mutate({ firstName: 'Paul', lastName: unique('Conflit') })
    await salesParis.trpc.people.update.mutate({ id: person.id, version: 1, data: { jobTitle: 'Gérant' } })
    const error = await errorOf(salesParis.trpc.people.update.mutate({ id: person.id, version: 1, data: { jobTitle: 'Associé' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details?.current).toMatchObject({ jobTitle: 'Gérant', version: 2 })
    expect((await salesParis.trpc.people.byId.query({ id: person.id })).jobTitle).toBe('Gérant')
    expect((await errorOf(managerParis.trpc.people.delete.mutate({ id: person.id, version: 1 }))).data?.code).toBe('CONFLICT')
  })

  it('answers bad input with BAD_REQUEST and field messages', async () => {
    const organisation = await parisOrganisation()
    const error = await errorOf(
      salesParis.trpc.people.create.mutate({
        firstName: '',
        lastName: 'x'.repeat(101),
        email: 'nope',
        linkedinUrl: `linkedin.com/in/${'x'.repeat(500)}`,
        links: [{ organisationId: organisation.id }, { organisationId: organisation.id }],
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'linkedinUrl', 'links']))

    const empty = await errorOf(salesParis.trpc.people.update.mutate({ id: (await makePerson(server.deps.prisma, { teamId: demo.teams.paris })).id, version: 1, data: {} }))
    expect(empty.data?.code).toBe('BAD_REQUEST')
  })

  it('refuses links and owners outside the person’s team with a field message, creating nothing', async () => {
    const lastName = unique('Intrus')
    const foreign = await errorOf(
      salesParis.trpc.people.create.mutate({ firstName: 'Léa', lastName, links: [{ organisationId: (await lyonOrganisation()).id }] }),
    )
    expect(foreign.data?.code).toBe('BAD_REQUEST')
    expect(foreign.data?.fieldErrors).toMatchObject({ links: [expect.any(String)] })
    expect(await server.deps.prisma.person.count({ where: { lastName } })).toBe(0)

    const badOwner = await errorOf(salesParis.trpc.people.create.mutate({ firstName: 'Léa', lastName, ownerId: userId('sales.lyon@demo.test') }))
    expect(badOwner.data?.fieldErrors).toMatchObject({ ownerId: [expect.any(String)] })

    // An admin sees both teams, yet may not link a Lyon person to a Paris organisation.
    const lyonPerson = await makePerson(server.deps.prisma, { teamId: demo.teams.lyon })
    const crossTeam = await errorOf(admin.trpc.people.link.mutate({ personId: lyonPerson.id, organisationId: (await parisOrganisation()).id }))
    expect(crossTeam.data?.code).toBe('BAD_REQUEST')
    expect(crossTeam.data?.fieldErrors).toMatchObject({ organisationId: [expect.any(String)] })
  })

  it('lets an admin create in another team, where they do not become the owner', async () => {
    const organisation = await lyonOrganisation()
    const person = await admin.trpc.people.create.mutate({
      firstName: 'Marc',
      lastName: unique('Lyonnais'),
      teamId: demo.teams.lyon,
      links: [{ organisationId: organisation.id }],
    })
    expect(person).toMatchObject({ teamId: demo.teams.lyon, ownerId: null, organisationLinks: [{ organisationId: organisation.id }] })
    expect((await salesLyon.trpc.people.byId.query({ id: person.id })).id).toBe(person.id)
  })

  it('links and relinks a person, keeping one primary contact per organisation', async () => {
    const organisation = await parisOrganisation()
    const first = await makePerson(server.deps.prisma, { teamId: demo.teams.paris })
    const second = await makePerson(server.deps.prisma, { teamId: demo.teams.paris })
    await salesParis.trpc.people.link.mutate({ personId: first.id, organisationId: organisation.id, role: 'Trésorier', isPrimary: true })
    const linked = await salesParis.trpc.people.link.mutate({ personId: second.id, organisationId: organisation.id, isPrimary: true })
    expect(linked.organisationLinks).toMatchObject([{ organisationId: organisation.id, isPrimary: true }])

    const links = await server.deps.prisma.personOrganisationLink.findMany({ where: { organisationId: organisation.id }, orderBy: { createdAt: 'asc' } })
    expect(links.map((link) => [link.personId, link.isPrimary])).toEqual([
      [first.id, false],
      [second.id, true],
    ])
    const secondEvent = await server.deps.prisma.domainEvent.findFirst({ where: { entityId: second.id, type: 'person.linked' } })
    expect(secondEvent?.payload).toMatchObject({ demotedPersonIds: [first.id] })

    // Linking again updates the given fields of the same link and leaves the others alone.
    const relinked = await salesParis.trpc.people.link.mutate({ personId: first.id, organisationId: organisation.id, jobTitle: 'DAF' })
    expect(relinked.organisationLinks).toEqual([expect.objectContaining({ role: 'Trésorier', jobTitle: 'DAF', isPrimary: false })])
    const relinkEvents = await server.deps.prisma.domainEvent.findMany({ where: { entityId: first.id, type: 'person.linked' }, orderBy: { id: 'asc' } })
    expect(relinkEvents.map((event) => event.payload)).toMatchObject([{ created: true }, { created: false, changes: { jobTitle: { from: null, to: 'DAF' } } }])
  })

  it('promotes concurrent primary contacts one at a time, leaving exactly one', async () => {
    const organisation = await parisOrganisation()
    const people = await Promise.all(Array.from({ length: 5 }, () => makePerson(server.deps.prisma, { teamId: demo.teams.paris })))
    await Promise.all(people.map((person) => salesParis.trpc.people.link.mutate({ personId: person.id, organisationId: organisation.id, isPrimary: true })))
    expect(await server.deps.prisma.personOrganisationLink.count({ where: { organisationId: organisation.id } })).toBe(5)
    expect(await server.deps.prisma.personOrganisationLink.count({ where: { organisationId: organisation.id, isPrimary: true } })).toBe(1)
  })

  it('unlinks with an event, and answers NOT_FOUND for a link that does not exist', async () => {
    const organisation = await parisOrganisation()
    const person = await makePerson(server.deps.prisma, { teamId: demo.teams.paris })
    await makeLink(server.deps.prisma, { personId: person.id, organisationId: organisation.id, isPrimary: true })
    const unlinked = await salesParis.trpc.people.unlink.mutate({ personId: person.id, organisationId: organisation.id })
    expect(unlinked.organisationLinks).toEqual([])
    const event = await server.deps.prisma.domainEvent.findFirst({ where: { entityId: person.id, type: 'person.unlinked' } })
    expect(event?.payload).toMatchObject({ organisationId: organisation.id, wasPrimary: true })
    expect((await errorOf(salesParis.trpc.people.unlink.mutate({ personId: person.id, organisationId: organisation.id }))).data?.code).toBe('NOT_FOUND')
  })

  it('shows a person with organisations, recent interactions and open tasks only', async () => {
    const organisation = await parisOrganisation()
    const person = await makePerson(server.deps.prisma, { teamId: demo.teams.paris })
    await makeLink(server.deps.prisma, { personId: person.id, organisationId: organisation.id, role: 'Gérant' })
    const older = await makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, personIds: [person.id], occurredAt: new Date('2025-01-01T10:00:00Z') })
    const newer = await makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, organisationId: organisation.id, personIds: [person.id], occurredAt: new Date('2025-06-01T10:00:00Z') })
    await makeInteraction(server.deps.prisma, { teamId: demo.teams.paris, organisationId: organisation.id })
    const task = (title: string, status: 'OPEN' | 'IN_PROGRESS' | 'DONE') =>
      server.deps.prisma.task.create({ data: { title, status, teamId: demo.teams.paris, personId: person.id } })
    await Promise.all([task('Relancer', 'OPEN'), task('Préparer', 'IN_PROGRESS'), task('Envoyer', 'DONE')])

    const detail = await viewerParis.trpc.people.byId.query({ id: person.id })
    expect(detail.organisationLinks).toMatchObject([{ role: 'Gérant', organisation: { id: organisation.id, name: organisation.name, type: 'INVESTOR' } }])
    expect(detail.interactions.map((interaction) => interaction.id)).toEqual([newer.id, older.id])
    expect(detail.interactions[0].organisation).toMatchObject({ id: organisation.id })
    expect(detail.tasks.map((item) => item.title).sort()).toEqual(['Préparer', 'Relancer'])
  })

  it('keeps teams apart: another team’s person is not found, and lists never show it', async () => {
    const lastName = unique('Secret')
    const paris = await salesParis.trpc.people.create.mutate({ firstName: 'Anne', lastName })
    expect((await errorOf(salesLyon.trpc.people.byId.query({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.people.update.mutate({ id: paris.id, version: 1, data: { jobTitle: 'x' } }))).data?.code).toBe('NOT_FOUND')
    const lyonOrg = await lyonOrganisation()
    expect((await errorOf(salesLyon.trpc.people.link.mutate({ personId: paris.id, organisationId: lyonOrg.id }))).data?.code).toBe('NOT_FOUND')
    expect((await salesLyon.trpc.people.list.query({ q: lastName })).total).toBe(0)
    expect((await admin.trpc.people.list.query({ q: lastName })).total).toBe(1)
    expect((await errorOf(viewerParis.trpc.people.create.mutate({ firstName: 'Vue', lastName: 'Seule' }))).data?.code).toBe('FORBIDDEN')
    expect(await server.deps.prisma.person.findUnique({ where: { id: paris.id }, select: { version: true } })).toEqual({ version: 1 })
  })

  it('lists by name words, organisation and owner, with the primary organisation of each person', async () => {
    const organisation = await parisOrganisation(unique('Caisse Lumière'))
    const lastName = unique('Lefèvre')
    const primary = await makePerson(server.deps.prisma, { teamId: demo.teams.paris, firstName: 'Jeanne', lastName, ownerId: userId('manager.paris@demo.test') })
    const other = await makePerson(server.deps.prisma, { teamId: demo.teams.paris, firstName: 'Jules', lastName })
    await makeLink(server.deps.prisma, { personId: primary.id, organisationId: (await parisOrganisation()).id })
    await makeLink(server.deps.prisma, { personId: primary.id, organisationId: organisation.id, isPrimary: true })
    await makeLink(server.deps.prisma, { personId: other.id, organisationId: organisation.id })

    const byWords = await salesParis.trpc.people.list.query({ q: `jeanne ${lastName.toUpperCase()}` })
    expect(byWords.items.map((item) => item.id)).toEqual([primary.id])
    expect(byWords.items[0].primaryOrganisation).toEqual({ id: organisation.id, name: organisation.name })

    const byOrganisation = await salesParis.trpc.people.list.query({ organisationId: organisation.id, sort: { field: 'lastName', direction: 'asc' } })
    expect(byOrganisation.total).toBe(2)
    expect(byOrganisation.items.map((item) => item.firstName)).toEqual(['Jeanne', 'Jules'])

    const byOwner = await salesParis.trpc.people.list.query({ q: lastName, ownerId: userId('manager.paris@demo.test') })
    expect(byOwner.items.map((item) => item.id)).toEqual([primary.id])
    expect((await errorOf(salesParis.trpc.people.list.query({ q: 'x'.repeat(101) }))).data?.code).toBe('BAD_REQUEST')
  })

  it('sorts by last name then first name, either way', async () => {
    const token = unique('Tri').replace(' ', '')
    for (const [firstName, lastName] of [['Bea', `${token}b`], ['Al', `${token}c`], ['Zoe', `${token}a`], ['Ada', `${token}a`]]) {
      await makePerson(server.deps.prisma, { teamId: demo.teams.paris, firstName, lastName })
    }
    const names = async (direction: 'asc' | 'desc') =>
      (await salesParis.trpc.people.list.query({ q: token, sort: { field: 'lastName', direction } })).items.map((item) => item.firstName)
    expect(await names('asc')).toEqual(['Ada', 'Zoe', 'Bea', 'Al'])
    expect(await names('desc')).toEqual(['Al', 'Bea', 'Zoe', 'Ada'])
  })

  it('paginates by cursor in a stable sort order with a total', async () => {
    const filter = { sort: { field: 'lastName' as const, direction: 'asc' as const }, limit: 9 }
    const first = await salesParis.trpc.people.list.query(filter)
    const second = await salesParis.trpc.people.list.query({ ...filter, cursor: first.nextCursor })
    const both = await salesParis.trpc.people.list.query({ ...filter, limit: 18 })
    expect(first.items).toHaveLength(9)
    expect(first.total).toBeGreaterThan(18)
    expect(first.total).toBe(await server.deps.prisma.person.count({ where: { teamId: demo.teams.paris } }))
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(both.items.map((item) => item.id))
    expect(both.items.every((item) => item.team.name === 'Paris')).toBe(true)
  })

  it('pages by cursor through every person exactly once, in sort order, for every sort', async () => {
    const prisma = server.deps.prisma
    const token = unique('Page').replace(' ', '')
    // Shared last names, and twice the same full name, so that first names and then ids break ties.
    const names = [['Bea', 'b'], ['Al', 'a'], ['Zoe', 'a'], ['Al', 'a'], ['Bea', 'c'], ['Ada', 'b'], ['Al', 'a'], ['Zoe', 'c'], ['Bea', 'b'], ['Ada', 'a']]
    for (const [index, [firstName, suffix]] of names.entries()) {
      const person = await makePerson(prisma, { teamId: demo.teams.paris, firstName, lastName: `${token}${suffix}` })
      await prisma.person.update({ where: { id: person.id }, data: tiedTimestamps(index) })
    }
    type Item = Awaited<ReturnType<typeof salesParis.trpc.people.list.query>>['items'][number]
    const sortKeys = {
      lastName: (item: Item) => [item.lastName, item.firstName],
      updatedAt: (item: Item) => item.updatedAt,
      createdAt: (item: Item) => item.createdAt,
    }
    for (const sort of everySort(PERSON_SORT_FIELDS)) {
      await expectPagingInSortOrder((page) => salesParis.trpc.people.list.query({ q: token, sort, ...page }), {
        total: names.length,
        label: `${sort.field} ${sort.direction}`,
        direction: sort.direction,
        sortKey: sortKeys[sort.field],
      })
    }
  })
})
