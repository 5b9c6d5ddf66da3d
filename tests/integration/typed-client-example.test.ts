import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExample } from '../../examples/typed-client.ts'
import { loginAs } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

async function tokenFor(email: string, scope: 'READ' | 'READ_WRITE') {
  const session = await loginAs(server.url, email)
  const { token } = await session.trpc.apiTokens.create.mutate({ name: 'Typed client example', scope })
  return token
}

describe('the typed client example of docs/api.md', () => {
  it('is the code the guide shows, verbatim', async () => {
    const [guide, example] = await Promise.all([readFile('docs/api.md', 'utf8'), readFile('examples/typed-client.ts', 'utf8')])
    const block = guide.match(/<!-- example:typed-client -->\n```ts\n([\s\S]*?)```/)
    expect(block?.[1]).toBe(example)
  })

  it('queries, paginates, creates, resolves a version conflict and receives the live events, with a real token', async () => {
    const token = await tokenFor('sales.paris@demo.test', 'READ_WRITE')
    const result = await runExample(server.url, token)

    expect(result.viewer).toEqual({ email: 'sales.paris@demo.test', role: 'SALES' })
    expect(result.firstPage.ids).toHaveLength(5)
    expect(result.firstPage.total).toBeGreaterThan(5)
    expect(result.secondPage?.ids.length).toBeGreaterThan(0)
    expect(result.secondPage?.ids.some((id) => result.firstPage.ids.includes(id))).toBe(false)
    expect(result.invalidInput).toEqual({ code: 'BAD_REQUEST', fieldErrors: { email: [expect.any(String)] } })
    expect(result.created.version).toBe(1)
    expect(result.updated).toEqual({ version: 2, stage: 'QUALIFIED' })
    expect(result.conflict).toEqual({ code: 'CONFLICT', currentVersion: 2 })
    expect(result.resolved).toEqual({ version: 3, stage: 'QUALIFIED', city: 'Lyon' })
    expect(result.liveEvents.map((event) => event.version)).toContain(3)
    expect(result.liveEvents.every((event) => event.type.startsWith('organisation.'))).toBe(true)

    const stored = await server.deps.prisma.organisation.findUniqueOrThrow({ where: { id: result.created.id }, include: { team: true } })
    expect(stored).toMatchObject({ stage: 'QUALIFIED', city: 'Lyon', version: 3, team: { name: 'Paris' } })
  })

  it('stops at the first write with a read-only token', async () => {
    const token = await tokenFor('sales.paris@demo.test', 'READ')
    const error = await errorOf(runExample(server.url, token))
    expect(error.data?.code).toBe('FORBIDDEN')
  })
})
