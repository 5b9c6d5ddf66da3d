import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaticHandler } from '../../src/server/http/static.ts'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alforis-static-'))
let server: http.Server
let base: string

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'assets'))
  fs.writeFileSync(path.join(root, 'index.html'), '<div id="root"></div>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("alforis");'.repeat(100))
  fs.writeFileSync(path.join(root, 'assets', 'app.js.map'), '{"version":3,"sources":["../../src/client/main.tsx"]}')
  fs.writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'secret')
  server = http.createServer(createStaticHandler(root))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
  fs.rmSync(root, { recursive: true, force: true })
})

function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

describe('static client files', () => {
  it('serves assets gzipped and cacheable forever when the browser accepts gzip', async () => {
    const response = await get('/assets/app.js', { 'accept-encoding': 'gzip, br' })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers['cache-control']).toMatch(/immutable/)
    expect(zlib.gunzipSync(response.body).toString()).toBe('console.log("alforis");'.repeat(100))
  })

  it('falls back to index.html for client routes, and never serves outside its folder', async () => {
    expect((await get('/organisations/123')).body.toString()).toBe('<div id="root"></div>')
    const escape = await get('/..%2Fsecret.txt')
    expect(escape.body.toString()).not.toBe('secret')
  })

  it('does not publish the build’s source maps', async () => {
    const response = await get('/assets/app.js.map')
    expect(response.status).toBe(404)
    expect(response.body.toString()).not.toContain('src/client')
  })
})
