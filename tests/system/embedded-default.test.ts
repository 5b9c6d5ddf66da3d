import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, startServerProcess, type ServerProcess } from '../support/processes.ts'

// The zero-configuration promise: no DATABASE_URL, no REDIS_URL → embedded PostgreSQL, in-process bus.
// mkdtemp makes a private (0700) folder: the embedded default must start in one as it is.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-embedded-'))
let server: ServerProcess | undefined

afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

describe('embedded default', () => {
  it('starts with no database or Redis configured, serves the app and the demo login, and stops cleanly', async () => {
    const pgPort = await freePort()
    const startedAt = Date.now()
    server = await startServerProcess({ EMBEDDED_PG_DIR: path.join(dataDir, 'pg'), EMBEDDED_PG_PORT: String(pgPort) }, 180_000)
    const readyAfterMs = Date.now() - startedAt
    expect(server.output()).toMatch(/mode: embedded PostgreSQL, in-process bus/)

    const ready = await fetch(`${server.url}/readyz`).then((response) => response.json())
    expect(ready).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'not configured' } })

    const page = await fetch(`${server.url}/login`)
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/<div id="root">/)

    const login = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'admin@demo.test', password: 'demo1234' } }),
    })
    expect(login.status).toBe(200)
    expect((await login.json()).result.data.json.viewer).toMatchObject({ email: 'admin@demo.test', role: 'ADMIN' })

    // Global search needs unaccent and pg_trgm: the embedded PostgreSQL has them, and a misspelt,
    // accent-free query finds the demo's "… Prévoyance" organisations.
    const cookie = login.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ')
    const query = encodeURIComponent(JSON.stringify({ json: { q: 'prevoyence', kinds: ['organisation'] } }))
    const found = await fetch(`${server.url}/trpc/search.query?input=${query}`, { headers: { cookie } })
    expect(found.status).toBe(200)
    const groups = (await found.json()).result.data.json.groups as Array<{ kind: string; items: Array<{ title: string; match: string }> }>
    const titles = groups.flatMap((group) => group.items.map((item) => item.title))
    expect(titles.length).toBeGreaterThan(0)
    expect(titles.every((title) => /Prévoyance/.test(title))).toBe(true)

    expect(await portOpen(pgPort)).toBe(true)
    const exitCode = await server.stop()
    server = undefined
    expect(exitCode).toBe(0)
    expect(await portOpen(pgPort)).toBe(false)
    console.info(`embedded default: first start (initdb + migrate + seed) ready in ${readyAfterMs} ms`)
  })
})
