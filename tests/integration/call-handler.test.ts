import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { initTRPC } from '@trpc/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCallHandler } from '../../src/server/trpc/call-handler.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'

// GET queries and JSON POSTs of mutations are answered by the server's own call handler
// (trpc/call-handler.ts), the rest by tRPC's. The same request through tRPC's handler (a
// `trpc-accept` header sends it there) must get the same status, type and body: answers, batches,
// every kind of error, the caller's language.

let server: TestServer
let sales: TestClient
let salesEnglish: TestClient

beforeAll(async () => {
  server = await startTestServer()
  sales = await loginAs(server.url, 'sales.paris@demo.test')
  salesEnglish = await loginAs(server.url, 'sales.lyon@demo.test')
  await salesEnglish.trpc.auth.updatePreferences.mutate({ language: 'en' })
})
afterAll(async () => {
  await server?.stop()
})

const json = (value: unknown) => encodeURIComponent(JSON.stringify(value))

async function both(path: string, cookie?: string, post?: { body: string; type?: string }) {
  const headers = { ...(cookie ? { cookie } : {}), ...(post ? { 'content-type': post.type ?? 'application/json' } : {}) }
  const init = post ? { method: 'POST', body: post.body } : {}
  const fast = await fetch(`${server.url}${path}`, { ...init, headers })
  const viaTrpc = await fetch(`${server.url}${path}`, { ...init, headers: { ...headers, 'trpc-accept': 'application/json' } })
  // Each request has its own correlation id (quoted in error answers).
  const body = async (response: Response) => (await response.text()).replace(/"correlationId":"[^"]*"/g, '"correlationId":"…"')
  return {
    fast: { status: fast.status, type: fast.headers.get('content-type'), vary: fast.headers.get('vary'), length: fast.headers.get('content-length'), body: await body(fast) },
    viaTrpc: { status: viaTrpc.status, type: viaTrpc.headers.get('content-type'), vary: viaTrpc.headers.get('vary'), body: await body(viaTrpc) },
  }
}

describe('GET queries', () => {
  it('answer exactly as tRPC does: single calls, batches, errors of every kind', async () => {
    const own = await sales.trpc.organisations.list.query({ limit: 3 })
    const lyon = await salesEnglish.trpc.organisations.list.query({ limit: 1 })
    const id = own.items[0].id
    const cases: Array<[string, string | undefined, number]> = [
      [`/trpc/organisations.byId?input=${json({ json: { id } })}`, sales.jar.header(), 200],
      [`/trpc/auth.me`, sales.jar.header(), 200],
      [`/trpc/auth.me`, undefined, 200],
      [`/trpc/organisations.byId,organisations.list,auth.me?batch=1&input=${json({ 0: { json: { id } }, 1: { json: { limit: 2, stage: ['PROSPECT'] } } })}`, sales.jar.header(), 200],
      // Invalid input (field messages), out of the caller's team, unauthenticated, mixed in a batch.
      [`/trpc/organisations.byId?input=${json({ json: { id: 'not-a-uuid' } })}`, sales.jar.header(), 400],
      [`/trpc/organisations.byId?input=${json({ json: { id: 'not-a-uuid' } })}`, salesEnglish.jar.header(), 400],
      [`/trpc/organisations.byId?input=${json({ json: { id: lyon.items[0].id } })}`, sales.jar.header(), 404],
      [`/trpc/organisations.byId?input=${json({ json: { id } })}`, undefined, 401],
      [`/trpc/organisations.byId,organisations.byId?batch=1&input=${json({ 0: { json: { id } }, 1: { json: { id: 'nope' } } })}`, sales.jar.header(), 207],
      [`/trpc/organisations.list,organisations.list?batch=1&input=${json({ 0: { json: { limit: 0 } }, 1: { json: { limit: -1 } } })}`, sales.jar.header(), 400],
    ]
    for (const [path, cookie, status] of cases) {
      const { fast, viaTrpc } = await both(path, cookie)
      expect({ path, ...fast, length: undefined }).toEqual({ path, ...viaTrpc, length: undefined })
      expect(fast.status, path).toBe(status)
      expect(fast.type).toBe('application/json')
      // Answered by the server's handler: a whole body with its length (tRPC's streams it).
      expect(fast.length, path).not.toBeNull()
    }
  })

  it('leaves to tRPC what is not a plain query: GET mutations, unknown procedures, malformed input', async () => {
    const cases = [
      '/trpc/organisations.create?input=' + json({ json: { name: 'x' } }),
      '/trpc/organisations.nothingHere',
      '/trpc/organisations.byId?input=%7Bnot-json',
      '/trpc/organisations.byId,organisations.byId?batch=1&input=' + json([1, 2]),
    ]
    for (const path of cases) {
      const { fast, viaTrpc } = await both(path, sales.jar.header())
      expect(fast.status, path).toBeGreaterThanOrEqual(400)
      expect(fast.length, path).toBeNull()
      expect({ ...fast, length: undefined }).toEqual({ ...viaTrpc, length: undefined })
    }
  })

  it('serves the typed client as before', async () => {
    const [me, page] = await Promise.all([sales.trpc.auth.me.query(), sales.trpc.organisations.list.query({ limit: 2 })])
    expect(me?.email).toBe('sales.paris@demo.test')
    expect(page.items).toHaveLength(2)
    expect(page.items[0].updatedAt).toBeInstanceOf(Date)
  })
})

describe('POSTed calls', () => {
  const body = (value: unknown) => ({ body: JSON.stringify(value) })

  it('answer exactly as tRPC does: mutations, queries by method override, batches, errors of every kind', async () => {
    const own = await sales.trpc.organisations.list.query({ limit: 1, stage: ['PROSPECT'] })
    const card = own.items[0]
    const cases: Array<[string, string | undefined, { body: string }, number]> = [
      ['/trpc/auth.updatePreferences', sales.jar.header(), body({ json: { language: 'fr' } }), 200],
      ['/trpc/organisations.byId', sales.jar.header(), body({ json: { id: card.id } }), 200],
      ['/trpc/organisations.byId,auth.me?batch=1', sales.jar.header(), body({ 0: { json: { id: card.id } } }), 200],
      // Field messages, in the caller's language.
      ['/trpc/organisations.create', sales.jar.header(), body({ json: { name: '', type: 'INVESTOR' } }), 400],
      ['/trpc/organisations.create', salesEnglish.jar.header(), body({ json: { name: '', type: 'INVESTOR' } }), 400],
      ['/trpc/organisations.create', undefined, body({ json: { name: 'Nobody', type: 'INVESTOR' } }), 401],
      // A stale move: the card as it is now, with who moved it.
      ['/trpc/pipeline.move', sales.jar.header(), body({ json: { id: card.id, fromStage: 'WON', toStage: 'LOST' } }), 409],
      ['/trpc/organisations.create,organisations.create?batch=1', sales.jar.header(), body({ 0: { json: { name: '' } }, 1: { json: { name: 'x', type: 'NOPE' } } }), 400],
    ]
    for (const [path, cookie, post, status] of cases) {
      const { fast, viaTrpc } = await both(path, cookie, post)
      expect({ path, ...fast, length: undefined }).toEqual({ path, ...viaTrpc, length: undefined })
      expect(fast.status, path).toBe(status)
      expect(fast.length, path).not.toBeNull()
    }
  })

  it('leaves to tRPC what it does not read whole: other bodies, mixed batches, malformed JSON, unknown procedures', async () => {
    const cases: Array<[string, { body: string; type?: string }]> = [
      ['/trpc/organisations.create', { body: '{"json":', type: 'application/json' }],
      ['/trpc/organisations.create', { body: '', type: 'application/json' }],
      ['/trpc/organisations.create', { body: '{"json":{"name":"x"}}', type: 'text/plain' }],
      ['/trpc/auth.me,organisations.create?batch=1', { body: '{}' }],
      ['/trpc/organisations.nothingHere', { body: '{}' }],
    ]
    for (const [path, post] of cases) {
      const { fast, viaTrpc } = await both(path, sales.jar.header(), post)
      expect(fast.status, path).toBeGreaterThanOrEqual(400)
      expect(fast.length, path).toBeNull()
      expect({ ...fast, length: undefined }).toEqual({ ...viaTrpc, length: undefined })
    }
  })

  it('writes what it is asked to, once, and sets the cookies a mutation sets', async () => {
    const name = `Appel direct ${Date.now()}`
    const created = await sales.trpc.organisations.create.mutate({ name, type: 'INVESTOR' })
    expect(created.name).toBe(name)
    expect((await sales.trpc.organisations.list.query({ limit: 5, q: name })).items.map((item) => item.id)).toEqual([created.id])

    const login = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'viewer.paris@demo.test', password: DEMO_PASSWORD } }),
    })
    expect(login.headers.get('content-length')).not.toBeNull()
    expect(login.status).toBe(200)
    expect(login.headers.getSetCookie().some((cookie) => cookie.startsWith('alforis_session='))).toBe(true)
  })
})

describe('a query whose answer cannot be written', () => {
  it('answers 500 with an error shape, as tRPC does, instead of failing the process', async () => {
    const t = initTRPC.create()
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const router = t.router({ broken: t.procedure.query(() => circular), fine: t.procedure.query(() => 'ok') })
    const errors: string[] = []
    const handle = createCallHandler({ router, basePath: '/trpc/', maxBodySize: 1024, createContext: async () => ({}), onError: ({ error }) => void errors.push(error.code) })
    const httpServer = http.createServer((req, res) => void handle(req, res).then((handled) => handled || res.writeHead(404).end()))
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
    try {
      const broken = await fetch(`${base}/trpc/broken`)
      expect(broken.status).toBe(500)
      expect(await broken.json()).toMatchObject({ error: { code: -32603, data: { code: 'INTERNAL_SERVER_ERROR' } } })
      expect(errors).toEqual(['INTERNAL_SERVER_ERROR'])
      expect(await (await fetch(`${base}/trpc/fine`)).json()).toEqual({ result: { data: 'ok' } })
    } finally {
      await new Promise((resolve) => httpServer.close(resolve))
    }
  })
})
