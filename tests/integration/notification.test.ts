import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifyDueTasks } from '../../src/server/jobs/due-tasks.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { connectSocket } from '../support/socket.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let managerParis: TestClient
let managerLyon: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, managerParis, managerLyon] = await Promise.all(
    ['sales.paris@demo.test', 'manager.paris@demo.test', 'manager.lyon@demo.test'].map((email) => loginAs(server.url, email)),
  )
})
afterAll(async () => {
  await server?.stop()
})

const PASSWORD = 'long-enough-password'
const userId = (email: string) => demo.byEmail.get(email)!.id
const notificationsOf = (email: string) =>
  server.deps.prisma.notification.findMany({ where: { recipientId: userId(email) }, orderBy: { createdAt: 'asc' } })

describe('notifications', () => {
  it('tells the team’s managers and the owner of a pipeline move, live, with a rising unread count', async () => {
    const managerTab = await connectSocket(server.url, managerParis)
    const lyonTab = await connectSocket(server.url, managerLyon)
    const before = await managerParis.trpc.notifications.unreadCount.query()
    const card = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, ownerId: userId('viewer.paris@demo.test') })
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'PROPOSAL' })

    const live = await managerTab.waitFor((event) => event.type === 'notification.created' && (event.payload as any).notification.link === `/organisations/${card.id}`)
    expect(live.payload).toMatchObject({ unreadCount: before + 1, notification: { type: 'PIPELINE_UPDATE', title: expect.stringContaining('Prospect → Proposition') } })
    expect(await managerParis.trpc.notifications.unreadCount.query()).toBe(before + 1)
    await expect.poll(async () => (await notificationsOf('viewer.paris@demo.test')).some((item) => item.link === `/organisations/${card.id}`)).toBe(true)
    // The mover is not notified of their own move, and Lyon hears nothing.
    expect((await notificationsOf('sales.paris@demo.test')).some((item) => item.link === `/organisations/${card.id}`)).toBe(false)
    expect(lyonTab.events.filter((event) => event.entity === 'notification')).toEqual([])
    managerTab.close()
    lyonTab.close()
  })

  it('marks one or all read, and tells the user’s other tabs', async () => {
    const otherTab = await connectSocket(server.url, managerParis)
    const card = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris })
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })
    await otherTab.waitFor((event) => event.type === 'notification.created' && (event.payload as any).notification.link === `/organisations/${card.id}`)
    const { items } = await managerParis.trpc.notifications.list.query({ unreadOnly: true })
    const target = items.find((item) => item.link === `/organisations/${card.id}`)!
    const afterOne = await managerParis.trpc.notifications.markRead.mutate({ ids: [target.id] })
    const read = await otherTab.waitFor((event) => event.type === 'notification.read')
    expect((read.payload as any).unreadCount).toBe(afterOne.unreadCount)
    await managerParis.trpc.notifications.markAllRead.mutate()
    expect(await managerParis.trpc.notifications.unreadCount.query()).toBe(0)
    // Someone else's notification cannot be marked through this user.
    const lyonItems = await managerLyon.trpc.notifications.list.query({})
    expect((await managerLyon.trpc.notifications.markRead.mutate({ ids: [target.id] })).updated).toBe(0)
    expect(lyonItems.items.every((item) => item.recipientId === userId('manager.lyon@demo.test'))).toBe(true)
    otherTab.close()
  })

  it('notifies new interactions, signed mandates and task assignments', async () => {
    const organisation = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, type: 'SUPPLIER', ownerId: userId('manager.paris@demo.test') })
    await salesParis.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary: 'Point trimestriel', organisationId: organisation.id })
    const mandate = await salesParis.trpc.mandates.create.mutate({ organisationId: organisation.id, reference: 'MND-NOTIF', status: 'NEGOTIATION' })
    await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: mandate.version, data: { status: 'SIGNED' } })
    await salesParis.trpc.tasks.create.mutate({ title: 'Relancer le gérant', assigneeId: userId('viewer.paris@demo.test') })

    await expect
      .poll(async () => (await notificationsOf('manager.paris@demo.test')).map((item) => item.type), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['NEW_INTERACTION', 'MANDATE_SIGNED']))
    await expect.poll(async () => (await notificationsOf('viewer.paris@demo.test')).map((item) => item.type)).toContain('TASK_ASSIGNED')
  })

  it('fires a due-task notification exactly once, even when two checks race', async () => {
    const assignee = userId('sales.paris@demo.test')
    const task = await server.deps.prisma.task.create({
      data: { title: 'Envoyer le reporting', dueAt: new Date(Date.now() - 60_000), teamId: demo.teams.paris, assigneeId: assignee },
    })
    await Promise.all([notifyDueTasks(server.deps.prisma), notifyDueTasks(server.deps.prisma), notifyDueTasks(server.deps.prisma)])
    const due = await server.deps.prisma.notification.findMany({ where: { recipientId: assignee, type: 'TASK_DUE', link: `/tasks/${task.id}` } })
    expect(due).toHaveLength(1)
  })

  it('notifies again when the due date of a notified task is moved', async () => {
    const sales = userId('sales.paris@demo.test')
    const created = await salesParis.trpc.tasks.create.mutate({ title: 'Rappeler le client', assigneeId: sales, dueAt: new Date(Date.now() - 1_000) })
    await notifyDueTasks(server.deps.prisma)
    await salesParis.trpc.tasks.update.mutate({ id: created.id, version: created.version, data: { dueAt: new Date(Date.now() + 60_000) } })
    await notifyDueTasks(server.deps.prisma, new Date(Date.now() + 120_000))
    const due = await server.deps.prisma.notification.count({ where: { type: 'TASK_DUE', link: `/tasks/${created.id}` } })
    expect(due).toBe(2)
  })

  it('delivers notifications to a typed subscriber of notifications.onNew', async () => {
    const received: Array<{ data: { type: string; payload: any } }> = []
    const subscription = managerParis.trpc.notifications.onNew.subscribe(undefined, { onData: (data) => received.push(data as never) })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const card = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris })
    await salesParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'LOST' })
    await expect
      .poll(() => received.some((item) => item.data.type === 'notification.created' && item.data.payload.notification.link === `/organisations/${card.id}`), { timeout: 10_000 })
      .toBe(true)
    subscription.unsubscribe()
    managerParis.closeWebSocket()
  })

  it('pages by cursor through every notification of the user exactly once, newest first', async () => {
    const prisma = server.deps.prisma
    const email = `${unique('recipient').replace(' ', '.')}@example.test`
    const admin = await loginAs(server.url, 'admin@demo.test')
    const recipient = await admin.trpc.users.create.mutate({ email, name: unique('Destinataire'), password: PASSWORD, teamId: demo.teams.paris })
    const count = 10
    await prisma.notification.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        recipientId: recipient.id,
        type: 'SYSTEM' as const,
        title: `Notification ${index}`,
        createdAt: tiedTimestamps(index).createdAt,
      })),
    })
    const client = await loginAs(server.url, email, PASSWORD)
    // An admin chose that password: the user replaces it before anything else (own-password.test.ts).
    const own = 'Trois pommes vertes sur la table'
    await client.trpc.auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: own, confirmPassword: own })
    await expectPagingInSortOrder((page) => client.trpc.notifications.list.query(page), {
      total: count,
      label: 'createdAt desc',
      direction: 'desc',
      sortKey: (item) => item.createdAt,
    })
  })
})
