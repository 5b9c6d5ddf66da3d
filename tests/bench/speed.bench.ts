import { spawn } from 'node:child_process'
import pg from 'pg'
import superjson from 'superjson'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../../src/server/db/generated/client.ts'
import { createPrismaClient } from '../../src/server/db/client.ts'
import type { Viewer } from '../../src/server/features/auth/auth.service.ts'
import { createOrganisation, getOrganisation, listOrganisations } from '../../src/server/features/organisation/organisation.service.ts'
import { organisationCreateInput, organisationListInput } from '../../src/shared/schemas/organisation.ts'
import { createTestClient, loginAs } from '../support/client.ts'
import { freePort, PROJECT_ROOT } from '../support/processes.ts'
import { TEST_REDIS_URL, TEST_TOTP_ENCRYPTION_KEY } from '../support/env.ts'
import { load, processCpuSeconds, type LatencyStats } from './measure.ts'

// Issue 14's side-by-side figures, in one run: Prisma against hand-written SQL for the same answers,
// tRPC against a bare HTTP handler doing the same work, creates alone and under load, and the SQL
// statements one create costs.

const STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION'] as const

/** organisations.byId's answer in one statement (relations as JSON), as a hand-written query would read it. */
const BY_ID_SQL = `
SELECT o.id, o.name, o."normalizedName", o.type, o.category, o.stage, o."potentialAmount", o.email, o.phone, o.website,
  o.address, o.city, o."postalCode", o.country, o.language, o.notes, o."isActive", o.tags, o."ownerId", o."teamId",
  o.version, o."createdAt", o."updatedAt",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS owner,
  json_build_object('id', t.id, 'name', t.name) AS team,
  COALESCE((SELECT json_agg(l ORDER BY l."isPrimary" DESC, l."createdAt") FROM (
    SELECT pl.*, json_build_object('id', p.id, 'firstName', p."firstName", 'lastName', p."lastName", 'email', p.email,
      'phone', p.phone, 'jobTitle', p."jobTitle") AS person
    FROM "PersonOrganisationLink" pl JOIN "Person" p ON p.id = pl."personId" WHERE pl."organisationId" = o.id) l), '[]') AS "personLinks",
  COALESCE((SELECT json_agg(m ORDER BY m."updatedAt" DESC) FROM (
    SELECT m.id, m.reference, m.type, m.status, m."startDate", m."endDate", m."signedAt", m.version, m."updatedAt",
      COALESCE((SELECT json_agg(json_build_object('productId', mp."productId", 'product',
        json_build_object('id', pr.id, 'name', pr.name, 'isin', pr.isin, 'kind', pr.kind)))
        FROM "MandateProduct" mp JOIN "Product" pr ON pr.id = mp."productId" WHERE mp."mandateId" = m.id), '[]') AS products
    FROM "Mandate" m WHERE m."organisationId" = o.id) m), '[]') AS mandates,
  COALESCE((SELECT json_agg(i) FROM (
    SELECT i.id, i.kind, i."occurredAt", i.summary, i.body, i.version, json_build_object('id', a.id, 'name', a.name) AS author
    FROM "Interaction" i LEFT JOIN "User" a ON a.id = i."authorId" WHERE i."organisationId" = o.id
    ORDER BY i."occurredAt" DESC LIMIT 50) i), '[]') AS interactions,
  COALESCE((SELECT json_agg(k) FROM (
    SELECT k.id, k.title, k."dueAt", k.priority, k.status, k.version, json_build_object('id', s.id, 'name', s.name) AS assignee
    FROM "Task" k LEFT JOIN "User" s ON s.id = k."assigneeId" WHERE k."organisationId" = o.id
    ORDER BY k.status, k."dueAt" LIMIT 50) k), '[]') AS tasks
FROM "Organisation" o LEFT JOIN "User" u ON u.id = o."ownerId" JOIN "Team" t ON t.id = o."teamId"
WHERE o.id = $1::uuid AND o."teamId" = $2::uuid`

/** The filtered list's first page (updatedAt desc) and its total, in one statement. */
const LIST_SQL = `
SELECT o.id, o.name, o.type, o.category, o.stage, o."potentialAmount", o.email, o.phone, o.city, o.country, o."isActive",
  o.tags, o.version, o."teamId", o."ownerId", o."createdAt", o."updatedAt", u.name AS "ownerName", t.name AS "teamName",
  count(*) OVER () AS total
FROM "Organisation" o LEFT JOIN "User" u ON u.id = o."ownerId" JOIN "Team" t ON t.id = o."teamId"
WHERE o."teamId" = $1::uuid AND o.type = ANY($2::"OrganisationType"[]) AND o.stage = ANY($3::"PipelineStage"[])
ORDER BY o."updatedAt" DESC, o.id DESC LIMIT 51`

export interface SpeedBench {
  sideBySide: Record<string, LatencyStats>
  /**
   * Server CPU per request (ms) of the tRPC-against-bare rows: the serving process's CPU (/proc)
   * over the row, divided by its requests. Steadier than latencies, which include the client's CPU
   * on the same machine.
   */
  serverCpuMs: Record<string, number>
  statementsPerCreate: { statements: number; byKind: Record<string, number> }
  explain: Record<string, string>
  /** The server's read-cache counters after the run (its /healthz). */
  readCache: unknown
  /** Sessions waiting for the event log's lock during the 16 concurrent creates: mean, and share of samples with any. */
  eventLogLock: { samples: number; meanWaiting: number; busyShare: number }
}

async function viewerOf(pool: pg.Pool, email: string): Promise<Viewer> {
  const { rows } = await pool.query(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u."teamId", t.name AS "teamName", u.theme, u.language
     FROM "User" u LEFT JOIN "Team" t ON t.id = u."teamId" WHERE u.email = $1`,
    [email],
  )
  return rows[0] as Viewer
}

async function startBareServer(databaseUrl: string) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/bare-server.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: TEST_TOTP_ENCRYPTION_KEY,
      // Its read cache in Redis like the server's, apart from it.
      REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `bench-bare:${new URL(databaseUrl).pathname.slice(1)}:`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)))
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) }
}

export async function benchSpeed(baseUrl: string, serverPid: number, databaseUrl: string): Promise<SpeedBench> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 })
  const prisma = createPrismaClient(databaseUrl, 16)
  const viewer = await viewerOf(pool, 'sales.paris@demo.test')
  const ctx = { prisma, viewer }
  const ids = (await pool.query(`SELECT id FROM "Organisation" WHERE "teamId" = $1 ORDER BY name LIMIT 200`, [viewer.teamId])).rows.map((row) => row.id as string)
  const results: Record<string, LatencyStats> = {}
  let readCache: unknown
  let eventLogLock: SpeedBench['eventLogLock'] = { samples: 0, meanWaiting: 0, busyShare: 0 }
  // 200 unmeasured calls first: with 20, the first rows of a fresh client measured code not yet
  // optimised (tRPC `byId` alone came out at p50 3.0 ms in one run and 1.25 ms with 200, an hour apart).
  const alone = { total: 300, concurrency: 1, warmup: 200, maxDurationMs: 10_000 }
  const loaded = { total: 2000, concurrency: 16, warmup: 200, maxDurationMs: 15_000 }
  // What each read asks for, as a caller sends it (the in-process rows parse it as the router does).
  const byIdInput = (index: number) => ({ id: ids[index % ids.length] })
  const listInput = (index: number) => ({ limit: 50, type: ['INVESTOR' as const], stage: [STAGES[index % STAGES.length]] })

  for (const [label, options] of [['alone', alone], ['16 concurrent', loaded]] as const) {
    results[`byId, Prisma service (in process), ${label}`] = await load(async (index) => void (await getOrganisation(ctx, ids[index % ids.length])), options)
    results[`byId, one SQL statement (in process), ${label}`] = await load(async (index) => {
      await pool.query(BY_ID_SQL, [ids[index % ids.length], viewer.teamId])
    }, options)
    results[`list filtered, Prisma service (in process), ${label}`] = await load(async (index) => void (await listOrganisations(ctx, organisationListInput.parse(listInput(index)))), options)
    results[`list filtered, one SQL statement (in process), ${label}`] = await load(async (index) => {
      await pool.query(LIST_SQL, [viewer.teamId, ['INVESTOR'], [STAGES[index % STAGES.length]]])
    }, options)
  }

  // tRPC against a bare HTTP handler (own process each, same session lookup and service call).
  const sales = await loginAs(baseUrl, 'sales.paris@demo.test')
  const bare = await startBareServer(databaseUrl)
  const cookie = sales.jar.header()
  // One plain HTTP client for both servers: fetch, JSON, then superjson, as the tRPC client reads
  // an answer. Against the bare handler it sends the input as JSON; against tRPC, superjson's
  // envelope, and it reads tRPC's `result.data`.
  const bareGet = async (path: string, input: unknown) => {
    const response = await fetch(`${bare.url}${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
    if (!response.ok) throw new Error(`bare ${response.status}`)
    superjson.deserialize(await response.json())
  }
  const plainTrpcGet = async (procedure: string, input: unknown) => {
    const response = await fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, { headers: { cookie } })
    if (!response.ok) throw new Error(`tRPC ${response.status}`)
    superjson.deserialize(((await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } }).result.data)
  }
  const serverCpuMs: Record<string, number> = {}
  // A row of the comparison: its warm-up, then its latencies and its server's CPU per request.
  const compared = async (key: string, pid: number, task: (index: number) => Promise<void>, options: { total: number; concurrency: number; warmup: number; maxDurationMs: number }) => {
    for (let index = 0; index < options.warmup; index++) await task(index)
    const cpuBefore = processCpuSeconds(pid)
    results[key] = await load(task, { ...options, warmup: 0 })
    serverCpuMs[key] = Math.round(((processCpuSeconds(pid) - cpuBefore) * 1000 * 1000) / Math.max(results[key].requests, 1)) / 1000
  }
  try {
    // Three clients against tRPC: the plain HTTP client the bare handler gets (tRPC's server alone
    // against the bare handler), and the typed client both ways: one request per call (httpLink),
    // and batched (httpBatchLink, what the browser uses), which waits for a timer (≥ 1 ms in Node)
    // to gather the calls of one tick and, under load, answers many calls per request.
    const unbatched = createTestClient(baseUrl, { jar: sales.jar, unbatched: true }).trpc
    const clients = [
      ['plain HTTP', { byId: (index: number) => plainTrpcGet('organisations.byId', byIdInput(index)), list: (index: number) => plainTrpcGet('organisations.list', listInput(index)) }],
      ['unbatched', { byId: async (index: number) => void (await unbatched.organisations.byId.query(byIdInput(index))), list: async (index: number) => void (await unbatched.organisations.list.query(listInput(index))) }],
      ['batched', { byId: async (index: number) => void (await sales.trpc.organisations.byId.query(byIdInput(index))), list: async (index: number) => void (await sales.trpc.organisations.list.query(listInput(index))) }],
    ] as const
    // 1,000 calls alone (not 300): the server CPU of a row is read in 10 ms ticks.
    for (const [label, options] of [['alone', { ...alone, total: 1000 }], ['16 concurrent', loaded]] as const) {
      for (const [name, procedure, input] of [['byId', 'byId', byIdInput], ['list filtered', 'list', listInput]] as const) {
        for (const [link, client] of clients) await compared(`${name}, tRPC server (${link} client), ${label}`, serverPid, client[procedure], options)
        await compared(`${name}, bare HTTP handler, ${label}`, bare.pid, (index) => bareGet(`/${procedure}`, input(index)), options)
      }
    }
    // Cached against uncached through the same server: the same 200 records again and again, or each
    // record once (every read a miss). The bench database is kept between runs: its ids are
    // shuffled per run so no earlier run's answers can be hit.
    const fresh = (await pool.query(`SELECT id FROM "Organisation" WHERE "teamId" = $1 ORDER BY random() LIMIT 4000`, [viewer.teamId])).rows.map((row) => row.id as string)
    let next = 0
    for (const [label, options] of [['alone', alone], ['16 concurrent', loaded]] as const) {
      results[`byId, tRPC, cached (200 records read again and again), ${label}`] = await load(
        async (index) => void (await sales.trpc.organisations.byId.query({ id: ids[index % ids.length] })),
        options,
      )
      results[`byId, tRPC, uncached (each record read once), ${label}`] = await load(
        async () => void (await sales.trpc.organisations.byId.query({ id: fresh[next++ % fresh.length] })),
        { ...options, warmup: 0, total: Math.min(options.total, label === 'alone' ? 300 : 2000) },
      )
    }
    const health = await (await fetch(`${baseUrl}/healthz`)).json()
    readCache = health.readCache
    let created = 0
    const create = async () => void (await sales.trpc.organisations.create.mutate({ name: `Bench create ${Date.now()} ${created++}`, type: 'INVESTOR' }))
    // 100 unmeasured creates first (the reads get 200): a fresh server's first calls run code not yet optimised.
    results['organisations.create, tRPC, alone'] = await load(create, { total: 200, concurrency: 1, warmup: 100, maxDurationMs: 10_000 })
    // The event log's lock (events/event-log.ts) under concurrent writers: how many sessions wait
    // for it, sampled from pg_stat_activity while the 16 writers run.
    const waits: number[] = []
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND datname = current_database()`,
        )
        waits.push(rows[0].waiting)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    results['organisations.create, tRPC, 16 concurrent'] = await load(create, { total: 2000, concurrency: 16, maxDurationMs: 15_000 })
    sampling = false
    await sampler
    eventLogLock = {
      samples: waits.length,
      meanWaiting: Math.round((waits.reduce((sum, value) => sum + value, 0) / Math.max(waits.length, 1)) * 100) / 100,
      busyShare: Math.round((waits.filter((value) => value > 0).length / Math.max(waits.length, 1)) * 100) / 100,
    }
  } finally {
    await bare.stop()
    sales.closeWebSocket()
  }

  // Statements one create sends (the service as the server runs it; the relay's reads come on top).
  const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }), log: [{ emit: 'event', level: 'query' }] })
  const byKind: Record<string, number> = {}
  let statements = 0
  counting.$on('query', (event) => {
    statements++
    const kind = event.query.trim().split(/\s+/)[0].toUpperCase()
    byKind[kind] = (byKind[kind] ?? 0) + 1
  })
  await createOrganisation({ prisma: counting, viewer }, organisationCreateInput.parse({ name: 'Warm-up create', type: 'INVESTOR' }))
  statements = 0
  for (const key of Object.keys(byKind)) delete byKind[key]
  await createOrganisation({ prisma: counting, viewer }, organisationCreateInput.parse({ name: 'Counted create', type: 'INVESTOR' }))
  await counting.$disconnect()

  const explain: Record<string, string> = {}
  const plan = async (sql: string, params: unknown[]) =>
    (await pool.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n')
  explain['list filtered (SQL)'] = await plan(LIST_SQL, [viewer.teamId, ['INVESTOR'], ['PROSPECT']])
  explain['byId (SQL)'] = await plan(BY_ID_SQL, [ids[0], viewer.teamId])
  await prisma.$disconnect()
  await pool.end()
  return { sideBySide: results, serverCpuMs, statementsPerCreate: { statements, byKind }, explain, readCache, eventLogLock }
}
