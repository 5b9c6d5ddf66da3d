import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvent } from '../../src/server/events/event-log.ts'
import { startEventRelay, type EventRelay } from '../../src/server/events/relay.ts'
import { EVENTS_CHANNEL, type RelayedBatch } from '../../src/server/events/types.ts'
import { createMemoryBus, type Bus } from '../../src/server/infra/bus.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

// The relay publishes the event log in id order, at least once. Its own node gets each batch in
// process, before it is published; its cursor is saved by the following read, or at stop.

let database: TestDatabase
let client: pg.Client
const logger = pino({ level: 'silent' })

beforeAll(async () => {
  database = await createTestDatabase()
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
})
afterAll(async () => {
  await client?.end()
  await database?.drop()
})

async function append(count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    await client.query('BEGIN')
    ids.push(String(await appendEvent(client, { type: 'organisation.updated', entity: 'organisation', entityId: `relay-${index}`, teamId: null, actorId: null, payload: { index } })))
    await client.query('COMMIT')
  }
  return ids
}

async function storedCursor(): Promise<string | undefined> {
  const { rows } = await client.query<{ id: string }>(`SELECT "lastEventId"::text AS id FROM "EventRelayCursor" WHERE name = 'bus'`)
  return rows[0]?.id
}

function startRelay(bus: Bus) {
  const local: RelayedBatch[] = []
  const published: RelayedBatch[] = []
  bus.subscribe(EVENTS_CHANNEL, (message) => published.push(message as RelayedBatch))
  const relay = startEventRelay({ databaseUrl: database.url, bus, logger, deliverLocally: (batch) => local.push(structuredClone(batch)) })
  const ids = (batches: RelayedBatch[]) => batches.flatMap((batch) => batch.events.map((event) => event.id))
  return { relay, localIds: () => ids(local), publishedIds: () => ids(published), local, published }
}

describe('event relay', () => {
  let relay: EventRelay | undefined
  afterAll(async () => relay?.stop())

  it('hands each batch to its own node as it publishes it, in id order, and saves its cursor by the next read and at stop', async () => {
    const bus = createMemoryBus()
    const first = startRelay(bus)
    relay = first.relay
    await expect.poll(() => first.relay.isLeader).toBe(true)
    // The first leader ever starts from the present.
    await expect.poll(storedCursor).toBeDefined()

    const ids = await append(3)
    await expect.poll(first.publishedIds).toEqual(ids)
    // The same batches, in process and through the bus.
    expect(first.localIds()).toEqual(ids)
    expect(first.local.map((batch) => batch.after)).toEqual(first.published.map((batch) => batch.after))
    expect(first.local[0].events[0]).toMatchObject({ id: ids[0], type: 'organisation.updated', entityId: 'relay-0', payload: { index: 0 } })

    // The next pass's read saves what the previous ones published (a poll makes one within a second).
    const more = await append(2)
    await expect.poll(first.publishedIds).toEqual([...ids, ...more])
    await expect.poll(async () => BigInt((await storedCursor())!) >= BigInt(ids[2]), { timeout: 5_000 }).toBe(true)

    // Stopped, it has saved everything it published: a successor starts after it, and publishes
    // only what came later.
    await first.relay.stop()
    expect(await storedCursor()).toBe(more[1])
    const later = await append(1)
    const second = startRelay(createMemoryBus())
    relay = second.relay
    await expect.poll(second.publishedIds, { timeout: 10_000 }).toEqual(later)
    expect(second.localIds()).toEqual(later)
    expect(second.published[0].after).toBe(more[1])
  })
})
