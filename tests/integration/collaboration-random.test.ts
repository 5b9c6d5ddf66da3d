import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { joinPresence, openNotes } from '../support/collaboration.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { demoUsers, makeOrganisation } from '../support/factories.ts'
import { startServerProcess, type ServerProcess } from '../support/processes.ts'
import { connectSocket, type TestSocket } from '../support/socket.ts'
import { TEST_REDIS_URL } from '../support/env.ts'

// 20 clients on two nodes edit one organisation at once: fields through the API (optimistic
// versions, merges, conflicts resolved by a choice) and the notes through Yjs. Afterwards every
// client, the database and the timeline must agree, with no acknowledged edit lost.
const CLIENTS = 20
const EDITS = 50
const FIELDS = ['city', 'category', 'phone', 'postalCode', 'address'] as const
type Field = (typeof FIELDS)[number]
const WRITERS = ['admin@demo.test', 'manager.paris@demo.test', 'sales.paris@demo.test', 'camille.fournier@demo.test', 'julien.mercier@demo.test', 'claire.dubois@demo.test']

let database: TestDatabase
let nodes: ServerProcess[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `test:${database.name}:`, SEED_DEMO: 'true', LOG_LEVEL: 'warn' }
  nodes = [await startServerProcess({ ...env, NODE_ID: 'collab-a' })]
  nodes.push(await startServerProcess({ ...env, NODE_ID: 'collab-b' }))
}, 120_000)

afterAll(async () => {
  if (process.env.DUMP_SERVER_LOGS) for (const node of nodes) console.log(node.output())
  await Promise.all(nodes.map((node) => node.stop()))
  await database?.drop()
})

function random<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]
}

function valueFor(field: Field, client: number, edit: number): string {
  return field === 'phone' ? `+33 1 ${String(client).padStart(2, '0')} ${String(edit).padStart(2, '0')} 00 00` : `${field}-${client}-${edit}`
}

interface Client {
  index: number
  trpc: TestClient
  socket: TestSocket
  notes: Awaited<ReturnType<typeof openNotes>>
  /** The record as this client sees it: its reads plus the live events it received. */
  view: Record<string, unknown>
  version: number
  acknowledgedFields: number
}

describe('randomized collaboration across two nodes', () => {
  it(`${CLIENTS} clients × ${EDITS} edits: clients, database and timeline agree; nothing acknowledged is lost`, async () => {
    const parisTeam = (await demoUsers(database.prisma)).teams.paris
    const organisation = await makeOrganisation(database.prisma, { teamId: parisTeam })

    const clients: Client[] = []
    for (let index = 0; index < CLIENTS; index++) {
      const node = nodes[index % 2]
      const trpc = await loginAs(node.url, WRITERS[index % WRITERS.length])
      const socket = await connectSocket(node.url, trpc)
      expect(await joinPresence(socket, organisation.id)).toMatchObject({ ok: true })
      const record = await trpc.trpc.organisations.byId.query({ id: organisation.id })
      const client: Client = {
        index,
        trpc,
        socket,
        notes: await openNotes(socket, organisation.id),
        view: Object.fromEntries(FIELDS.map((field) => [field, record[field]])),
        version: record.version,
        acknowledgedFields: 0,
      }
      socket.on('events:new', (event) => {
        if (event.entityId !== organisation.id || event.type !== 'organisation.updated') return
        const payload = event.payload as { version: number; changes: Record<string, { to: unknown }> }
        for (const [field, change] of Object.entries(payload.changes)) client.view[field] = change.to
        client.version = Math.max(client.version, payload.version)
      })
      clients.push(client)
    }

    // A conflict must name the field the client changed: a refusal without an overlapping field is a
    // false conflict, counted as a failure.
    const falseConflicts: Array<{ field: Field; named: string[] | null }> = []

    async function editField(client: Client, edit: number) {
      const field = random(FIELDS)
      const value = valueFor(field, client.index, edit)
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          const saved = await client.trpc.trpc.organisations.update.mutate({ id: organisation.id, version: client.version, data: { [field]: value } })
          client.version = Math.max(client.version, saved.version)
          client.acknowledgedFields++
          return
        } catch (error) {
          const data = (error as { data?: { code?: string; details?: { current?: { version: number }; fields?: string[] | null } } }).data
          if (data?.code !== 'CONFLICT') throw error
          if (!data.details?.fields?.includes(field)) falseConflicts.push({ field, named: data.details?.fields ?? null })
          // The later writer is told and chooses: half the time they keep theirs, else take the other.
          client.version = Math.max(client.version, data.details?.current?.version ?? client.version)
          if (Math.random() < 0.5) return
        }
      }
    }

    await Promise.all(
      clients.map(async (client) => {
        for (let edit = 0; edit < EDITS; edit++) {
          if (Math.random() < 0.6) await editField(client, edit)
          else {
            // Between tokens, so that every acknowledged token can be found whole at the end.
            const text = client.notes.text.toString()
            const boundaries = [0, ...[...text].flatMap((char, index) => (char === ']' ? [index + 1] : []))]
            const ack = await client.notes.insert(random(boundaries), `[${client.index}:${edit}]`)
            expect(ack).toEqual({ ok: true })
          }
        }
      }),
    )

    expect(falseConflicts).toEqual([])

    // Quiescence: everyone converges on the database's record and notes.
    const stored = await database.prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })
    const expected = Object.fromEntries(FIELDS.map((field) => [field, stored[field]]))
    for (const client of clients) await expect.poll(() => client.view, { timeout: 20_000 }).toEqual(expected)
    const reference = clients[0].notes.text.toString()
    for (const client of clients) await expect.poll(() => client.notes.text.toString(), { timeout: 20_000 }).toBe(reference)
    await expect.poll(async () => (await database.prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).notes, { timeout: 20_000 }).toBe(reference)
    const acknowledgedTokens = clients.flatMap((client) => client.notes.acknowledged)
    for (const token of acknowledgedTokens) expect(reference.split(token).length - 1).toBe(1)
    const reloaded = await openNotes(await connectSocket(nodes[1].url, clients[1].trpc), organisation.id)
    expect(reloaded.text.toString()).toBe(reference)

    // The timeline has exactly one update per acknowledged field edit, versions in order, and its
    // last value of every field is the stored one.
    const entries: Array<{ type: string; changes: Record<string, { to: unknown }> }> = []
    let cursor: string | null | undefined
    do {
      const page = await clients[0].trpc.trpc.organisations.timeline.query({ id: organisation.id, cursor, limit: 100 })
      entries.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const updates = entries.filter((entry) => entry.type === 'organisation.updated').reverse()
    expect(updates).toHaveLength(clients.reduce((sum, client) => sum + client.acknowledgedFields, 0))
    expect(stored.version).toBe(1 + updates.length)
    const replayed: Record<string, unknown> = Object.fromEntries(FIELDS.map((field) => [field, null]))
    for (const entry of updates) for (const [field, change] of Object.entries(entry.changes)) replayed[field] = change.to
    expect(replayed).toEqual(expected)

    for (const client of clients) client.socket.close()
  }, 600_000)
})
