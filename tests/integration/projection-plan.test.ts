import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PENDING_EVENTS_SQL } from '../../src/server/events/projection.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

// A projection's pass (notifications, webhooks) reads the events after its cursor. It runs after
// every write, so its cost must follow the events pending, not the length of the whole log.

const LOG_LENGTH = 20_000
const PENDING = 25

let database: TestDatabase
let client: pg.Client
let lastId: bigint

beforeAll(async () => {
  database = await createTestDatabase()
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
  await client.query(
    `INSERT INTO "DomainEvent" (type, entity, "entityId", payload) SELECT 'organisation.updated', 'organisation', gen_random_uuid()::text, '{}' FROM generate_series(1, $1)`,
    [LOG_LENGTH],
  )
  const { rows } = await client.query<{ id: string }>(`SELECT max(id)::text AS id FROM "DomainEvent"`)
  lastId = BigInt(rows[0].id)
  await client.query(`INSERT INTO "EventRelayCursor" (name, "lastEventId", "updatedAt") VALUES ('plan-test', $1, now())`, [String(lastId - BigInt(PENDING))])
  await client.query('ANALYZE "DomainEvent"')
})
afterAll(async () => {
  await client?.end()
  await database?.drop()
})

describe('projection pass', () => {
  it('reads the events after its cursor through the primary key, not by filtering the whole log', async () => {
    await client.query('BEGIN')
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${PENDING_EVENTS_SQL}`, ['plan-test', 200])
      const nodes = flatten(rows[0]['QUERY PLAN'][0].Plan)
      const scan = nodes.find((node) => node['Relation Name'] === 'DomainEvent')!
      expect(scan['Node Type']).toBe('Index Scan')
      expect(scan['Index Cond']).toMatch(/id > /)
      // Only the pending events were visited: no row of the log before the cursor was read and dropped.
      expect(scan['Actual Rows']).toBe(PENDING)
      expect(nodes.every((node) => node['Relation Name'] === 'EventRelayCursor' || (!node['Rows Removed by Join Filter'] && !node['Rows Removed by Filter']))).toBe(true)
    } finally {
      await client.query('ROLLBACK')
    }
  })

  it('returns the pending events in order, and none while another pass holds the cursor', async () => {
    const { rows } = await client.query<{ id: string }>(PENDING_EVENTS_SQL, ['plan-test', 200])
    expect(rows.map((row) => BigInt(row.id))).toEqual(Array.from({ length: PENDING }, (_, index) => lastId - BigInt(PENDING) + BigInt(index + 1)))

    const other = new pg.Client({ connectionString: database.url })
    await other.connect()
    try {
      await other.query('BEGIN')
      await other.query(`SELECT 1 FROM "EventRelayCursor" WHERE name = 'plan-test' FOR UPDATE`)
      const { rows: skipped } = await client.query(PENDING_EVENTS_SQL, ['plan-test', 200])
      expect(skipped).toEqual([])
      await other.query('ROLLBACK')
    } finally {
      await other.end()
    }
  })
})

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Cond'?: string
  'Actual Rows': number
  'Rows Removed by Filter'?: number
  'Rows Removed by Join Filter'?: number
  Plans?: PlanNode[]
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)]
}
