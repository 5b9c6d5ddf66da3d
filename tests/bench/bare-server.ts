// A bare node:http handler doing what organisations.byId and organisations.list do through tRPC
// (session lookup, the same service call, a superjson answer), to measure tRPC's own overhead.
// Started by speed.bench.ts as its own process: `node --import tsx tests/bench/bare-server.ts`.
import http from 'node:http'
import superjson from 'superjson'
import type { Config } from '../../src/server/config.ts'
import { createPrismaClient } from '../../src/server/db/client.ts'
import { createAuthService } from '../../src/server/features/auth/auth.service.ts'
import { getOrganisation, listOrganisations } from '../../src/server/features/organisation/organisation.service.ts'
import { createMemoryCache } from '../../src/server/infra/cache.ts'
import { organisationListInput } from '../../src/shared/schemas/organisation.ts'
import { readSessionToken } from '../../src/server/trpc/context.ts'

const prisma = createPrismaClient(process.env.DATABASE_URL!)
const auth = createAuthService({ prisma, cache: createMemoryCache(), config: { SESSION_TTL_HOURS: 12 } as Config })

const server = http.createServer(async (req, res) => {
  try {
    const token = readSessionToken(req, { COOKIE_SECURE: false })
    const session = token ? await auth.authenticateSession(token) : null
    if (!session) {
      res.writeHead(401).end()
      return
    }
    const url = new URL(req.url ?? '/', 'http://bare')
    const ctx = { prisma, viewer: session.viewer }
    const input = JSON.parse(url.searchParams.get('input') ?? '{}')
    const result =
      url.pathname === '/byId' ? await getOrganisation(ctx, input.id) : await listOrganisations(ctx, organisationListInput.parse(input))
    const body = JSON.stringify(superjson.serialize(result))
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  } catch (error) {
    res.writeHead(500).end(String(error))
  }
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
process.on('SIGTERM', () => server.close(() => void prisma.$disconnect().then(() => process.exit(0))))
