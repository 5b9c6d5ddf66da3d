import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BULK_MAX } from '../../src/shared/schemas/bulk.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { makeMandate, makeProduct } from '../support/factories-mandate.ts'
import { makePerson } from '../support/factories-person.ts'
import { makeTask } from '../support/factories-task.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let managerParis: TestClient
let salesLyon: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, managerParis, salesLyon] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const userId = (email: string) => demo.byEmail.get(email)!.id

async function parisOrganisations(count: number, ownerEmail = 'sales.paris@demo.test') {
  const made = []
  for (let index = 0; index < count; index++) {
    made.push(await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, ownerId: userId(ownerEmail), name: unique('Lot') }))
  }
  return made.map((organisation) => organisation.id)
}

const eventsOf = (ids: string[], type: string) =>
  server.deps.prisma.domainEvent.findMany({ where: { entityId: { in: ids }, type }, orderBy: { id: 'asc' } })

describe('bulk actions on organisations', () => {
  it('assigns an owner to 20 organisations in one go, one event per record, and "Annuler" puts them back', async () => {
    const ids = await parisOrganisations(20)
    const managerId = userId('manager.paris@demo.test')
    const result = await salesParis.trpc.organisations.bulkUpdate.mutate({ ids, patch: { ownerId: managerId } })
    expect(result.count).toBe(20)
    const stored = await server.deps.prisma.organisation.findMany({ where: { id: { in: ids } } })
    expect(stored.every((organisation) => organisation.ownerId === managerId && organisation.version === 2)).toBe(true)

    const events = await eventsOf(ids, 'organisation.updated')
    expect(events).toHaveLength(20)
    expect(new Set(events.map((event) => event.entityId)).size).toBe(20)
    expect(events[0].payload).toMatchObject({
      ownerId: managerId,
      changes: { ownerId: { from: userId('sales.paris@demo.test'), to: managerId } },
    })

    const undone = await salesParis.trpc.organisations.bulkRestore.mutate({ items: result.previous })
    expect(undone.count).toBe(20)
    const restored = await server.deps.prisma.organisation.findMany({ where: { id: { in: ids } } })
    expect(restored.every((organisation) => organisation.ownerId === userId('sales.paris@demo.test'))).toBe(true)
  })

  it('changes stage and status, adds and removes tags, leaving records already as asked untouched', async () => {
    const ids = await parisOrganisations(3)
    await server.deps.prisma.organisation.update({ where: { id: ids[0] }, data: { stage: 'PROPOSAL', tags: ['ISR'] } })
    const staged = await salesParis.trpc.organisations.bulkUpdate.mutate({ ids, patch: { stage: 'PROPOSAL', isActive: false } })
    expect(staged.count).toBe(3)
    expect(staged.previous.find((entry) => entry.id === ids[0])?.fields).toEqual({ isActive: true })

    const tagged = await salesParis.trpc.organisations.bulkUpdate.mutate({ ids, patch: { addTags: ['ISR', 'Prioritaire'] } })
    expect(tagged.count).toBe(3)
    await salesParis.trpc.organisations.bulkUpdate.mutate({ ids, patch: { removeTags: ['ISR'] } })
    const stored = await server.deps.prisma.organisation.findMany({ where: { id: { in: ids } } })
    expect(stored.map((organisation) => organisation.tags)).toEqual([['Prioritaire'], ['Prioritaire'], ['Prioritaire']])
    expect(stored.every((organisation) => organisation.stage === 'PROPOSAL' && !organisation.isActive)).toBe(true)
  })

  it('is all or nothing: one organisation of another team fails the batch with NOT_FOUND and changes none', async () => {
    const ids = await parisOrganisations(3)
    const lyon = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.lyon })
    const error = await errorOf(salesParis.trpc.organisations.bulkUpdate.mutate({ ids: [...ids, lyon.id], patch: { stage: 'WON' } }))
    expect(error.data?.code).toBe('NOT_FOUND')
    const stored = await server.deps.prisma.organisation.findMany({ where: { id: { in: [...ids, lyon.id] } } })
    expect(stored.every((organisation) => organisation.stage === 'PROSPECT' && organisation.version === 1)).toBe(true)
    expect(await eventsOf([...ids, lyon.id], 'organisation.updated')).toHaveLength(0)
  })

  it('refuses an owner from another team, and more than the batch cap, with a clear message', async () => {
    const ids = await parisOrganisations(2)
    const wrongOwner = await errorOf(
      salesParis.trpc.organisations.bulkUpdate.mutate({ ids, patch: { ownerId: userId('sales.lyon@demo.test') } }),
    )
    expect(wrongOwner.data?.code).toBe('BAD_REQUEST')
    expect(await eventsOf(ids, 'organisation.updated')).toHaveLength(0)

    const tooMany = Array.from({ length: BULK_MAX + 1 }, () => crypto.randomUUID())
    const capped = await errorOf(salesParis.trpc.organisations.bulkUpdate.mutate({ ids: tooMany, patch: { stage: 'WON' } }))
    expect(capped.data?.code).toBe('BAD_REQUEST')
    // Field messages come in the caller's language (French by default).
    expect(capped.data?.fieldErrors?.ids).toEqual([`${BULK_MAX} éléments au plus.`])
  })

  it('deletes for a manager with one event per record; a sales rep is refused', async () => {
    const ids = await parisOrganisations(4)
    expect((await errorOf(salesParis.trpc.organisations.bulkDelete.mutate({ ids }))).data?.code).toBe('FORBIDDEN')
    expect(await managerParis.trpc.organisations.bulkDelete.mutate({ ids })).toEqual({ count: 4 })
    expect(await server.deps.prisma.organisation.count({ where: { id: { in: ids } } })).toBe(0)
    expect(await eventsOf(ids, 'organisation.deleted')).toHaveLength(4)
  })
})

describe('bulk actions on the other lists (one mechanism)', () => {
  it('tasks: assigns and completes many at once, notifies the new assignee, and "Annuler" reopens them', async () => {
    const tasks = await Promise.all([0, 1, 2].map(() => makeTask(server.deps.prisma, { teamId: demo.teams.paris, assigneeId: userId('sales.paris@demo.test') })))
    const ids = tasks.map((task) => task.id)
    const managerId = userId('manager.paris@demo.test')
    const assigned = await salesParis.trpc.tasks.bulkUpdate.mutate({ ids, patch: { assigneeId: managerId } })
    expect(assigned.count).toBe(3)
    expect(await eventsOf(ids, 'task.updated')).toHaveLength(3)
    // The assignment notification follows from the events, as for one task.
    await expect
      .poll(() => server.deps.prisma.notification.count({ where: { recipientId: managerId, type: 'TASK_ASSIGNED', link: { in: ids.map((id) => `/tasks/${id}`) } } }))
      .toBe(3)

    const done = await salesParis.trpc.tasks.bulkUpdate.mutate({ ids, patch: { status: 'DONE' } })
    expect(done.count).toBe(3)
    const completed = await server.deps.prisma.task.findMany({ where: { id: { in: ids } } })
    expect(completed.every((task) => task.status === 'DONE' && task.completedAt !== null && task.version === 3)).toBe(true)
    expect(await eventsOf(ids, 'task.completed')).toHaveLength(3)

    await salesParis.trpc.tasks.bulkRestore.mutate({ items: done.previous })
    const reopened = await server.deps.prisma.task.findMany({ where: { id: { in: ids } } })
    expect(reopened.every((task) => task.status === 'OPEN' && task.completedAt === null)).toBe(true)
    // A sales rep may not delete; a manager deletes them in one go.
    expect((await errorOf(salesParis.trpc.tasks.bulkDelete.mutate({ ids }))).data?.code).toBe('FORBIDDEN')
    expect(await managerParis.trpc.tasks.bulkDelete.mutate({ ids })).toEqual({ count: 3 })
    expect(await eventsOf(ids, 'task.deleted')).toHaveLength(3)
  })

  it('people: assigns an owner of the team only, all or nothing across teams', async () => {
    const people = await Promise.all([0, 1].map(() => makePerson(server.deps.prisma, { teamId: demo.teams.paris })))
    const ids = people.map((person) => person.id)
    const lyonPerson = await makePerson(server.deps.prisma, { teamId: demo.teams.lyon })
    const outsider = await errorOf(salesParis.trpc.people.bulkUpdate.mutate({ ids: [...ids, lyonPerson.id], patch: { ownerId: userId('sales.paris@demo.test') } }))
    expect(outsider.data?.code).toBe('NOT_FOUND')
    const wrongOwner = await errorOf(salesParis.trpc.people.bulkUpdate.mutate({ ids, patch: { ownerId: userId('sales.lyon@demo.test') } }))
    expect(wrongOwner.data?.code).toBe('BAD_REQUEST')
    expect(await server.deps.prisma.person.count({ where: { id: { in: ids }, ownerId: { not: null } } })).toBe(0)

    const result = await salesParis.trpc.people.bulkUpdate.mutate({ ids, patch: { ownerId: userId('manager.paris@demo.test') } })
    expect(result).toMatchObject({ count: 2, previous: ids.map((id) => ({ id, fields: { ownerId: null } })).sort((a, b) => a.id.localeCompare(b.id)) })
    expect(await eventsOf(ids, 'person.updated')).toHaveLength(2)
  })

  it('mandates: signing many at once records the signature and notifies as one signature does', async () => {
    const mandates = await Promise.all([0, 1].map(() => makeMandate(server.deps.prisma, { teamId: demo.teams.paris, ownerId: userId('sales.paris@demo.test') })))
    const ids = mandates.map((mandate) => mandate.id)
    const result = await salesParis.trpc.mandates.bulkUpdate.mutate({ ids, patch: { status: 'SIGNED' } })
    expect(result.count).toBe(2)
    const stored = await server.deps.prisma.mandate.findMany({ where: { id: { in: ids } } })
    expect(stored.every((mandate) => mandate.status === 'SIGNED' && mandate.signedAt !== null)).toBe(true)
    await expect
      .poll(() => server.deps.prisma.notification.count({ where: { type: 'MANDATE_SIGNED', link: { in: ids.map((id) => `/mandates/${id}`) } } }))
      .toBeGreaterThanOrEqual(2)
  })

  it('products: sets the status; a viewer is refused', async () => {
    const products = await Promise.all([0, 1].map(() => makeProduct(server.deps.prisma, { teamId: demo.teams.paris })))
    const ids = products.map((product) => product.id)
    const viewer = await loginAs(server.url, 'viewer.paris@demo.test')
    expect((await errorOf(viewer.trpc.products.bulkUpdate.mutate({ ids, patch: { status: 'SUSPENDED' } }))).data?.code).toBe('FORBIDDEN')
    expect((await salesParis.trpc.products.bulkUpdate.mutate({ ids, patch: { status: 'SUSPENDED' } })).count).toBe(2)
    expect(await server.deps.prisma.product.count({ where: { id: { in: ids }, status: 'SUSPENDED' } })).toBe(2)
    const empty = await errorOf(salesParis.trpc.products.bulkUpdate.mutate({ ids, patch: {} }))
    expect(empty.data?.code).toBe('BAD_REQUEST')
  })
})

describe('saved views', () => {
  it('keeps a view per user, shares it with the team only when asked, and only its owner changes it', async () => {
    const name = unique('Gagnées')
    const view = await salesParis.trpc.savedViews.create.mutate({
      list: 'organisations',
      name,
      search: { stage: ['WON'], sort: 'potentialAmount', dir: 'desc' },
      hiddenColumns: ['updatedAt'],
    })
    expect(view).toMatchObject({ name, shared: false, search: { stage: ['WON'] }, hiddenColumns: ['updatedAt'] })

    const names = async (client: TestClient) => (await client.trpc.savedViews.list.query({ list: 'organisations' })).map((v) => v.name)
    expect(await names(salesParis)).toContain(name)
    expect(await names(managerParis)).not.toContain(name)

    await salesParis.trpc.savedViews.update.mutate({ id: view.id, data: { shared: true } })
    expect(await names(managerParis)).toContain(name)
    expect(await names(salesLyon)).not.toContain(name)
    expect((await salesParis.trpc.savedViews.list.query({ list: 'people' })).map((v) => v.name)).not.toContain(name)

    expect((await errorOf(managerParis.trpc.savedViews.delete.mutate({ id: view.id }))).data?.code).toBe('FORBIDDEN')
    expect((await errorOf(salesLyon.trpc.savedViews.delete.mutate({ id: view.id }))).data?.code).toBe('NOT_FOUND')
    const duplicate = await errorOf(salesParis.trpc.savedViews.create.mutate({ list: 'organisations', name, search: {} }))
    expect(duplicate.data?.code).toBe('CONFLICT')

    await salesParis.trpc.savedViews.delete.mutate({ id: view.id })
    expect(await names(managerParis)).not.toContain(name)
  })
})
