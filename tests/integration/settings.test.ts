import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../src/server/features/auth/password.ts'
import { USER_COLORS } from '../../src/shared/realtime/collaboration.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let managerParis: TestClient
const PASSWORD = 'correct-horse-battery'

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  managerParis = await loginAs(server.url, 'manager.paris@demo.test')
})
afterAll(async () => {
  await server?.stop()
})

/** A fresh member of the Paris team, signed in: settings tests rename users, so never a demo account. */
async function newMember(role: 'SALES' | 'VIEWER' = 'SALES') {
  const email = `${unique('settings').replace(' ', '-')}@factory.test`
  const user = await server.deps.prisma.user.create({
    data: { email, name: unique('Membre'), role, teamId: demo.teams.paris, passwordHash: await hashPassword(PASSWORD) },
  })
  return { user, client: await loginAs(server.url, email, PASSWORD) }
}

describe('profile', () => {
  it('renames the caller and sets the colour of their initials; the session’s viewer and the event log follow', async () => {
    const { user, client } = await newMember()
    const before = await client.trpc.settings.get.query()
    expect(before.profile).toMatchObject({ id: user.id, name: user.name, avatarColor: null })
    expect(before.mutedNotifications).toEqual([])
    expect(before.emailAvailable).toBe(false)

    const viewer = await client.trpc.settings.updateProfile.mutate({ name: '  Léa Martin  ', avatarColor: USER_COLORS[2] })
    expect(viewer).toMatchObject({ name: 'Léa Martin', avatarColor: USER_COLORS[2] })
    expect(await client.trpc.auth.me.query()).toMatchObject({ name: 'Léa Martin', avatarColor: USER_COLORS[2] })
    const event = await server.deps.prisma.domainEvent.findFirst({ where: { entity: 'user', entityId: user.id }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({ type: 'user.updated', actorId: user.id, teamId: demo.teams.paris })
    expect((event!.payload as any).changes).toMatchObject({ name: { from: user.name, to: 'Léa Martin' } })

    // Back to the automatic colour.
    expect(await client.trpc.settings.updateProfile.mutate({ name: 'Léa Martin', avatarColor: null })).toMatchObject({ avatarColor: null })
  })

  it('refuses an empty name or a colour outside the palette with field messages in the caller’s language', async () => {
    const { user, client } = await newMember()
    const french = await errorOf(client.trpc.settings.updateProfile.mutate({ name: '   ', avatarColor: '#123456' as any }))
    expect(french.data?.code).toBe('BAD_REQUEST')
    expect(french.data?.fieldErrors).toEqual({
      name: ['Ce champ est obligatoire'],
      avatarColor: ['Choisissez une des couleurs proposées.'],
    })
    await client.trpc.auth.updatePreferences.mutate({ language: 'en' })
    const english = await errorOf(client.trpc.settings.updateProfile.mutate({ name: '', avatarColor: null }))
    expect(english.data?.fieldErrors).toEqual({ name: ['This field is required'] })
    expect((await server.deps.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name)
  })

  it('lets a viewer edit their own profile, and nobody another’s', async () => {
    const { user, client } = await newMember('VIEWER')
    await client.trpc.settings.updateProfile.mutate({ name: 'Lecteur renommé', avatarColor: USER_COLORS[0] })
    expect((await server.deps.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Lecteur renommé')
    // The procedure takes no id: a manager's call changes the manager, never the viewer.
    const managerBefore = await managerParis.trpc.settings.get.query()
    expect(managerBefore.profile.id).toBe(demo.byEmail.get('manager.paris@demo.test')!.id)
    expect(managerBefore.profile.name).not.toBe('Lecteur renommé')
  })
})

describe('notification preferences', () => {
  it('a muted kind is no longer received; unmuting brings it back; system notices cannot be muted', async () => {
    const { user, client } = await newMember()
    const assign = async () => {
      const title = unique('Tâche assignée')
      await managerParis.trpc.tasks.create.mutate({ title, assigneeId: user.id })
      return title
    }
    const received = (title: string) =>
      server.deps.prisma.notification.count({ where: { recipientId: user.id, type: 'TASK_ASSIGNED', title: { contains: title } } })

    expect(await client.trpc.settings.updateNotifications.mutate({ muted: ['TASK_ASSIGNED', 'TASK_ASSIGNED'] })).toEqual({
      mutedNotifications: ['TASK_ASSIGNED'],
    })
    const muted = await assign()
    // A pipeline move of an organisation the user owns still notifies them (another kind).
    const card = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, ownerId: user.id })
    await managerParis.trpc.pipeline.move.mutate({ id: card.id, fromStage: 'PROSPECT', toStage: 'QUALIFIED' })
    await expect
      .poll(() => server.deps.prisma.notification.count({ where: { recipientId: user.id, type: 'PIPELINE_UPDATE', link: `/organisations/${card.id}` } }))
      .toBe(1)
    expect(await received(muted)).toBe(0)

    await client.trpc.settings.updateNotifications.mutate({ muted: [] })
    const heard = await assign()
    await expect.poll(() => received(heard)).toBe(1)
    expect((await client.trpc.settings.get.query()).mutedNotifications).toEqual([])

    const refused = await errorOf(client.trpc.settings.updateNotifications.mutate({ muted: ['SYSTEM' as any] }))
    expect(refused.data?.code).toBe('BAD_REQUEST')
  })
})
