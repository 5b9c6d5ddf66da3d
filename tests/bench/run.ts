import fs from 'node:fs'
import path from 'node:path'
import { startServerProcess } from '../support/processes.ts'
import { PROJECT_ROOT } from '../support/processes.ts'
import { TEST_REDIS_URL } from '../support/env.ts'
import { benchOrganisationApi } from './api.bench.ts'
import { benchBackups, type BackupFigures } from './backup.bench.ts'
import { benchCollaborationRoom } from './collaboration.bench.ts'
import { benchLivePipeline } from './live.bench.ts'
import { benchConcurrentFieldWriters } from './merge.bench.ts'
import { benchDatabase } from './database.ts'
import { benchImports } from './imports.bench.ts'
import { benchWebhooks } from './webhooks.bench.ts'
import { benchExports, type ExportMeasure } from './export.bench.ts'
import { benchDashboard } from './dashboard.bench.ts'
import type { LatencyStats } from './measure.ts'
import { benchSearch, type SearchBench } from './search.bench.ts'
import { benchSpeed, type SpeedBench } from './speed.bench.ts'

// `npm run bench`: figures go to bench-results/results.json and bench-results/results.md.
const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 100_000)
const log = (line: string) => console.log(`[bench] ${line}`)
/** BENCH_ONLY=api,live (default: everything). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'api,live,collaboration,dashboard,search,webhooks').split(','))
/** Organisations of the search dataset (plus one person per two): 670,000 → 1,005,000 searchable rows. */
const SEARCH_ORGANISATIONS = Number(process.env.BENCH_SEARCH_ORGANISATIONS ?? 670_000)

const url = await benchDatabase(ORGANISATIONS, log)
let backups: Record<string, BackupFigures> | undefined
if (ONLY.has('backup')) backups = await benchBackups(url, log)
const serversNeeded = ['api', 'speed', 'dashboard', 'live', 'collaboration', 'merge', 'webhooks', 'exports'].some((key) => ONLY.has(key))
const serverEnv = { DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `bench:${new URL(url).pathname.slice(1)}:`, SEED_DEMO: 'false', LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE: 'true' }
const sections: Record<string, Record<string, LatencyStats>> = {}
let live: Awaited<ReturnType<typeof benchLivePipeline>> | undefined
let collaboration: Awaited<ReturnType<typeof benchCollaborationRoom>> | undefined
let imports: Awaited<ReturnType<typeof benchImports>> | undefined
let exports: ExportMeasure[] | undefined
let merge: Awaited<ReturnType<typeof benchConcurrentFieldWriters>> | undefined
let search: SearchBench | undefined
let webhooks: Awaited<ReturnType<typeof benchWebhooks>> | undefined
let speed: SpeedBench | undefined
if (ONLY.has('search')) {
  // Its own database: a million searchable rows, kept between runs like the other one.
  const searchUrl = await benchDatabase(SEARCH_ORGANISATIONS, log, `${process.env.BENCH_DATABASE ?? 'alforis_bench'}_search`)
  const node = await startServerProcess({ DATABASE_URL: searchUrl, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'bench-search:', SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ID: 'bench-search' })
  try {
    search = await benchSearch(node.url, searchUrl, log)
    sections['Global search (search.query, 5 per kind, all kinds)'] = search.latency
  } finally {
    await node.stop()
  }
}
// Each server's inspector on a free port, for its memory after a full collection (inspector.ts).
if (ONLY.has('live')) process.env.SERVER_NODE_FLAGS = `${process.env.SERVER_NODE_FLAGS ?? ''} --inspect=127.0.0.1:0`
const nodeA = serversNeeded ? await startServerProcess({ ...serverEnv, NODE_ID: 'bench-a' }, 240_000) : undefined
const nodeB = serversNeeded ? await startServerProcess({ ...serverEnv, NODE_ID: 'bench-b' }, 240_000) : undefined
try {
  if (ONLY.has('api')) {
    log('organisation API…')
    sections[`API on ${ORGANISATIONS} organisations`] = await benchOrganisationApi(nodeA!.url)
  }
  if (ONLY.has('speed')) {
    log('side by side: Prisma vs SQL, tRPC vs bare HTTP, creates…')
    speed = await benchSpeed(nodeA!.url, nodeA!.child.pid!, url)
    sections['Side by side (issue 14)'] = speed.sideBySide
  }
  if (ONLY.has('dashboard')) {
    log('dashboard…')
    sections[`Dashboard on ${ORGANISATIONS} organisations`] = await benchDashboard(nodeA!.url)
  }
  if (ONLY.has('live')) {
    log('live pipeline over two nodes…')
    live = await benchLivePipeline(nodeA!, nodeB!)
  }
  if (ONLY.has('collaboration')) {
    log('collaboration room over two nodes…')
    collaboration = await benchCollaborationRoom(nodeA!, nodeB!)
  }
  if (ONLY.has('exports')) {
    log('exports (CSV, Excel, PDF)…')
    exports = await benchExports(nodeA!)
  }
  if (ONLY.has('merge')) {
    log('concurrent writers of distinct fields over two nodes…')
    merge = await benchConcurrentFieldWriters(nodeA!, nodeB!)
  }
  if (ONLY.has('imports')) {
    log('imports (own database and server process)…')
    imports = await benchImports(log)
  }
  if (ONLY.has('webhooks')) {
    log('webhooks over two nodes…')
    webhooks = await benchWebhooks(nodeA!, nodeB!, url)
  }
} finally {
  await Promise.all([nodeA?.stop(), nodeB?.stop()])
}

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  organisations: ORGANISATIONS,
  sections,
  live,
  collaboration,
  imports,
  exports,
  merge,
  backups,
  search,
  webhooks,
  speed,
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
  const failures = Object.entries(rows).filter(([, stats]) => stats.firstError)
  if (failures.length) lines.push('', ...failures.map(([name, stats]) => `First error of ${name}: ${stats.firstError!.slice(0, 300)}`))
  lines.push('')
}
if (speed) {
  // tRPC's cost as a multiple of the bare handler's: latency (p50), time per request (1 / req/s) and
  // the server's CPU per request.
  const overhead = (name: string, label: string, link: string) => {
    const trpcKey = `${name}, tRPC server (${link} client), ${label}`
    const bareKey = `${name}, bare HTTP handler, ${label}`
    const [trpc, bare] = [speed!.sideBySide[trpcKey], speed!.sideBySide[bareKey]]
    const [trpcCpu, bareCpu] = [speed!.serverCpuMs[trpcKey], speed!.serverCpuMs[bareKey]]
    return `${name}, ${label}, ${link} client: p50 ${(trpc.p50Ms / bare.p50Ms).toFixed(2)}×, time per request ${(bare.requestsPerSecond / trpc.requestsPerSecond).toFixed(2)}×, server CPU per request ${trpcCpu} / ${bareCpu} ms = ${(trpcCpu / bareCpu).toFixed(2)}×`
  }
  lines.push(
    'tRPC against the bare handler (issue 14: ≤ 1.5×). The plain HTTP client is the one the bare handler gets (fetch, JSON, superjson): tRPC\'s server alone. The typed client\'s rows add its own CPU, on the same 2 CPUs as the servers:',
    '',
    ...['byId', 'list filtered'].flatMap((name) =>
      ['alone', '16 concurrent'].flatMap((label) => ['plain HTTP', 'unbatched', 'batched'].map((link) => `- ${overhead(name, label, link)}`)),
    ),
    '',
    `Load average at the end: ${(await import('node:os')).loadavg().map((value) => value.toFixed(2)).join(' / ')}`,
    '',
    `Server read cache after the run: ${JSON.stringify(speed.readCache)}`,
    '',
    `Event log lock during the 16 concurrent creates: ${speed.eventLogLock.meanWaiting} sessions waiting on average, at least one waiting in ${Math.round(speed.eventLogLock.busyShare * 100)} % of ${speed.eventLogLock.samples} samples.`,
    '',
    `One organisations.create: ${speed.statementsPerCreate.statements} SQL statements (${Object.entries(speed.statementsPerCreate.byKind).map(([kind, count]) => `${kind} ${count}`).join(', ')}), relay not included.`,
    '',
    ...Object.entries(speed.explain).flatMap(([name, plan]) => [`EXPLAIN ${name}:`, '', '```', plan, '```', '']),
  )
}
if (live) {
  lines.push(
    '## Live pipeline over two nodes',
    '',
    `${live.clients} Socket.IO clients (half on each node; the bench spreads them over ${live.clientThreads} thread(s), BENCH_LIVE_THREADS; client: ${live.client}, BENCH_LIVE_CLIENT), ${live.moves} stage changes through node A, one at a time, after ${live.warmupMoves} unmeasured (BENCH_LIVE_WARMUP).`,
    '',
    '| measure | value |',
    '|---|---|',
    `| mutation → arrival p50 / p95 / p99 | ${live.latency.p50Ms} / ${live.latency.p95Ms} / ${live.latency.p99Ms} ms |`,
    `| mutation → the manager's notification (each of their connections) p50 / p95 / p99; delivered | ${live.notifications.p50Ms} / ${live.notifications.p95Ms} / ${live.notifications.p99Ms} ms; ${live.notifications.delivered} of ${live.notifications.expected} |`,
    `| undelivered | ${live.latency.errors} |`,
    `| a move's first / last arrival, p50 over the moves | ${live.firstArrivalP50Ms} / ${live.lastArrivalP50Ms} ms |`,
    `| moves answered p50; slowest moves (answered / first / last arrival, ms) | ${live.movesAnsweredP50Ms} ms; ${live.slowestMoves.map((move) => `${move.answeredMs} / ${move.firstMs} / ${move.lastMs}`).join('; ')} |`,
    `| CPU per move (1 mutation, ${live.clients} deliveries): servers / bench clients / PostgreSQL | ${live.cpuMsPerMove.servers} / ${live.cpuMsPerMove.clients} / ${live.cpuMsPerMove.postgres} ms |`,
    `| burst: ${live.burst.moves} moves → deliveries | ${live.burst.deliveries} in ${live.burst.seconds} s = ${live.burst.eventsPerSecond} events/s |`,
    `| server memory per connected client | ${live.memory.heapPerClientKb ?? '–'} KiB of heap and buffers after a full collection; ${live.memory.perClientKb} KiB of RSS (both nodes) |`,
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
if (search) {
  lines.push(
    '## Global search: recall and plan',
    '',
    `${search.rows.organisations} organisations + ${search.rows.people} people = ${search.rows.organisations + search.rows.people} searchable rows.`,
    '',
    `recall@5 over ${search.recall.queries} misspelt queries (one edit in a 5+ letter word, accents stripped, people's names swapped): **${search.recall.recallAt5}** (${search.recall.hits} hits)`,
    '',
    ...(search.recall.misses.length ? ['Misses (up to 20):', '', ...search.recall.misses.map((miss) => `- \`${miss.query}\` for ${miss.title}`), ''] : []),
    `Slowest query: \`${search.slowest.query}\` (${search.slowest.ms} ms through the API); its slowest statement (${search.slowest.kind}):`,
    '',
    '```',
    search.slowest.plan,
    '```',
    '',
  )
}
if (imports) {
  lines.push(
    '## Imports (CSV, organisations with one person each)',
    '',
    '| rows | file | dry run | dry run rows/s | import | import rows/s | server RSS baseline → peak (growth) |',
    '|---|---|---|---|---|---|---|',
    ...imports.files.map(
      (row) =>
        `| ${row.rows} | ${row.fileMb} MB | ${row.dryRunMs} ms | ${row.dryRunRowsPerSecond} | ${row.importMs} ms | ${row.importRowsPerSecond} | ${row.baselineRssMb} → ${row.peakRssMb} MB (+${row.rssGrowthMb} MB) |`,
    ),
    '',
    `Zip bomb (.xlsx, ${imports.zipBomb.declaredGb} GB of zeros): refused in ${imports.zipBomb.honestMs} ms (declared sizes), ${imports.zipBomb.lyingMs} ms (sizes that lie), upload included.`,
    '',
  )
}
if (exports) {
  lines.push(
    '## Exports of organisations (one server process)',
    '',
    '| format | rows | seconds | rows/s | server CPU s | bytes | server RSS before → peak (growth) |',
    '|---|---|---|---|---|---|---|',
    ...exports.map(
      (row) => `| ${row.format} | ${row.rows} | ${row.seconds} | ${row.rowsPerSecond} | ${row.serverCpuSeconds} | ${row.bytes} | ${row.rssBeforeMb} → ${row.rssPeakMb} MB (+${row.rssGrowthMb}) |`,
    ),
    '',
  )
}
if (merge) {
  lines.push(
    '## Concurrent writers of one organisation over two nodes',
    '',
    'All writers start from the same version at the same moment; writer i sets field i mod 10, so one write per field and round should be accepted.',
    '',
    '| writers at once | rounds | writes | accepted | accepted / expected | conflicts not naming the field | failures | p50 ms | p95 ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...merge.map((row) => `| ${row.writers} | ${row.rounds} | ${row.writes} | ${row.accepted} | ${Math.round(row.mergeRate * 100)} % | ${row.falseConflicts} | ${row.failures} | ${row.p50Ms} | ${row.p95Ms} |`),
    '',
  )
}
if (backups) {
  lines.push('## Backups (pg_dump -Fc, verify by scratch restore, restore with swap)', '', '| data | organisations | rows | dump | backup | verify | restore |', '|---|---|---|---|---|---|---|')
  for (const [name, figures] of Object.entries(backups)) {
    lines.push(
      `| ${name} | ${figures.organisations} | ${figures.rows} | ${(figures.dumpBytes / 1_048_576).toFixed(1)} MiB | ${(figures.backupMs / 1000).toFixed(1)} s | ${(figures.verifyMs / 1000).toFixed(1)} s | ${(figures.restoreMs / 1000).toFixed(1)} s |`,
    )
  }
  lines.push('')
}
if (webhooks) {
  const { latency, throughput } = webhooks
  lines.push(
    '## Webhooks over two nodes (loopback receiver)',
    '',
    '| measure | value |',
    '|---|---|',
    `| commit → receiver at ${latency.targetRate} events/s (achieved ${latency.sentRate}/s, ${latency.received}/${latency.events} received, ${latency.writeErrors} writes failed${latency.firstWriteError ? `: ${latency.firstWriteError}` : ''}) p50 / p95 / p99 | ${latency.p50Ms} / ${latency.p95Ms} / ${latency.p99Ms} ms |`,
    `| of which event → delivery row (projection) p50 / p95; delivery row → first attempt recorded p50 / p95 | ${latency.stages.projectionP50} / ${latency.stages.projectionP95} ms; ${latency.stages.attemptP50} / ${latency.stages.attemptP95} ms |`,
    `| throughput: ${throughput.webhooks} endpoints × ${throughput.events} events | ${throughput.deliveries}/${throughput.expected} deliveries in ${throughput.seconds} s = ${throughput.deliveriesPerSecond} deliveries/s (${throughput.duplicates} duplicates); CPU per delivery: servers ${throughput.serverCpuMsPerDelivery} ms, PostgreSQL ${throughput.postgresCpuMsPerDelivery} ms |`,
    `| of which the events' writes (first to last); event → delivery row p50 / p95; delivery row → first attempt p50 / p95 | ${throughput.stages.writesMs} ms; ${throughput.stages.projectionP50} / ${throughput.stages.projectionP95} ms; ${throughput.stages.attemptP50} / ${throughput.stages.attemptP95} ms |`,
    '',
  )
}
fs.writeFileSync(path.join(directory, 'results.md'), lines.join('\n'))
console.log(lines.join('\n'))
