import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Prisma } from '../../src/server/db/client.ts'
import type { ProjectedEvent } from '../../src/server/events/projection.ts'
import { notify, projectNotifications } from '../../src/server/features/notification/notification.projector.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { makeOrganisation, unique } from '../support/factories.ts'

// Notifications are projected from every write, inside the projection's transaction, and each
// statement is a round trip: their number must not grow with the events, drafts and recipients.

let database: TestDatabase
let client: pg.Client
let teamId: string
let users: Record<'actor' | 'managerA' | 'managerB' | 'inactiveManager' | 'owner' | 'otherTeamManager', string>

async function makeUser(data: { name: string; role: 'MANAGER' | 'SALES'; teamId: string; language?: string; isActive?: boolean; muted?: Array<'PIPELINE_UPDATE'> }) {
  const user = await database.prisma.user.create({
    data: {
      email: `${unique('user').replace(' ', '.')}@example.test`,
      name: data.name,
      passwordHash: 'unused',
      role: data.role,
      teamId: data.teamId,
      language: data.language ?? 'fr',
      isActive: data.isActive ?? true,
      mutedNotifications: data.muted ?? [],
    },
  })
  return user.id
}

beforeAll(async () => {
  database = await createTestDatabase()
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
  const prisma = database.prisma
  teamId = (await prisma.team.create({ data: { name: unique('Team') } })).id
  const otherTeamId = (await prisma.team.create({ data: { name: unique('Team') } })).id
  users = {
    actor: await makeUser({ name: 'Alice Acteur', role: 'MANAGER', teamId }),
    managerA: await makeUser({ name: 'Manager A', role: 'MANAGER', teamId }),
    managerB: await makeUser({ name: 'Manager B', role: 'MANAGER', teamId, muted: ['PIPELINE_UPDATE'] }),
    inactiveManager: await makeUser({ name: 'Ancien manager', role: 'MANAGER', teamId, isActive: false }),
    owner: await makeUser({ name: 'Owner', role: 'SALES', teamId, language: 'en' }),
    otherTeamManager: await makeUser({ name: 'Manager Lyon', role: 'MANAGER', teamId: otherTeamId }),
  }
  // Manager A already has two unread notifications and a read one: its counts go on from 2.
  await prisma.notification.createMany({
    data: [
      { recipientId: users.managerA, type: 'SYSTEM', title: 'Unread 1' },
      { recipientId: users.managerA, type: 'SYSTEM', title: 'Unread 2' },
      { recipientId: users.managerA, type: 'SYSTEM', title: 'Read', readAt: new Date() },
    ],
  })
})
afterAll(async () => {
  await client?.end()
  await database?.drop()
})

/** The bare client, counting the statements sent through it. */
function counting(target: pg.Client): { sql: pg.Client; statements: string[] } {
  const statements: string[] = []
  const sql = new Proxy(target, {
    get(object, key) {
      if (key === 'query') {
        return (...args: Parameters<pg.Client['query']>) => {
          const [text] = args as unknown as [string | { text: string }]
          statements.push(typeof text === 'string' ? text : text.text)
          return (object.query as (...values: unknown[]) => unknown)(...args)
        }
      }
      const value = Reflect.get(object, key, object)
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
  return { sql, statements }
}

function event(id: bigint, type: string, entity: string, payload: Record<string, unknown>, entityId: string = randomUUID()): ProjectedEvent {
  return { id, type, entity, entityId, teamId, actorId: users.actor, payload, createdAt: new Date() }
}

async function lastEventId(): Promise<bigint> {
  const { rows } = await client.query(`SELECT COALESCE(max(id), 0)::text AS id FROM "DomainEvent"`)
  return BigInt(rows[0].id)
}

async function notificationEventsAfter(after: bigint) {
  const { rows } = await client.query(
    `SELECT type, entity, "entityId", "teamId"::text AS "teamId", "actorId"::text AS "actorId", payload FROM "DomainEvent"
     WHERE id > $1::bigint AND type = 'notification.created' ORDER BY id`,
    [after.toString()],
  )
  return rows
}

const byId = (ids: string[]) => [...ids].sort()

describe('notification projection', () => {
  it('projects a batch in four statements, whatever its events and recipients, with rising unread counts', async () => {
    const organisation = await makeOrganisation(database.prisma, { teamId, ownerId: users.owner, name: 'Banque Alpha' })
    const sourceIds = [9_000_001n, 9_000_002n, 9_000_003n]
    const events = [
      event(sourceIds[0], 'organisation.updated', 'organisation', { name: 'Banque Alpha', ownerId: users.owner, changes: { stage: { from: 'PROSPECT', to: 'PROPOSAL' } } }, organisation.id),
      event(sourceIds[1], 'interaction.created', 'interaction', { organisationId: organisation.id, summary: 'Point trimestriel' }),
      event(sourceIds[2], 'task.updated', 'task', { title: 'Relancer le gérant', assigneeId: users.managerA, previousAssigneeId: null }),
    ]
    const before = await lastEventId()
    const listener = new pg.Client({ connectionString: database.url })
    await listener.connect()
    const woken = new Promise<string>((resolve) => listener.on('notification', (message) => resolve(message.payload!)))
    await listener.query('LISTEN domain_events')
    const { sql, statements } = counting(client)
    await client.query('BEGIN')
    await projectNotifications(sql, events)
    await client.query('COMMIT')
    const wokenWith = await woken
    await listener.end()
    // The relay is woken at commit, with the last event appended.
    expect(wokenWith).toBe((await lastEventId()).toString())

    // The organisations of the interactions, the recipients, the rows with their counts, the events.
    expect(statements).toHaveLength(4)

    // Per event, its recipients by id: the move skips the actor, the manager who muted moves and
    // the inactive one; the interaction reaches every active manager and the owner.
    const expected = [
      ...byId([users.managerA, users.owner]).map((recipientId) => ({ recipientId, type: 'PIPELINE_UPDATE', eventId: sourceIds[0] })),
      ...byId([users.managerA, users.managerB, users.owner]).map((recipientId) => ({ recipientId, type: 'NEW_INTERACTION', eventId: sourceIds[1] })),
      { recipientId: users.managerA, type: 'TASK_ASSIGNED', eventId: sourceIds[2] },
    ]
    const running = new Map([[users.managerA, 2]])
    const unreadCounts = expected.map(({ recipientId }) => {
      const count = (running.get(recipientId) ?? 0) + 1
      running.set(recipientId, count)
      return count
    })

    const logged = await notificationEventsAfter(before)
    expect(logged.map((row) => ({ recipientId: row.payload.recipientId, type: row.payload.notification.type, eventId: BigInt(row.payload.notification.eventId) }))).toEqual(expected)
    expect(logged.map((row) => row.payload.unreadCount)).toEqual(unreadCounts)

    const rows = await database.prisma.notification.findMany({ where: { eventId: { in: sourceIds } } })
    expect(rows).toHaveLength(expected.length)
    for (const row of logged) {
      const stored = rows.find((notification) => notification.id === row.entityId)!
      expect(row).toMatchObject({ entity: 'notification', teamId: null, actorId: users.actor })
      expect(row.payload).toEqual({
        recipientId: stored.recipientId,
        unreadCount: expect.any(Number),
        notification: {
          id: stored.id,
          recipientId: stored.recipientId,
          type: stored.type,
          title: stored.title,
          body: stored.body,
          link: stored.link,
          eventId: stored.eventId!.toString(),
          readAt: null,
          createdAt: stored.createdAt.toISOString(),
        },
      })
    }
    // Rendered in each recipient's language, with the actor's name.
    const move = (recipientId: string) => rows.find((row) => row.type === 'PIPELINE_UPDATE' && row.recipientId === recipientId)!
    expect(move(users.owner)).toMatchObject({ title: 'Banque Alpha: Prospect → Proposal', link: `/organisations/${organisation.id}` })
    expect(move(users.managerA).title).toBe('Banque Alpha : Prospect → Proposition')
    expect(move(users.managerA).body).toContain('Alice Acteur')
    expect(rows.filter((row) => row.type === 'NEW_INTERACTION').every((row) => row.title.includes('Banque Alpha'))).toBe(true)
    // Nobody else: not the actor, not the inactive manager, not another team's manager.
    const recipients = new Set(rows.map((row) => row.recipientId))
    for (const excluded of [users.actor, users.inactiveManager, users.otherTeamManager]) expect(recipients.has(excluded)).toBe(false)
  })

  it('notifies through a Prisma transaction in three statements, and sends none when nobody is left to notify', async () => {
    const statements: string[] = []
    const before = await lastEventId()
    const drafts = [
      { type: 'TASK_ASSIGNED' as const, recipientIds: [users.owner, users.owner, null, users.actor], link: '/tasks/1', params: { title: 'Un' }, eventId: 9_100_001n, actorId: users.actor },
      { type: 'TASK_ASSIGNED' as const, recipientIds: [users.owner], link: '/tasks/2', params: { title: 'Deux' }, eventId: 9_100_002n, actorId: users.actor },
    ]
    await database.prisma.$transaction(async (tx) => {
      const countingTx = {
        $queryRawUnsafe: (text: string, ...values: unknown[]) => {
          statements.push(text)
          return tx.$queryRawUnsafe(text, ...values)
        },
      } as unknown as Prisma.TransactionClient
      await notify(countingTx, drafts)
      await notify(countingTx, [{ ...drafts[0], recipientIds: [users.actor, undefined], eventId: 9_100_003n }])
    })
    expect(statements).toHaveLength(3)
    const logged = await notificationEventsAfter(before)
    expect(logged.map((row) => [row.payload.recipientId, row.payload.notification.link])).toEqual([
      [users.owner, '/tasks/1'],
      [users.owner, '/tasks/2'],
    ])
    expect(logged[1].payload.unreadCount).toBe(logged[0].payload.unreadCount + 1)
  })
})
