import type pg from 'pg'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { createPrismaClient, type PrismaClient } from './client.ts'
import { startEmbeddedPostgres } from './embedded.ts'
import { migrateDatabase } from './migrate.ts'
import { createSqlPool, pairSqlPool } from './sql.ts'

/** Hot reads run a statement or a few at once per request; Prisma's pool (20) serves the rest. */
const READ_POOL_SIZE = 8

export interface Database {
  prisma: PrismaClient
  /** A few bare connections for the bulk paths that bypass Prisma (imports; see sql.ts). */
  sqlPool: pg.Pool
  /** Bare connections for hot reads whose statements are written by hand (search): Prisma's per-statement cost dominates them. */
  readPool: pg.Pool
  url: string
  embedded: boolean
  close(): Promise<void>
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL; then applies migrations. */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'EMBEDDED_PG_DIR' | 'EMBEDDED_PG_PORT'>,
  logger: Logger,
): Promise<Database> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT }, logger)
  const url = config.DATABASE_URL ?? embedded!.url
  try {
    await migrateDatabase(url)
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  const prisma = createPrismaClient(url)
  const sqlPool = createSqlPool(url, logger)
  pairSqlPool(prisma, sqlPool)
  // Its connections stay open through quiet spells (pg closes idle ones after 10 s by default): each
  // keeps its prepared statements and their generic plans (the search's, features/search), which a
  // new connection would plan again, the expensive way, for its first five runs.
  const readPool = createSqlPool(url, logger, READ_POOL_SIZE, { idleTimeoutMs: 10 * 60_000 })
  return {
    prisma,
    sqlPool,
    readPool,
    url,
    embedded: Boolean(embedded),
    async close() {
      await prisma.$disconnect()
      await sqlPool.end()
      await readPool.end()
      await embedded?.stop()
    },
  }
}
