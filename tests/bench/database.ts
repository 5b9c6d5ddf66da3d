import pg from 'pg'
import { createPrismaClient } from '../../src/server/db/client.ts'
import { migrateDatabase } from '../../src/server/db/migrate.ts'
import { seedBulk, seedDemo } from '../../src/server/db/seed.ts'
import { ADMIN_DATABASE_URL, databaseUrl } from '../support/env.ts'

const DEFAULT_DATABASE = process.env.BENCH_DATABASE ?? 'alforis_bench'

/**
 * A database with the demo data plus `organisations` bulk organisations. Kept between runs (it takes
 * about 20 s to build); rebuilt when its size differs or BENCH_REBUILD=1.
 */
export async function benchDatabase(organisations: number, log: (line: string) => void, database = DEFAULT_DATABASE): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  const url = databaseUrl(database)
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1
    if (exists && process.env.BENCH_REBUILD !== '1') {
      const prisma = createPrismaClient(url, 2)
      await migrateDatabase(url)
      const count = await prisma.organisation.count()
      await prisma.$executeRawUnsafe('VACUUM ANALYZE')
      await prisma.$disconnect()
      if (count >= organisations) {
        log(`reusing ${database} (${count} organisations)`)
        return url
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${database}`)
  } finally {
    await admin.end()
  }
  await migrateDatabase(url)
  const prisma = createPrismaClient(url, 4)
  const startedAt = performance.now()
  await seedDemo(prisma, { password: 'demo1234' })
  await seedBulk(prisma, { organisations })
  // As autovacuum would in production: statistics and the visibility map (index-only counts).
  await prisma.$executeRawUnsafe('VACUUM ANALYZE')
  await prisma.$disconnect()
  log(`built ${database}: ${organisations} organisations in ${Math.round(performance.now() - startedAt)} ms`)
  return url
}
