import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRouter } from '../../src/server/trpc/root.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { demoUsers, type DemoUsers } from '../support/factories.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import type { Caller, MatrixCase } from './matrix/types.ts'

// Every procedure, fed garbage as an admin (who passes every role check): it must answer with a
// client error, never an INTERNAL_SERVER_ERROR. Garbage is generic, and also derived field by field
// from a valid input of the authorization matrix, so that validation past the first field is hit.
const caseModules = import.meta.glob<Record<string, MatrixCase[]>>('./matrix/*.cases.ts', { eager: true })
const cases = new Map(
  Object.values(caseModules)
    .flatMap((module) => Object.values(module).filter(Array.isArray).flat())
    .map((testCase) => [testCase.path, testCase] as const),
)

const GARBAGE: unknown[] = [
  null,
  42,
  'text',
  [],
  { id: 'not-a-uuid' },
  { id: '00000000-0000-4000-8000-000000000000', version: -1 },
  { cursor: 'nope', limit: 1e9 },
  { data: 'x'.repeat(100_000) },
  { __proto__: { polluted: true }, constructor: { prototype: {} } },
]

const WRONG_VALUES: unknown[] = [null, '', 'x'.repeat(5_000), -1, 1e308, true, [], {}, '2024-02-30', '00000000-0000-0000-0000-000000000000', { nested: { deep: [1] } }]

function fieldMutations(valid: unknown): unknown[] {
  if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return []
  const mutations: unknown[] = []
  for (const [key, value] of Object.entries(valid)) {
    for (const wrong of WRONG_VALUES) mutations.push({ ...valid, [key]: wrong })
    if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const nested of fieldMutations(value)) mutations.push({ ...valid, [key]: nested })
    }
  }
  return mutations
}

let server: TestServer
let demo: DemoUsers
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  admin = await loginAs(server.url, 'admin@demo.test', undefined, { postQueries: true })
})
afterAll(async () => {
  await server?.stop()
})

async function codeOf(path: string, input: unknown): Promise<string> {
  const [domain, procedure] = path.split('.')
  const type = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path]._def.type
  const target = (admin.trpc as any)[domain][procedure]
  if (type === 'subscription') {
    return new Promise((resolve) => {
      const subscription = target.subscribe(input, {
        onStarted: () => setTimeout(() => (subscription.unsubscribe(), resolve('ok')), 100),
        onError: (error: { data?: { code?: string } }) => (subscription.unsubscribe(), resolve(error.data?.code ?? 'unknown')),
      })
    })
  }
  try {
    await target[type === 'query' ? 'query' : 'mutate'](input)
    return 'ok'
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? String(error)
  }
}

describe('malformed input', () => {
  const paths = Object.keys(appRouter._def.procedures).filter((path) => !['auth.logout'].includes(path))
  for (const path of paths) {
    it(`${path} answers garbage with a client error, never a 500`, async () => {
      const me = demo.byEmail.get('admin@demo.test')!
      const caller: Caller = {
        id: me.id,
        role: 'ADMIN',
        teamId: me.teamId!,
        teammateId: demo.byEmail.get('sales.paris@demo.test')!.id,
        otherTeamUserId: demo.byEmail.get('sales.lyon@demo.test')!.id,
        otherTeamId: demo.teams.lyon,
      }
      const testCase = cases.get(path)
      const valid = testCase ? await testCase.input({ prisma: server.deps.prisma, demo }, caller, 'sameTeam') : undefined
      const inputs = [...GARBAGE, ...fieldMutations(valid)]
      const failures: Array<{ input: unknown; code: string }> = []
      for (const input of inputs) {
        const code = await codeOf(path, input)
        if (code === 'INTERNAL_SERVER_ERROR' || (code !== 'ok' && !/^[A-Z_]+$/.test(code))) failures.push({ input, code })
      }
      expect(failures).toEqual([])
    })
  }
})
