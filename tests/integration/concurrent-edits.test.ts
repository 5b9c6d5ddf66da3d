import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { PIPELINE_STAGES } from '../../src/shared/pipeline.ts'
import { MANDATE_TYPES } from '../../src/shared/schemas/mandate.ts'
import { PRODUCT_KINDS, PRODUCT_STATUSES } from '../../src/shared/schemas/product.ts'
import { TASK_PRIORITIES } from '../../src/shared/schemas/task.ts'
import { createTestClient, loginAs, type CookieJar, type TestClient } from '../support/client.ts'
import { allAtOnce, ORGANISATION_FIELDS, organisationValue, outcomeOf } from '../support/concurrent-edits.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { makeMandate, makeProduct, randomIsin } from '../support/factories-mandate.ts'
import { makePerson } from '../support/factories-person.ts'
import { makeTask } from '../support/factories-task.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Writers on two nodes of one database save fields of one record at the same moment, all from the
// version they read: edits of different fields merge (none refused, every value stored, each with
// its own event); edits of one field conflict, naming it; a pipeline move and an edit both land.

type Trpc = TestClient['trpc']
type Record_ = Record<string, unknown> & { version: number }

const ROUNDS = 20
const SAME_FIELD_WRITERS = 10
const WRITER_EMAILS = ['sales.paris@demo.test', 'manager.paris@demo.test', 'admin@demo.test']

let nodeA: TestServer
let nodeB: RunningApp
let demo: DemoUsers
let sessions: Array<{ url: string; jar: CookieJar }>

beforeAll(async () => {
  nodeA = await startTestServer()
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: nodeA.database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${nodeA.database.name}:`,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    NODE_ID: `test-${nodeA.database.name}-b`,
  })
  nodeB = await startApp(config, pino({ level: 'silent' }))
  demo = await demoUsers(nodeA.deps.prisma)
  sessions = await Promise.all(
    [nodeA.url, nodeB.url].flatMap((url) => WRITER_EMAILS.map(async (email) => ({ url, jar: (await loginAs(url, email)).jar }))),
  )
}, 180_000)

afterAll(async () => {
  await nodeB?.close()
  await nodeA?.stop()
})

/** One client per writer (no two writes share an HTTP batch), alternating between the two nodes. */
function writers(count: number): Trpc[] {
  return Array.from({ length: count }, (_, index) => {
    const session = sessions[index % sessions.length]
    return createTestClient(session.url, { jar: session.jar }).trpc
  })
}

/** Values compared as the event log records them. */
const normalise = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null))

const pad = (value: number) => String(value % 100).padStart(2, '0')

interface EntitySpec {
  entity: string
  create(): Promise<string>
  read(client: Trpc, id: string): Promise<Record_>
  update(client: Trpc, id: string, version: number, data: Record<string, unknown>): Promise<unknown>
  /** A value for each field the writers set, by round and writer. */
  values: Record<string, (round: number, writer: number) => unknown>
}

const specs: EntitySpec[] = [
  {
    entity: 'organisation',
    create: async () => (await makeOrganisation(nodeA.deps.prisma, { teamId: demo.teams.paris })).id,
    read: (client, id) => client.organisations.byId.query({ id }) as Promise<Record_>,
    update: (client, id, version, data) => client.organisations.update.mutate({ id, version, data }),
    values: Object.fromEntries(ORGANISATION_FIELDS.map((field) => [field, (round: number, writer: number) => organisationValue(field, round, writer)])),
  },
  {
    entity: 'person',
    create: async () => (await makePerson(nodeA.deps.prisma, { teamId: demo.teams.paris })).id,
    read: (client, id) => client.people.byId.query({ id }) as Promise<Record_>,
    update: (client, id, version, data) => client.people.update.mutate({ id, version, data }),
    values: {
      firstName: (round, writer) => `Prénom ${round}-${writer}`,
      lastName: (round, writer) => `Nom ${round}-${writer}`,
      email: (round, writer) => `p${round}.w${writer}@merge.example`,
      phone: (round, writer) => `+33 6 ${pad(round)} ${pad(writer)} 00 00`,
      jobTitle: (round, writer) => `Poste ${round}-${writer}`,
      linkedinUrl: (round, writer) => `https://www.linkedin.com/in/r${round}-w${writer}`,
      notes: (round, writer) => `Notes ${round}-${writer}`,
    },
  },
  {
    entity: 'task',
    create: async () => (await makeTask(nodeA.deps.prisma, { teamId: demo.teams.paris })).id,
    read: (client, id) => client.tasks.byId.query({ id }) as Promise<Record_>,
    update: (client, id, version, data) => client.tasks.update.mutate({ id, version, data }),
    values: {
      title: (round, writer) => `Tâche ${round}-${writer}`,
      description: (round, writer) => `Description ${round}-${writer}`,
      dueAt: (round, writer) => new Date(Date.UTC(2030, 0, 1 + round, writer)),
      priority: (round, writer) => TASK_PRIORITIES[(round + writer) % TASK_PRIORITIES.length],
      status: (round, writer) => (['OPEN', 'IN_PROGRESS', 'CANCELLED'] as const)[(round + writer) % 3],
    },
  },
  {
    entity: 'mandate',
    create: async () => (await makeMandate(nodeA.deps.prisma, { teamId: demo.teams.paris })).id,
    read: (client, id) => client.mandates.byId.query({ id }) as Promise<Record_>,
    update: (client, id, version, data) => client.mandates.update.mutate({ id, version, data }),
    values: {
      reference: (round, writer) => `MDT-${round}-${writer}`,
      type: (round, writer) => MANDATE_TYPES[(round + writer) % MANDATE_TYPES.length],
      status: (round, writer) => (['DRAFT', 'NEGOTIATION'] as const)[(round + writer) % 2],
      // Starts always before ends, whichever of the two lands first.
      startDate: (round, writer) => `2020-${pad(1 + (writer % 12))}-${pad(1 + (round % 28))}`,
      endDate: (round, writer) => `2031-${pad(1 + (writer % 12))}-${pad(1 + (round % 28))}`,
      notes: (round, writer) => `Notes ${round}-${writer}`,
    },
  },
  {
    entity: 'product',
    create: async () => (await makeProduct(nodeA.deps.prisma, { teamId: demo.teams.paris })).id,
    read: (client, id) => client.products.byId.query({ id }) as Promise<Record_>,
    update: (client, id, version, data) => client.products.update.mutate({ id, version, data }),
    values: {
      name: (round, writer) => `Fonds ${round}-${writer}`,
      isin: () => randomIsin(),
      kind: (round, writer) => PRODUCT_KINDS[(round + writer) % PRODUCT_KINDS.length],
      status: (round, writer) => PRODUCT_STATUSES[(round + writer) % PRODUCT_STATUSES.length],
      currency: (round, writer) => ['EUR', 'USD', 'CHF', 'GBP'][(round + writer) % 4],
    },
  },
]

async function updateEventsAfter(entity: string, entityId: string, version: number) {
  const events = await nodeA.deps.prisma.domainEvent.findMany({ where: { entity, entityId, type: `${entity}.updated` }, orderBy: { id: 'asc' } })
  return events
    .map((event) => ({ actorId: event.actorId, ...(event.payload as { version: number; changes: Record<string, { from: unknown; to: unknown }> }) }))
    .filter((payload) => payload.version > version)
}

describe.each(specs)('concurrent edits of one $entity over two nodes', (spec) => {
  const fields = Object.keys(spec.values)

  it(`${fields.length} writers of distinct fields from one base version, ${ROUNDS} times: all accepted, every value stored, each edit its own event`, async () => {
    const id = await spec.create()
    const clients = writers(fields.length)
    for (let round = 0; round < ROUNDS; round++) {
      const base = await spec.read(clients[0], id)
      const written = fields.map((field, writer) => ({ field, value: spec.values[field](round, writer) }))
      const outcomes = await allAtOnce(
        written.map(({ field, value }, writer) => () => outcomeOf(() => spec.update(clients[writer], id, base.version, { [field]: value }))),
      )
      expect(outcomes.filter((outcome) => !outcome.ok), `round ${round}`).toEqual([])

      const stored = await spec.read(clients[0], id)
      expect(stored.version).toBe(base.version + fields.length)
      for (const { field, value } of written) expect(normalise(stored[field]), `${field} in round ${round}`).toEqual(normalise(value))

      // One event per edit, versions in sequence, each carrying only its own field with its own before/after.
      const events = await updateEventsAfter(spec.entity, id, base.version)
      expect(events.map((event) => event.version)).toEqual(fields.map((_, index) => base.version + index + 1))
      const changed = events.flatMap((event) => Object.keys(event.changes).filter((field) => field !== 'signedAt'))
      expect(new Set(changed).size).toBe(changed.length)
      for (const event of events) {
        for (const [field, change] of Object.entries(event.changes)) {
          if (field === 'signedAt') continue
          expect(change.from, `${field} from`).toEqual(normalise(base[field]))
          expect(change.to, `${field} to`).toEqual(normalise(written.find((write) => write.field === field)!.value))
        }
      }
    }
  }, 300_000)

  it(`${SAME_FIELD_WRITERS} writers of one field from one base version: exactly one accepted, the others CONFLICT naming that field`, async () => {
    const id = await spec.create()
    const clients = writers(SAME_FIELD_WRITERS)
    const field = fields[0]
    for (let round = 0; round < 3; round++) {
      const base = await spec.read(clients[0], id)
      const values = clients.map((_, writer) => spec.values[field](round, writer))
      const outcomes = await allAtOnce(
        clients.map((client, writer) => () => outcomeOf(() => spec.update(client, id, base.version, { [field]: values[writer] }))),
      )
      const winners = outcomes.flatMap((outcome, writer) => (outcome.ok ? [writer] : []))
      expect(winners).toHaveLength(1)
      for (const outcome of outcomes.filter((outcome) => !outcome.ok)) expect(outcome.conflictFields).toEqual([field])
      const stored = await spec.read(clients[0], id)
      expect(normalise(stored[field])).toEqual(normalise(values[winners[0]]))
      expect(stored.version).toBe(base.version + 1)
    }
  }, 300_000)
})

describe('pipeline moves and edits of one organisation over two nodes', () => {
  const nextStage = (stage: string) => PIPELINE_STAGES[(PIPELINE_STAGES.indexOf(stage as never) + 1) % PIPELINE_STAGES.length]

  it('a move and a field edit at the same moment both succeed, each with its own event', async () => {
    const id = (await makeOrganisation(nodeA.deps.prisma, { teamId: demo.teams.paris })).id
    const [mover, editor] = writers(2)
    for (let round = 0; round < ROUNDS; round++) {
      const base = await editor.organisations.byId.query({ id })
      const toStage = nextStage(base.stage)
      const city = `Ville ${round}`
      const [moved, edited] = await allAtOnce([
        () => outcomeOf(() => mover.pipeline.move.mutate({ id, fromStage: base.stage, toStage })),
        () => outcomeOf(() => editor.organisations.update.mutate({ id, version: base.version, data: { city } })),
      ])
      expect([moved.ok, edited.ok], `round ${round}`).toEqual([true, true])
      const stored = await editor.organisations.byId.query({ id })
      expect({ stage: stored.stage, city: stored.city, version: stored.version }).toEqual({ stage: toStage, city, version: base.version + 2 })
      const events = await updateEventsAfter('organisation', id, base.version)
      expect(events.map((event) => event.changes).sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0]))).toEqual([
        { city: { from: base.city, to: city } },
        { stage: { from: base.stage, to: toStage } },
      ])
    }
  }, 300_000)

  it('of two moves from the same stage at the same moment, one wins and the other gets the moved-by CONFLICT', async () => {
    const id = (await makeOrganisation(nodeA.deps.prisma, { teamId: demo.teams.paris })).id
    const movers = writers(2)
    for (let round = 0; round < 5; round++) {
      const base = await movers[0].organisations.byId.query({ id })
      const toStage = nextStage(base.stage)
      const results = await allAtOnce(
        movers.map((mover) => async () => {
          try {
            await mover.pipeline.move.mutate({ id, fromStage: base.stage, toStage })
            return null
          } catch (error) {
            return error as { message: string; data?: { code?: string; details?: { movedBy?: { id: string } | null; current?: { stage: string } } } }
          }
        }),
      )
      const refused = results.filter((result) => result !== null)
      expect(refused).toHaveLength(1)
      expect(refused[0]!.data?.code).toBe('CONFLICT')
      expect(refused[0]!.message).toBe('This organisation was moved by someone else')
      expect(refused[0]!.data?.details?.current?.stage).toBe(toStage)
      expect(refused[0]!.data?.details?.movedBy?.id).toBeTruthy()
      const events = await updateEventsAfter('organisation', id, base.version)
      expect(events.map((event) => event.changes)).toEqual([{ stage: { from: base.stage, to: toStage } }])
    }
  }, 300_000)
})
