// A bare node:http handler doing what organisations.byId and organisations.list do through tRPC
// (session lookup, the same read cache and service call on the same kind of read pool, a superjson
// answer), inside the same HTTP envelope as the server's (security headers, correlation id:
// http/envelope.ts), to measure tRPC's own overhead. Started by speed.bench.ts as its own process:
// `node --import tsx tests/bench/bare-server.ts`; with REDIS_URL, its read cache is in Redis as the
// server's is, under its own REDIS_PREFIX (nothing the server cached is hit here).
import http from 'node:http'
import { Redis } from 'ioredis'
import superjson from 'superjson'
import { createReadCache, WireAnswer } from '../../src/server/cache/read-cache.ts'
import { loadConfig } from '../../src/server/config.ts'
import { createPrismaClient } from '../../src/server/db/client.ts'
import { createSqlPool } from '../../src/server/db/sql.ts'
import { withEnvelope } from '../../src/server/http/envelope.ts'
import { createAuthService } from '../../src/server/features/auth/auth.service.ts'
import { getOrganisation, listOrganisations } from '../../src/server/features/organisation/organisation.service.ts'
import { createMemoryCache, createRedisCache } from '../../src/server/infra/cache.ts'
import { organisationListInput } from '../../src/shared/schemas/organisation.ts'
import { readSessionToken } from '../../src/server/trpc/context.ts'

const config = loadConfig()
const prisma = createPrismaClient(process.env.DATABASE_URL!)
// The server's read pool (db/database.ts: 8 connections) and read cache connection (app.ts).
const sql = createSqlPool(process.env.DATABASE_URL!, undefined, 8, { idleTimeoutMs: 10 * 60_000 })
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, enableAutoPipelining: true }) : undefined
const readCache = createReadCache(redis ? createRedisCache(redis, process.env.REDIS_PREFIX ?? 'bench-bare:') : createMemoryCache())
// The credential lookup as the server makes it: through the read cache (app.ts).
const auth = createAuthService({ prisma, cache: createMemoryCache(), config, readCache })

const server = http.createServer(withEnvelope(config, async (req, res) => {
  try {
    const token = readSessionToken(req, { COOKIE_SECURE: false })
    const session = token ? await auth.authenticateSession(token) : null
    if (!session) {
      res.writeHead(401).end()
      return
    }
    const url = new URL(req.url ?? '/', 'http://bare')
    const ctx = { prisma, sql, viewer: session.viewer }
    const input = JSON.parse(url.searchParams.get('input') ?? '{}')
    const list = url.pathname === '/byId' ? undefined : organisationListInput.parse(input)
    const result = list
      ? await readCache.listAnswer('organisations.list', ctx.viewer, list, () => listOrganisations(ctx, list))
      : await readCache.answer('organisations.byId', ctx.viewer, input, () => getOrganisation(ctx, input.id))
    // As tRPC's transformer does (trpc/trpc.ts): a cached answer is already serialised.
    const body = JSON.stringify(result instanceof WireAnswer ? result.serialized : superjson.serialize(result))
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  } catch (error) {
    res.writeHead(500).end(String(error))
  }
}))
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
process.on('SIGTERM', () => server.close(() => void Promise.all([prisma.$disconnect(), sql.end(), redis?.quit()]).then(() => process.exit(0))))
