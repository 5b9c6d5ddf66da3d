import pino from 'pino'
import { startApp, type RunningApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { TEST_REDIS_URL } from './env.ts'

export const DEMO_PASSWORD = 'demo1234'

export interface TestServer extends RunningApp {
  database: TestDatabase
  stop(): Promise<void>
}

/** The real app, in process, on a fresh database (seeded with the demo data) and the real Redis. */
export async function startTestServer(options: { redis?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase()
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ...(options.redis === false ? {} : { REDIS_URL: TEST_REDIS_URL }),
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    NODE_ID: `test-${database.name}`,
    REDIS_PREFIX: `test:${database.name}:`,
    ...options.env,
  })
  const app = await startApp(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }))
  return {
    ...app,
    database,
    async stop() {
      await app.close()
      await database.drop()
    },
  }
}

/** A second node of `first`'s deployment: same database, same Redis and prefix, its own node id. */
export async function startSecondNode(first: TestServer, nodeId: string): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: first.database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${first.database.name}:`,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    DEMO_PASSWORD,
    NODE_ID: nodeId,
  })
  return startApp(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }))
}
