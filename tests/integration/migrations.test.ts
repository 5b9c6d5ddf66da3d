import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, runPrismaCli } from '../../src/server/db/migrate.ts'
import { createEmptyDatabase } from '../support/database.ts'

const run = promisify(execFile)
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
})

/**
 * Statements schema.prisma cannot express: the search's functions and triggers (docs/search.md),
 * named search_*. They are checked to exist on their own below.
 */
const SQL_ONLY = /^--\n-- Name: ("?\w+"? )?search_\w+[^;]*; Type: (FUNCTION|TRIGGER);/

/** Schema of a database as pg_dump prints it, minus Prisma's bookkeeping table and SQL_ONLY. */
async function schemaOf(url: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', '--exclude-table=_prisma_migrations', '--exclude-schema=graphile_worker', url], {
    maxBuffer: 32 * 1024 * 1024,
  })
  return stdout
    .split(/\n(?=--\n-- Name: )/)
    .filter((section) => !SQL_ONLY.test(section))
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('SET ') && !line.startsWith('\\restrict') && !line.startsWith('\\unrestrict') && line.trim() !== '')
    .join('\n')
}

describe('migrations', () => {
  it('apply to an empty database and match schema.prisma exactly', async () => {
    const migrated = await createEmptyDatabase()
    const fromSchema = await createEmptyDatabase()
    cleanups.push(migrated.drop, fromSchema.drop)

    await migrateDatabase(migrated.url)

    // What schema.prisma alone would create, applied to a second empty database.
    const sql = await runPrismaCli(
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
      fromSchema.url,
    )
    const client = new pg.Client({ connectionString: fromSchema.url })
    await client.connect()
    await client.query(sql)
    await client.end()

    expect(await schemaOf(migrated.url)).toBe(await schemaOf(fromSchema.url))
    const { stdout } = await run('pg_dump', ['--schema-only', migrated.url], { maxBuffer: 32 * 1024 * 1024 })
    expect(stdout.match(/CREATE TRIGGER search_\w+/g)?.length).toBe(14)
  })
})
