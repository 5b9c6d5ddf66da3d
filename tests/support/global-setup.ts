import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateDatabase } from '../../src/server/db/migrate.ts'
import { ADMIN_DATABASE_URL, databaseUrl } from './env.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}

/**
 * Migrates a template database once per run (named per run, so concurrent runs on one machine do
 * not drop each other's); each test file then clones it in milliseconds.
 */
export default async function setup(project: TestProject) {
  const template = `alforis_template_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${template}`)
  } finally {
    await admin.end()
  }
  await migrateDatabase(databaseUrl(template))
  project.provide('templateDatabase', template)
  return async () => {
    const cleanup = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)
    await cleanup.end()
  }
}
