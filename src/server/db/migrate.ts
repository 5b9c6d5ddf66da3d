import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { migrateJobQueue } from '../jobs/queue.ts'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** Runs Prisma's CLI with its JavaScript schema engine against `databaseUrl`, offline. */
export async function runPrismaCli(args: string[], databaseUrl: string): Promise<string> {
  const cli = require.resolve('prisma/build/index.js')
  const placeholder = path.join(projectRoot, 'package.json')
  const preload = path.join(projectRoot, 'prisma/cli-preload.cjs')
  const { stdout } = await run(process.execPath, ['--require', preload, cli, ...args], {
    cwd: projectRoot,
    maxBuffer: 32 * 1024 * 1024,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // The CLI insists on locating native engines that it does not use in this mode.
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  })
  return stdout
}

/**
 * Applies prisma/migrations, then the job queue's own schema (graphile-worker). Safe to run from
 * several nodes at once: both serialise their migrations with an advisory lock.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  const output = await runPrismaCli(['migrate', 'deploy'], databaseUrl)
  await migrateJobQueue(databaseUrl)
  return output
}
