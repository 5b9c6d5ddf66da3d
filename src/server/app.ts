import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { applyWSSHandler } from '@trpc/server/adapters/ws'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import type { Config } from './config.ts'
import { openDatabase } from './db/database.ts'
import { seedDemo } from './db/seed.ts'
import { createEventDispatcher } from './events/dispatcher.ts'
import { createLiveFeed } from './events/live-feed.ts'
import { createProjection } from './events/projection.ts'
import { startEventRelay } from './events/relay.ts'
import { projectNotifications } from './features/notification/notification.projector.ts'
import { startDueTaskScheduler } from './jobs/due-tasks.ts'
import { createAuthService } from './features/auth/auth.service.ts'
import { isOriginAllowed } from './http/origin.ts'
import { createStaticHandler } from './http/static.ts'
import { createMemoryBus, createRedisBus } from './infra/bus.ts'
import { createMemoryCache, createRedisCache } from './infra/cache.ts'
import type { Logger } from './logger.ts'
import { flushObservability, initObservability, reportError } from './observability.ts'
import { createConnectionRegistry } from './realtime/connections.ts'
import { createSocketServer } from './realtime/socket-server.ts'
import { createContextFactory, readSessionToken, type ServerDeps } from './trpc/context.ts'
import { appRouter } from './trpc/root.ts'

export interface RunningApp {
  url: string
  port: number
  deps: ServerDeps
  close(): Promise<void>
}

const SHUTDOWN_GRACE_MS = 10_000

/** Composition root: config → database → bus and cache → HTTP (static, /trpc, WebSocket, Socket.IO). */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const startedAt = performance.now()
  await initObservability(config, logger)
  const database = await openDatabase(config, logger)
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined
  redis?.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'))
  const bus = config.REDIS_URL ? createRedisBus(config.REDIS_URL, config.REDIS_PREFIX, logger) : createMemoryBus()
  const cache = redis ? createRedisCache(redis, config.REDIS_PREFIX) : createMemoryCache()
  const connections = createConnectionRegistry(bus)
  const dispatcher = createEventDispatcher({ prisma: database.prisma, bus, logger })
  await dispatcher.start()
  const deps: ServerDeps = {
    config,
    logger,
    prisma: database.prisma,
    bus,
    cache,
    connections,
    auth: createAuthService({ prisma: database.prisma, cache, config }),
    dispatcher,
    liveFeed: createLiveFeed({ prisma: database.prisma, dispatcher }),
  }

  if (config.SEED_DEMO) {
    const { seeded } = await seedDemo(database.prisma, { password: config.DEMO_PASSWORD, logger })
    if (seeded) logger.info('empty database: demo data seeded')
  }

  const relay = startEventRelay({ databaseUrl: database.url, prisma: database.prisma, bus, logger })
  // Background work that must happen once across nodes: any node may run it, row locks elect one.
  const notifications = createProjection({ prisma: database.prisma, logger }, 'notifications', projectNotifications)
  await notifications.start()
  const stopProjecting = dispatcher.subscribe((event) => {
    if (event.entity !== 'notification') void notifications.trigger()
  })
  const projectionTimer = setInterval(() => void notifications.trigger(), 5_000)
  const dueTasks = startDueTaskScheduler({ prisma: database.prisma, logger }, config.DUE_TASK_INTERVAL_MS)

  const createContext = createContextFactory(deps)
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext,
    // Large query inputs may come as POST (`methodOverride` in the client) instead of a long URL.
    allowMethodOverride: true,
    maxBodySize: 5 * 1024 * 1024,
    onError: ({ error, path }) => {
      if (error.code !== 'INTERNAL_SERVER_ERROR') return
      logger.error({ err: error.cause ?? error, path }, 'tRPC error')
      reportError(error.cause ?? error, { path })
    },
  })
  const serveStatic = createStaticHandler(config.STATIC_DIR)

  const server = http.createServer(async (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok', node: config.nodeId })
    if (pathname === '/readyz') {
      const checks = await readiness(deps, redis)
      const ready = Object.values(checks).every((value) => value === 'ok' || value === 'not configured')
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks, node: config.nodeId })
    }
    if (pathname.startsWith('/trpc/')) {
      // Cookie-authenticated calls from another site are refused (CSRF); token calls carry no cookie.
      if (readSessionToken(req) && !isOriginAllowed(req, config.allowedOrigins)) {
        return sendJson(res, 403, { error: 'Cross-origin request refused' })
      }
      return trpcHandler(req, res)
    }
    if (pathname.startsWith('/socket.io/')) return // handled by Socket.IO's own listener
    serveStatic(req, res)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  })
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname !== '/trpc' && pathname !== '/trpc/') return // Socket.IO handles /socket.io
    if (!isOriginAllowed(req, config.allowedOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  const { io, notesMirror } = createSocketServer(server, deps, redis?.duplicate())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, config.HOST, resolve)
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`
  logger.info(
    {
      url,
      database: database.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL (DATABASE_URL)',
      redis: redis ? 'Redis (REDIS_URL): multi-node' : 'in process: single node',
      readyInMs: Math.round(performance.now() - startedAt),
    },
    `Alforis CRM ready on ${url} — mode: ${database.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'}, ${redis ? 'Redis bus' : 'in-process bus'}`,
  )

  let closing: Promise<void> | undefined
  async function close() {
    closing ??= (async () => {
      logger.info('shutting down: no new connections, closing sockets, finishing requests')
      const stopListening = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      wsHandler.broadcastReconnectNotification()
      for (const client of wss.clients) client.close(1001, 'server shutting down')
      await io.close().catch(() => undefined)
      await notesMirror.flushAll()
      const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
      await stopListening
      clearTimeout(forced)
      wss.close()
      connections.close()
      stopProjecting()
      clearInterval(projectionTimer)
      await Promise.all([relay.stop(), notifications.stop(), dueTasks.stop()])
      dispatcher.stop()
      await bus.close()
      await cache.close()
      await database.close()
      await flushObservability()
      logger.info('shutdown complete')
    })()
    return closing
  }

  return { url, port, deps, close }
}

async function readiness(deps: ServerDeps, redis: Redis | undefined) {
  const database = await deps.prisma
    .$queryRaw`SELECT 1`.then(() => 'ok')
    .catch(() => 'unreachable')
  const redisCheck = redis ? ((await deps.cache.ping()) ? 'ok' : 'unreachable') : 'not configured'
  return { database, redis: redisCheck }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}
