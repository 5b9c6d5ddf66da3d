import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createPrismaClient, type PrismaClient } from '../../src/server/db/client.ts'
import { inject } from 'vitest'
import { ADMIN_DATABASE_URL, databaseUrl } from './env.ts'

export interface TestDatabase {
  name: string
  url: string
  prisma: PrismaClient
  drop(): Promise<void>
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** A fresh, migrated database of its own, cloned from the template; dropped by `drop()`. */
export async function createTestDatabase(template = inject('templateDatabase')): Promise<TestDatabase> {
  const name = `alforis_test_${randomBytes(5).toString('hex')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`))
  const url = databaseUrl(name)
  const prisma = createPrismaClient(url, 5)
  return {
    name,
    url,
    prisma,
    async drop() {
      await prisma.$disconnect()
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

/** An empty database (no migrations), for migration tests. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `alforis_empty_${randomBytes(5).toString('hex')}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}
