import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readOrganisationDetails } from '../../src/server/features/organisation/organisation.detail.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

// A record's page (organisations.byId) runs one statement, prepared on each connection of the read
// pool. With a table of realistic size, PostgreSQL must settle on one plan for it rather than plan
// every call: planning cost 0.7 ms a call at 100,000 organisations, more than running it (0.1-0.3 ms).

let database: TestDatabase
let connection: pg.Client

beforeAll(async () => {
  database = await createTestDatabase()
  connection = new pg.Client({ connectionString: database.url })
  await connection.connect()
  await connection.query(`INSERT INTO "Team" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'Plan', now())`)
  await connection.query(`
    INSERT INTO "Organisation" (id, name, "normalizedName", type, stage, "teamId", "ownerId", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'Plan ' || n, 'plan ' || n, 'INVESTOR', 'PROSPECT', t.id, NULL, now(), now()
    FROM generate_series(1, 30000) AS n, (SELECT id FROM "Team" WHERE name = 'Plan') AS t`)
  await connection.query('ANALYZE')
})
afterAll(async () => {
  await connection?.end()
  await database?.drop()
})

describe("a record's page", () => {
  it('is read with a plan PostgreSQL prepares once per connection, not at every call', async () => {
    const viewer = { id: '00000000-0000-7000-8000-000000000001', email: 'admin@example.test', name: 'Admin', role: 'ADMIN', teamId: null, teamName: null }
    const ids = (await connection.query(`SELECT id FROM "Organisation" ORDER BY random() LIMIT 8`)).rows.map((row) => row.id as string)
    for (const id of ids) expect((await readOrganisationDetails({ prisma: database.prisma, sql: connection, viewer } as never, [id]))[0].id).toBe(id)
    const { rows } = await connection.query<{ generic: number; custom: number }>(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%AS "personLinks"%'`,
    )
    // The first five calls are planned for their parameters; then the generic plan is kept when it
    // costs no more. With `o.id = ANY($1::uuid[])` it never was (ten rows guessed): every call planned.
    expect(rows).toEqual([{ generic: ids.length - 5, custom: 5 }])
  })
})
