import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import type { TRPCError } from '@trpc/server'
import { applyWSSHandler } from '@trpc/server/adapters/ws'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { assertServerSecrets, type Config } from './config.ts'
import { openDatabase } from './db/database.ts'
import { refuseIfPortTaken } from './db/embedded.ts'
import { seedDemo } from './db/seed.ts'
import { createEventDispatcher } from './events/dispatcher.ts'
import { createLiveFeed } from './events/live-feed.ts'
import { createProjection } from './events/projection.ts'
import { startEventRelay } from './events/relay.ts'
import { mayNotify, projectNotifications } from './features/notification/notification.projector.ts'
import { startDueTaskScheduler } from './jobs/due-tasks.ts'
import { startJobQueue } from './jobs/queue.ts'
import { scheduleBackups } from './features/backup/backup.jobs.ts'
import { JOB_CRONTAB, JOB_LANES, jobHandlers } from './jobs/tasks.ts'
import { createAuthService } from './features/auth/auth.service.ts'
import { handleImportUpload, IMPORT_UPLOAD_PATH } from './features/import/import.http.ts'
import { createWebhooks } from './features/webhook/webhook.runtime.ts'
import { createExportHandler, EXPORT_PATH } from './features/export/export.http.ts'
import { isOriginAllowed } from './http/origin.ts'
import { contentSecurityPolicy, isCrossSite } from './http/security-headers.ts'
import { withEnvelope } from './http/envelope.ts'
import { createStaticHandler } from './http/static.ts'
import { createMemoryBus, createRedisBus } from './infra/bus.ts'
import { createMemoryCache, createRedisCache } from './infra/cache.ts'
import { createReadCache } from './cache/read-cache.ts'
import { createCallHandler } from './trpc/call-handler.ts'
import { invalidateOnCommit } from './cache/invalidation.ts'
import type { Logger } from './logger.ts'
import { flushObservability, initObservability, releaseName } from './observability.ts'
import { createConnectionRegistry } from './realtime/connections.ts'
import { createSocketServer } from './realtime/socket-server.ts'
import { createContextFactory, type ServerDeps } from './trpc/context.ts'
import { appRouter } from './trpc/root.ts'
import { StartupError } from './startup-error.ts'

export interface RunningApp {
  url: string
  port: number
  deps: ServerDeps
  close(): Promise<void>
  /** What a shutdown in progress is waiting for. */
  shutdownStep(): string
}

const SHUTDOWN_GRACE_MS = 10_000
/** Where HTTP procedures start (`/trpc/<path>`); WebSocket upgrades come on `/trpc` itself. */
const TRPC_BASE_PATH = '/trpc/'

/** Composition root: config → database → bus and cache → HTTP (static, /trpc, WebSocket, Socket.IO). */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const startedAt = performance.now()
  assertServerSecrets(config)
  await initObservability(config, logger)
  // Before touching the database: a taken port must not leave migrations or a seed half done.
  await refuseIfPortTaken(config.PORT, 'PORT', config.HOST)
  const database = await openDatabase(config, logger)
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined
  redis?.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'))
  const bus = config.REDIS_URL ? createRedisBus(config.REDIS_URL, config.REDIS_PREFIX, logger) : createMemoryBus()
  const cache = redis ? createRedisCache(redis, config.REDIS_PREFIX) : createMemoryCache()
  // The read cache's own connection fails fast while Redis is away (reads then come from the database).
  const readRedis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, enableAutoPipelining: true }) : undefined
  const readCache = createReadCache(readRedis ? createRedisCache(readRedis, config.REDIS_PREFIX) : createMemoryCache(), { logger })
  readRedis?.on('error', (error) => logger.debug({ err: error.message }, 'read cache redis error'))
  readRedis?.on('close', () => readCache.connectionLost())
  // Every committed write makes what it changed unreachable in the read cache before it answers.
  invalidateOnCommit(database.prisma, readCache.invalidate)
  const connections = createConnectionRegistry(bus)
  const dispatcher = createEventDispatcher({ prisma: database.prisma, bus, logger })
  await dispatcher.start()
  const webhooks = createWebhooks({ config, logger, databaseUrl: database.url, bus, dispatcher })
  const deps: ServerDeps = {
    config,
    logger,
    prisma: database.prisma,
    sql: database.readPool,
    databaseUrl: database.url,
    bus,
    cache,
    readCache,
    connections,
    auth: createAuthService({ prisma: database.prisma, cache, config, readCache }),
    dispatcher,
    liveFeed: createLiveFeed({ prisma: database.prisma, dispatcher }),
    webhooks: webhooks.runtime,
  }

  if (config.SEED_DEMO) {
    const { seeded } = await seedDemo(database.prisma, { password: config.DEMO_PASSWORD, logger })
    if (seeded) logger.info('empty database: demo data seeded')
  }

  // The one job queue: background work that must run once across nodes (see jobs/queue.ts).
  const jobs = await startJobQueue({ databaseUrl: database.url, logger, tasks: jobHandlers(deps, database.sqlPool), lanes: JOB_LANES, crontab: JOB_CRONTAB })
  await scheduleBackups(database.prisma, config.BACKUP_INTERVAL_HOURS)

  const relay = startEventRelay({ databaseUrl: database.url, bus, logger, deliverLocally: dispatcher.receive })
  // Background work that must happen once across nodes: any node may run it, row locks elect one.
  const notifications = createProjection({ pool: database.sqlPool, logger }, 'notifications', projectNotifications)
  await notifications.start()
  // An event that notifies someone wakes the projection on the node that relayed it (the others
  // would only find the cursor locked or already past it); the rest (most writes) cost no pass of
  // their own, the next one moves past them. A timer on every node takes over if that node dies.
  const stopProjecting = dispatcher.subscribe((event) => {
    if (relay.isLeader && mayNotify(event)) void notifications.trigger()
  })
  const projectionTimer = setInterval(() => void notifications.trigger(), 5_000)
  await webhooks.start(() => relay.isLeader)
  const dueTasks = startDueTaskScheduler({ prisma: database.prisma, logger }, config.DUE_TASK_INTERVAL_MS)

  const createContext = createContextFactory(deps)
  // Logged here; reported to Sentry once, by the procedure middleware (trpc/trpc.ts).
  const onTrpcError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code !== 'INTERNAL_SERVER_ERROR') return
    logger.error({ err: error.cause ?? error, path }, 'tRPC error')
  }
  const trpcOptions = {
    router: appRouter,
    basePath: TRPC_BASE_PATH,
    createContext,
    // Large query inputs may come as POST (`methodOverride` in the client) instead of a long URL.
    allowMethodOverride: true,
    maxBodySize: 5 * 1024 * 1024,
    onError: onTrpcError,
  }
  const trpcHandler = createHTTPHandler(trpcOptions)
  // Queries and JSON mutations without tRPC's fetch adapter; the rest through tRPC's handler.
  const handleCall = createCallHandler(trpcOptions)
  const serveStatic = createStaticHandler(config.STATIC_DIR, { policy: (nonce) => contentSecurityPolicy(config, nonce) })
  const handleExport = createExportHandler(deps)

  const server = http.createServer(withEnvelope(config, handleRequest))
  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok', node: config.nodeId, relaysEvents: relay.isLeader, readCache: { ...readCache.stats, trusted: readCache.trusted }, liveDeliveries })
    if (pathname === '/client-config.json') return sendJson(res, 200, clientConfig(config))
    if (pathname === '/readyz') {
      const checks = await readiness(deps, redis)
      const ready = Object.values(checks).every((value) => value === 'ok' || value === 'not configured')
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks, node: config.nodeId })
    }
    if (pathname.startsWith(TRPC_BASE_PATH)) {
      // Browser calls started by another site are refused (CSRF), with or without a cookie: a
      // cross-site `auth.login` would sign the victim into the attacker's account (login CSRF).
      // Scripts with API tokens send no Origin.
      const originHeader = req.headers.origin
      if (!isOriginAllowed(req, config.allowedOrigins) || (!originHeader && isCrossSite(req.headers))) {
        return sendJson(res, 403, { error: 'Cross-origin request refused' })
      }
      if (await handleCall(req, res)) return
      return trpcHandler(req, res)
    }
    if (pathname === IMPORT_UPLOAD_PATH) return handleImportUpload(deps, req, res)
    if (pathname.startsWith(EXPORT_PATH)) return handleExport(req, res)
    if (pathname.startsWith('/socket.io/')) return // handled by Socket.IO's own listener
    serveStatic(req, res)
  }

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

  const { io, notesMirror, liveDeliveries } = createSocketServer(server, deps, redis?.duplicate())

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`Port ${config.PORT} is already in use by another program: stop it, or set PORT to a free port.`)
          : error,
      ),
    )
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
  /** What the shutdown is waiting for now (logged if it takes too long: main.ts). */
  let shutdownStep = 'not started'
  const step = (name: string) => {
    shutdownStep = name
  }
  async function close() {
    closing ??= (async () => {
      logger.info('shutting down: no new connections, closing sockets, finishing requests')
      step('closing sockets')
      const stopListening = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      wsHandler.broadcastReconnectNotification()
      for (const client of wss.clients) client.close(1001, 'server shutting down')
      await io.close().catch(() => undefined)
      step('saving notes')
      await notesMirror.flushAll()
      step('finishing requests')
      const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
      await stopListening
      clearTimeout(forced)
      wss.close()
      connections.close()
      stopProjecting()
      clearInterval(projectionTimer)
      step('stopping the relay, projections and jobs')
      await Promise.all([relay.stop(), notifications.stop(), dueTasks.stop(), jobs.stop()])
      step('stopping webhooks')
      // After the queue: no attempt is still using the webhooks' own pool when it closes.
      await webhooks.stop()
      dispatcher.stop()
      step('closing Redis')
      await bus.close()
      await cache.close()
      readCache.close()
      readRedis?.disconnect()
      step('closing the database')
      await database.close()
      step('flushing observability')
      await flushObservability()
      step('done')
      logger.info('shutdown complete')
    })()
    return closing
  }

  return { url, port, deps, close, shutdownStep: () => shutdownStep }
}

/** What the browser needs at start-up, as JSON rather than an inline script (CSP). */
function clientConfig(config: Config) {
  const dsn = config.SENTRY_BROWSER_DSN ?? config.SENTRY_DSN
  return { sentry: dsn ? { dsn, release: releaseName(config), environment: config.NODE_ENV } : null }
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
