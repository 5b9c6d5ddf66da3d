import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRouter } from '../../src/server/trpc/root.ts'
import type { Role } from '../../src/shared/permissions.ts'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { demoUsers, type DemoUsers } from '../support/factories.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { CALLERS, callerOf } from './matrix/callers.ts'
import { TARGETS, type MatrixCase } from './matrix/types.ts'

// Every cases file of ./matrix contributes its procedures.
const caseModules = import.meta.glob<Record<string, MatrixCase[]>>('./matrix/*.cases.ts', { eager: true })
const cases = Object.values(caseModules).flatMap((module) => Object.values(module).filter(Array.isArray).flat())

/** Procedures any caller may use on themselves only, covered by their own tests. */
const SELF_SERVICE = new Set(['auth.login', 'auth.completeSignIn', 'auth.logout', 'auth.me', 'auth.updatePreferences'])

let server: TestServer
let demo: DemoUsers
const clients = new Map<Role, TestClient>()

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  for (const caller of CALLERS) clients.set(caller.role, await loginAs(server.url, caller.email))
})
afterAll(async () => {
  await server?.stop()
})

/** Calls `path` (e.g. `organisations.update`) through the typed client, as a developer would. */
async function call(client: TestClient, path: string, input: unknown): Promise<string> {
  const [domain, procedure] = path.split('.')
  const definition = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path]
  const target = (client.trpc as any)[domain][procedure]
  if (definition._def.type === 'subscription') return subscribeOutcome(target, input)
  const method = definition._def.type === 'query' ? 'query' : 'mutate'
  try {
    await target[method](input)
    return 'ok'
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? String(error)
  }
}

/** A subscription is allowed once it has started and no error follows shortly after. */
function subscribeOutcome(target: any, input: unknown): Promise<string> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: string) => {
      if (settled) return
      settled = true
      subscription.unsubscribe()
      resolve(outcome)
    }
    const subscription = target.subscribe(input, {
      onStarted: () => setTimeout(() => finish('ok'), 300),
      onError: (error: { data?: { code?: string } }) => finish(error.data?.code ?? String(error)),
    })
  })
}

describe('authorization matrix (SPEC §3)', () => {
  it('covers every procedure of the AppRouter', () => {
    const covered = new Set(cases.map((testCase) => testCase.path))
    const missing = Object.keys(appRouter._def.procedures).filter((path) => !covered.has(path) && !SELF_SERVICE.has(path))
    expect(missing).toEqual([])
  })

  for (const testCase of cases) {
    describe(testCase.path, () => {
      for (const { role } of CALLERS) {
        for (const target of TARGETS) {
          const expected = testCase.expected(role, target)
          it(`${role} on ${target} record → ${expected}`, async () => {
            const caller = callerOf(demo, role)
            const input = await testCase.input({ prisma: server.deps.prisma, demo }, caller, target)
            expect(await call(clients.get(role)!, testCase.path, input)).toBe(expected)
          })
        }
      }
    })
  }

  it('answers unauthenticated calls to every procedure but login and me with UNAUTHORIZED', async () => {
    const anonymous = createTestClient(server.url)
    for (const path of Object.keys(appRouter._def.procedures)) {
      if (SELF_SERVICE.has(path)) continue
      const code = await call(anonymous, path, {})
      expect([path, code]).toEqual([path, 'UNAUTHORIZED'])
    }
  })
})
