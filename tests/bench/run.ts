import fs from 'node:fs'
import path from 'node:path'
import { startServerProcess } from '../support/processes.ts'
import { PROJECT_ROOT } from '../support/processes.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { benchOrganisationApi } from './api.bench.ts'
import { benchDatabase } from './database.ts'
import type { LatencyStats } from './measure.ts'

// `npm run bench`: figures go to bench-results/results.json and bench-results/results.md.
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 100_000)
const log = (line: string) => console.log(`[bench] ${line}`)

const url = await benchDatabase(ORGANISATIONS, log)
const server = await startServerProcess({ DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'bench:', SEED_DEMO: 'false', LOG_LEVEL: 'warn' })
const sections: Record<string, Record<string, LatencyStats>> = {}
try {
  log('organisation API…')
  sections['API on 100,000 organisations'] = await benchOrganisationApi(server.url)
} finally {
  await server.stop()
}

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  organisations: ORGANISATIONS,
  sections,
}
const directory = path.join(PROJECT_ROOT, 'bench-results')
fs.mkdirSync(directory, { recursive: true })
fs.writeFileSync(path.join(directory, 'results.json'), JSON.stringify(results, null, 2) + '\n')
const lines = [`# Benchmark results (${results.date})`, '', `Node ${process.version}, ${results.machine.cpus} CPUs, ${ORGANISATIONS} organisations.`, '']
for (const [section, rows] of Object.entries(sections)) {
  lines.push(`## ${section}`, '', '| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|---|---|')
  for (const [name, stats] of Object.entries(rows)) {
    lines.push(`| ${name} | ${stats.requests} | ${stats.errors} | ${stats.requestsPerSecond} | ${stats.p50Ms} | ${stats.p95Ms} | ${stats.p99Ms} |`)
  }
  lines.push('')
}
fs.writeFileSync(path.join(directory, 'results.md'), lines.join('\n'))
console.log(lines.join('\n'))
