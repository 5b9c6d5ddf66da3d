import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/processes.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('health endpoints', () => {
  let redisPort: number
  let redis: ChildProcess
  let server: TestServer

  beforeAll(async () => {
    // A throwaway Redis of our own, so the test can stop it.
    redisPort = await freePort()
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    server = await startTestServer({ env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } })
  })
  afterAll(async () => {
    redis?.kill('SIGKILL')
    await server?.stop()
  })

  it('reports liveness and readiness of the database and Redis', async () => {
    const live = await fetch(`${server.url}/healthz`)
    expect(live.status).toBe(200)
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'ok' } })
  })

  it('reports not ready while Redis is unreachable, and alive all the same', async () => {
    redis.kill('SIGKILL')
    await new Promise((resolve) => redis.once('exit', resolve))
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok', redis: 'unreachable' } })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
