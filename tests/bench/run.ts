import fs from 'node:fs'
import path from 'node:path'
import { startServerProcess } from '../support/processes.ts'
import { PROJECT_ROOT } from '../support/processes.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { benchOrganisationApi } from './api.bench.ts'
import { benchCollaborationRoom } from './collaboration.bench.ts'
import { benchLivePipeline } from './live.bench.ts'
import { benchDatabase } from './database.ts'
import type { LatencyStats } from './measure.ts'

// `npm run bench`: figures go to bench-results/results.json and bench-results/results.md.
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 100_000)
const log = (line: string) => console.log(`[bench] ${line}`)
/** BENCH_ONLY=api,live (default: everything). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'api,live,collaboration').split(','))

const url = await benchDatabase(ORGANISATIONS, log)
const serverEnv = { DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'bench:', SEED_DEMO: 'false', LOG_LEVEL: 'warn' }
const sections: Record<string, Record<string, LatencyStats>> = {}
let live: Awaited<ReturnType<typeof benchLivePipeline>> | undefined
let collaboration: Awaited<ReturnType<typeof benchCollaborationRoom>> | undefined
const nodeA = await startServerProcess({ ...serverEnv, NODE_ID: 'bench-a' })
const nodeB = await startServerProcess({ ...serverEnv, NODE_ID: 'bench-b' })
try {
  if (ONLY.has('api')) {
    log('organisation API…')
    sections['API on 100,000 organisations'] = await benchOrganisationApi(nodeA.url)
  }
  if (ONLY.has('live')) {
    log('live pipeline over two nodes…')
    live = await benchLivePipeline(nodeA, nodeB)
  }
  if (ONLY.has('collaboration')) {
    log('collaboration room over two nodes…')
    collaboration = await benchCollaborationRoom(nodeA, nodeB)
  }
} finally {
  await Promise.all([nodeA.stop(), nodeB.stop()])
}

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  organisations: ORGANISATIONS,
  sections,
  live,
  collaboration,
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
if (live) {
  lines.push(
    '## Live pipeline over two nodes',
    '',
    `${live.clients} Socket.IO clients (half on each node), ${live.moves} stage changes through node A, one at a time.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| mutation → arrival p50 / p95 / p99 | ${live.latency.p50Ms} / ${live.latency.p95Ms} / ${live.latency.p99Ms} ms |`,
    `| undelivered | ${live.latency.errors} |`,
    `| burst: ${live.burst.moves} moves → deliveries | ${live.burst.deliveries} in ${live.burst.seconds} s = ${live.burst.eventsPerSecond} events/s |`,
    `| server memory per connected client | ${live.memory.perClientKb} KiB (RSS, both nodes) |`,
    '',
  )
}
if (collaboration) {
  lines.push(
    '## Collaboration room over two nodes',
    '',
    `${collaboration.users} users on one organisation page (half on each node), ${collaboration.rounds} rounds.`,
    '',
    '| measure | p50 | p95 |',
    '|---|---|---|',
    `| presence change → seen by the ${collaboration.users - 1} others | ${collaboration.presence.p50Ms} ms | ${collaboration.presence.p95Ms} ms |`,
    `| field saved → new value at all ${collaboration.users} | ${collaboration.fieldUpdate.p50Ms} ms | ${collaboration.fieldUpdate.p95Ms} ms |`,
    '',
  )
}
fs.writeFileSync(path.join(directory, 'results.md'), lines.join('\n'))
console.log(lines.join('\n'))
