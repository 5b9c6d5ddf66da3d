import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { ADMIN_DATABASE_URL, TEST_REDIS_URL, databaseUrl } from '../support/env.ts'
import { PROJECT_ROOT, startServerProcess } from '../support/processes.ts'

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      if (keys.length) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}

/**
 * One real server for the whole run, as production runs it: built client, fresh PostgreSQL database
 * with the demo seed, shared Redis under a run-specific key prefix (so rate-limit counters of other
 * runs cannot interfere).
 */
export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) return

  if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist/client/index.html'))) {
    throw new Error('The client is not built: run `npm run build` before the end-to-end tests.')
  }

  const database = `alforis_e2e_${randomBytes(4).toString('hex')}`
  const redisPrefix = `${database}:`
  await adminQuery(`CREATE DATABASE ${database}`)

  const cleanUp = async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await deleteRedisKeys(redisPrefix)
  }

  // WEBHOOK_ALLOW_PRIVATE: the webhooks spec's receiver listens on loopback.
  const env = { DATABASE_URL: databaseUrl(database), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE: 'true' }
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = []
  const stopAll = async () => {
    for (const server of servers.reverse()) {
      const exitCode = await server.stop()
      if (exitCode !== 0) console.error(`e2e server exited with code ${exitCode}:\n${server.output()}`)
    }
  }
  try {
    // The first node seeds the demo data; the second shares its database and Redis, as a second
    // replica would, for the tests where people are on different nodes.
    servers.push(await startServerProcess({ ...env, SEED_DEMO: 'true' }, 240_000))
    servers.push(await startServerProcess(env, 240_000))
  } catch (error) {
    await stopAll()
    await cleanUp()
    throw error
  }
  process.env.E2E_BASE_URL = servers[0].url
  process.env.E2E_SECOND_NODE_URL = servers[1].url
  // For specs that start a node of their own on the same data (sentry.spec.ts).
  process.env.E2E_DATABASE_URL = env.DATABASE_URL
  process.env.E2E_REDIS_PREFIX = redisPrefix

  return async () => {
    await stopAll()
    await cleanUp()
  }
}
