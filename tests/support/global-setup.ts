import pg from 'pg'
import { migrateDatabase } from '../../src/server/db/migrate.ts'
import { ADMIN_DATABASE_URL, TEMPLATE_DATABASE, databaseUrl } from './env.ts'

/** Migrates a template database once; each test file then clones it in milliseconds. */
export default async function setup() {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
  } finally {
    await admin.end()
  }
  await migrateDatabase(databaseUrl(TEMPLATE_DATABASE))
  return async () => {
    const cleanup = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`)
    await cleanup.end()
  }
}
