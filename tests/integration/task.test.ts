import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TASK_PRIORITIES, TASK_SORT_FIELDS } from '../../src/shared/schemas/task.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { makeTask, makeUser } from '../support/factories-task.ts'
import { everySort, expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let salesLyon: TestClient
let viewerParis: TestClient
let managerParis: TestClient

const DAY = 24 * 3600_000
const id = (email: string) => demo.byEmail.get(email)!.id

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, salesLyon, viewerParis, managerParis] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const eventsOf = (entityId: string) =>
  server.deps.prisma.domainEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } })

describe('tasks', () => {
  it('creates, updates, completes, reopens and deletes, with a domain event carrying the assignee for each write', async () => {
    const organisation = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris })
    const dueAt = new Date(Date.now() + 3 * DAY)
    const created = await salesParis.trpc.tasks.create.mutate({
      title: '  Rappeler le directeur financier ',
      dueAt,
      priority: 'HIGH',
      assigneeId: id('sales.paris@demo.test'),
      organisationId: organisation.id,
    })
    expect(created).toMatchObject({
      title: 'Rappeler le directeur financier',
      status: 'OPEN',
      priority: 'HIGH',
      version: 1,
      dueAt,
      createdBy: { id: id('sales.paris@demo.test') },
      organisation: { id: organisation.id },
      team: { name: 'Paris' },
    })

    const reassigned = await salesParis.trpc.tasks.update.mutate({
      id: created.id,
      version: 1,
      data: { assigneeId: id('manager.paris@demo.test'), status: 'IN_PROGRESS' },
    })
    expect(reassigned).toMatchObject({ status: 'IN_PROGRESS', version: 2, assignee: { id: id('manager.paris@demo.test') } })

    const done = await salesParis.trpc.tasks.complete.mutate({ id: created.id, version: 2 })
    expect(done.status).toBe('DONE')
    expect(done.completedAt).toBeInstanceOf(Date)
    const reopened = await salesParis.trpc.tasks.reopen.mutate({ id: created.id })
    expect(reopened).toMatchObject({ status: 'OPEN', completedAt: null, version: 4 })
    await managerParis.trpc.tasks.delete.mutate({ id: created.id, version: 4 })
    expect((await errorOf(salesParis.trpc.tasks.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')

    const events = await eventsOf(created.id)
    expect(events.map((event) => event.type)).toEqual(['task.created', 'task.updated', 'task.completed', 'task.updated', 'task.deleted'])
    expect(events[0].payload).toMatchObject({ assigneeId: id('sales.paris@demo.test') })
    expect(events[1].payload).toMatchObject({
      assigneeId: id('manager.paris@demo.test'),
      previousAssigneeId: id('sales.paris@demo.test'),
      changes: { status: { from: 'OPEN', to: 'IN_PROGRESS' } },
    })
    expect(events[2].payload).toMatchObject({ assigneeId: id('manager.paris@demo.test'), status: 'DONE' })
    expect(events[3].payload).not.toHaveProperty('previousAssigneeId')
    expect(events.every((event) => event.teamId === demo.teams.paris && event.entity === 'task')).toBe(true)
  })

  it('refuses a stale version with CONFLICT carrying the current task, and overwrites nothing', async () => {
    const task = await salesParis.trpc.tasks.create.mutate({ title: 'Conflit de tâche' })
    await salesParis.trpc.tasks.update.mutate({ id: task.id, version: 1, data: { priority: 'URGENT' } })
    const error = await errorOf(salesParis.trpc.tasks.update.mutate({ id: task.id, version: 1, data: { priority: 'LOW' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details).toMatchObject({ current: { priority: 'URGENT', version: 2 }, fields: ['priority'] })
    // Completing from before someone else's status change conflicts on the status (other fields would merge).
    await salesParis.trpc.tasks.update.mutate({ id: task.id, version: 2, data: { status: 'IN_PROGRESS' } })
    const stale = await errorOf(salesParis.trpc.tasks.complete.mutate({ id: task.id, version: 2 }))
    expect(stale.data?.code).toBe('CONFLICT')
    expect(stale.data?.details?.fields).toEqual(['status'])
    expect(await salesParis.trpc.tasks.byId.query({ id: task.id })).toMatchObject({ priority: 'URGENT', status: 'IN_PROGRESS' })
  })

  it('answers bad input with BAD_REQUEST and field messages, never a 500', async () => {
    const error = await errorOf(
      salesParis.trpc.tasks.create.mutate({
        title: '',
        priority: 'ALIEN' as 'LOW',
        dueAt: '31/02/2030' as unknown as Date,
        assigneeId: 'nope',
        description: 'x'.repeat(5_001),
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(['title', 'priority', 'dueAt', 'assigneeId', 'description']),
    )
    const farFuture = await errorOf(salesParis.trpc.tasks.create.mutate({ title: 'Loin', dueAt: new Date('+100000-01-01T00:00:00Z') }))
    expect(farFuture.data?.fieldErrors).toHaveProperty('dueAt')
    // DONE is only reached through `complete`, so that completion is always its own event.
    const done = await errorOf(salesParis.trpc.tasks.create.mutate({ title: 'Déjà faite', status: 'DONE' as 'OPEN' }))
    expect(done.data?.fieldErrors).toHaveProperty('status')
    const empty = await errorOf(salesParis.trpc.tasks.update.mutate({ id: (await salesParis.trpc.tasks.create.mutate({ title: 'Vide' })).id, version: 1, data: {} }))
    expect(empty.data?.code).toBe('BAD_REQUEST')
  })

  it('accepts an ISO date string with an offset for dueAt', async () => {
    const task = await salesParis.trpc.tasks.create.mutate({ title: 'Date en texte', dueAt: '2031-05-04T09:30:00+02:00' as unknown as Date })
    expect(task.dueAt?.toISOString()).toBe('2031-05-04T07:30:00.000Z')
  })

  it('refuses an assignee, organisation or person outside the task’s team with field messages', async () => {
    const lyonOrganisation = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.lyon })
    const lyonPerson = await server.deps.prisma.person.create({ data: { firstName: 'Ana', lastName: 'Lyon', teamId: demo.teams.lyon } })
    const error = await errorOf(
      salesParis.trpc.tasks.create.mutate({
        title: 'Références étrangères',
        assigneeId: id('sales.lyon@demo.test'),
        organisationId: lyonOrganisation.id,
        personId: lyonPerson.id,
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(['assigneeId', 'organisationId', 'personId'])

    const inactive = await makeUser(server.deps.prisma, { teamId: demo.teams.paris, isActive: false })
    const task = await salesParis.trpc.tasks.create.mutate({ title: 'Assignation inactive' })
    const update = await errorOf(salesParis.trpc.tasks.update.mutate({ id: task.id, version: 1, data: { assigneeId: inactive.id } }))
    expect(update.data?.fieldErrors).toHaveProperty('assigneeId')
    const unknown = await errorOf(salesParis.trpc.tasks.create.mutate({ title: 'Fantôme', organisationId: '0190a6b2-0000-7000-8000-000000000000' }))
    expect(unknown.data?.fieldErrors).toHaveProperty('organisationId')
  })

  it('lets the assignee complete their task whatever their role, but not a viewer who is not assigned', async () => {
    const mine = await makeTask(server.deps.prisma, { teamId: demo.teams.paris, assigneeId: id('viewer.paris@demo.test') })
    const notMine = await makeTask(server.deps.prisma, { teamId: demo.teams.paris, assigneeId: id('sales.paris@demo.test') })
    const done = await viewerParis.trpc.tasks.complete.mutate({ id: mine.id })
    expect(done).toMatchObject({ status: 'DONE', version: 2 })
    // Completing twice changes nothing: no new version, no second event.
    expect(await viewerParis.trpc.tasks.complete.mutate({ id: mine.id })).toMatchObject({ version: 2 })
    expect((await eventsOf(mine.id)).filter((event) => event.type === 'task.completed')).toHaveLength(1)
    expect((await errorOf(viewerParis.trpc.tasks.complete.mutate({ id: notMine.id }))).data?.code).toBe('FORBIDDEN')
    expect((await errorOf(viewerParis.trpc.tasks.update.mutate({ id: mine.id, version: 2, data: { title: 'Non' } }))).data?.code).toBe(
      'FORBIDDEN',
    )
  })

  it('keeps teams apart: another team’s task is not found and never listed', async () => {
    const paris = await salesParis.trpc.tasks.create.mutate({ title: 'Secret de Paris (tâche)' })
    expect((await errorOf(salesLyon.trpc.tasks.byId.query({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    const update = salesLyon.trpc.tasks.update.mutate({ id: paris.id, version: 1, data: { title: 'Pris' } })
    expect((await errorOf(update)).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.tasks.complete.mutate({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.tasks.delete.mutate({ id: paris.id }))).data?.code).toBe('FORBIDDEN')
    expect((await salesLyon.trpc.tasks.list.query({ q: 'Secret de Paris (tâche)' })).total).toBe(0)
    expect((await salesParis.trpc.tasks.list.query({ q: 'Secret de Paris (tâche)' })).total).toBe(1)
    const wrongTeam = await errorOf(salesParis.trpc.tasks.create.mutate({ title: 'Ailleurs', teamId: demo.teams.lyon }))
    expect(wrongTeam.data?.fieldErrors).toHaveProperty('teamId')
  })

  it('lets an admin create in another team with an assignee of that team', async () => {
    const admin = await loginAs(server.url, 'admin@demo.test')
    const task = await admin.trpc.tasks.create.mutate({ title: 'Pour Lyon', teamId: demo.teams.lyon, assigneeId: id('sales.lyon@demo.test') })
    expect(task).toMatchObject({ team: { name: 'Lyon' }, assignee: { id: id('sales.lyon@demo.test') } })
    expect(await salesLyon.trpc.tasks.byId.query({ id: task.id })).toMatchObject({ id: task.id })
  })
})

describe('task lists', () => {
  it('offers the mine, team and overdue views, combined with filters', async () => {
    const prisma = server.deps.prisma
    const organisation = await makeOrganisation(prisma, { teamId: demo.teams.paris })
    const base = { teamId: demo.teams.paris, organisationId: organisation.id }
    const me = id('sales.paris@demo.test')
    const overdueMine = await makeTask(prisma, { ...base, assigneeId: me, dueAt: new Date(Date.now() - DAY), priority: 'URGENT' })
    const overdueInProgress = await makeTask(prisma, { ...base, dueAt: new Date(Date.now() - 2 * DAY), status: 'IN_PROGRESS' })
    const futureMine = await makeTask(prisma, { ...base, assigneeId: me, dueAt: new Date(Date.now() + DAY) })
    await makeTask(prisma, { ...base, assigneeId: me, dueAt: new Date(Date.now() - DAY), status: 'DONE' })
    await makeTask(prisma, { ...base, dueAt: new Date(Date.now() - DAY), status: 'CANCELLED' })
    await makeTask(prisma, { ...base, assigneeId: id('manager.paris@demo.test') })

    const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id).sort()
    const filter = { organisationId: organisation.id }
    expect((await salesParis.trpc.tasks.list.query({ ...filter, view: 'team' })).total).toBe(6)
    const mine = await salesParis.trpc.tasks.list.query({ ...filter, view: 'mine', status: ['OPEN', 'IN_PROGRESS'] })
    expect(ids(mine)).toEqual([overdueMine.id, futureMine.id].sort())
    const overdue = await salesParis.trpc.tasks.list.query({ ...filter, view: 'overdue' })
    expect(ids(overdue)).toEqual([overdueMine.id, overdueInProgress.id].sort())
    expect(overdue.total).toBe(2)
    const overdueMineOnly = await salesParis.trpc.tasks.list.query({ ...filter, view: 'overdue', assigneeId: me })
    expect(ids(overdueMineOnly)).toEqual([overdueMine.id])
    const urgent = await salesParis.trpc.tasks.list.query({ ...filter, priority: ['URGENT'] })
    expect(ids(urgent)).toEqual([overdueMine.id])
    expect(urgent.items[0]).toMatchObject({ assignee: { id: me }, organisation: { id: organisation.id }, team: { name: 'Paris' } })
  })

  it('pages by cursor through every task exactly once, in sort order, undated tasks last, for every sort', async () => {
    const prisma = server.deps.prisma
    const organisation = await makeOrganisation(prisma, { teamId: demo.teams.paris })
    const dueInDays = [3, null, 1, 3, null, 2, 1, null, 5, 3, null, 2]
    const priorities = ['LOW', 'URGENT', 'MEDIUM', 'HIGH', 'LOW', 'URGENT', 'MEDIUM', 'LOW', 'HIGH', 'URGENT', 'MEDIUM', 'LOW'] as const
    for (const [index, days] of dueInDays.entries()) {
      const task = await makeTask(prisma, {
        teamId: demo.teams.paris,
        organisationId: organisation.id,
        dueAt: days === null ? null : new Date(Date.UTC(2031, 0, days, 9)),
        priority: priorities[index],
      })
      await prisma.task.update({ where: { id: task.id }, data: tiedTimestamps(index) })
    }
    type Item = Awaited<ReturnType<typeof salesParis.trpc.tasks.list.query>>['items'][number]
    const sortKeys = {
      dueAt: (item: Item) => item.dueAt,
      priority: (item: Item) => TASK_PRIORITIES.indexOf(item.priority),
      updatedAt: (item: Item) => item.updatedAt,
      createdAt: (item: Item) => item.createdAt,
    }
    for (const sort of everySort(TASK_SORT_FIELDS)) {
      const items = await expectPagingInSortOrder(
        (page) => salesParis.trpc.tasks.list.query({ organisationId: organisation.id, sort, ...page }),
        { total: dueInDays.length, label: `${sort.field} ${sort.direction}`, direction: sort.direction, sortKey: sortKeys[sort.field] },
      )
      if (sort.field === 'dueAt') expect(items.slice(-4).map((item) => item.dueAt)).toEqual([null, null, null, null])
    }
  })
})
