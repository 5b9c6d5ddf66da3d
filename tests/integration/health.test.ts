import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPrivateRedis, type PrivateRedis } from '../support/processes.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('health endpoints', () => {
  let redis: PrivateRedis
  let server: TestServer

  beforeAll(async () => {
    // A throwaway Redis of our own, so the test can stop it.
    redis = await startPrivateRedis()
    server = await startTestServer({ env: { REDIS_URL: redis.url } })
  })
  afterAll(async () => {
    await redis?.stop()
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
    await redis.stop()
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok', redis: 'unreachable' } })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
