import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..')

/**
 * Applies prisma/migrations with Prisma's CLI and its JavaScript schema engine (no download).
 * Safe to run from several nodes at once: Prisma serialises migrations with an advisory lock.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  const cli = require.resolve('prisma/build/index.js')
  const placeholder = path.join(projectRoot, 'package.json')
  const { stdout } = await run(process.execPath, [cli, 'migrate', 'deploy'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // The CLI insists on locating native engines it will not use in this mode.
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  })
  return stdout
}
