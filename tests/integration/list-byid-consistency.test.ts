import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// For every user and every listable domain: `byId` answers exactly for the records that `list`
// shows that same user (the scoping of reads lives in one place, so both must agree).
const DOMAINS = ['organisations', 'people', 'mandates', 'products', 'interactions', 'tasks'] as const
const USERS = ['admin@demo.test', 'manager.paris@demo.test', 'sales.paris@demo.test', 'viewer.paris@demo.test', 'sales.lyon@demo.test']
const SAMPLE = 25

let server: TestServer
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  admin = await loginAs(server.url, 'admin@demo.test')
})
afterAll(async () => {
  await server?.stop()
})

async function allIds(client: TestClient, domain: (typeof DOMAINS)[number]): Promise<Set<string>> {
  const ids = new Set<string>()
  let cursor: string | null | undefined
  do {
    const page = await (client.trpc as any)[domain].list.query({ limit: 200, cursor })
    for (const item of page.items) ids.add(item.id)
    cursor = page.nextCursor
  } while (cursor)
  return ids
}

describe('list and byId agree', () => {
  for (const domain of DOMAINS) {
    it(`${domain}: byId succeeds exactly for what list returns, for every role and team`, async () => {
      const everything = [...(await allIds(admin, domain))]
      // A sample spread over the whole set, so both teams are represented.
      const sample = everything.filter((_, index) => index % Math.max(1, Math.floor(everything.length / SAMPLE)) === 0)
      for (const email of USERS) {
        const client = await loginAs(server.url, email)
        const visible = await allIds(client, domain)
        const outcomes = await Promise.all(
          sample.map(async (id) => {
            try {
              await (client.trpc as any)[domain].byId.query({ id })
              return [id, true] as const
            } catch (error) {
              expect((error as { data?: { code?: string } }).data?.code).toBe('NOT_FOUND')
              return [id, false] as const
            }
          }),
        )
        for (const [id, found] of outcomes) expect([email, id, found]).toEqual([email, id, visible.has(id)])
        if (email !== 'admin@demo.test') expect(visible.size).toBeLessThan(everything.length)
      }
    })
  }
})
