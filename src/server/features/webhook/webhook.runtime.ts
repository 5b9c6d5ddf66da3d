import type { Config } from '../../config.ts'
import { createPrismaClient } from '../../db/client.ts'
import { createSqlPool } from '../../db/sql.ts'
import type { EventDispatcher } from '../../events/dispatcher.ts'
import { createProjection } from '../../events/projection.ts'
import type { Bus } from '../../infra/bus.ts'
import type { Logger } from '../../logger.ts'
import { createWebhookAgent } from './webhook.address.ts'
import { createDeliveryEngine } from './webhook.delivery.ts'
import { createWebhookProjector, webhookTypesOf } from './webhook.projector.ts'
import { createSecretBox } from './webhook.secrets.ts'
import type { WebhookRuntime } from './webhook.service.ts'

const SWEEP_INTERVAL_MS = 5_000
/** Bare connections for the attempts: one per attempt the webhook lane runs at once (JOB_LANES). */
const ATTEMPT_POOL_SIZE = 8
/** Prisma's, for the records the projection reads and the endpoints' rare state changes. */
const WORK_POOL_SIZE = 4

/**
 * This node's share of webhooks: the projection that turns events into deliveries (woken by every
 * event on the node that relays them, and by a timer on every node in case one was missed) and the
 * sweep that re-queues deliveries a crashed node left behind. The deliveries themselves run as jobs of the one job queue.
 */
export function createWebhooks(deps: { config: Config; logger: Logger; databaseUrl: string; bus: Bus; dispatcher: EventDispatcher }) {
  const { config, logger } = deps
  // A pool of its own: under a burst of API writes, the projection and the attempts do not queue for
  // connections behind the very requests whose events they deliver.
  const prisma = createPrismaClient(deps.databaseUrl, WORK_POOL_SIZE)
  const log = logger.child({ source: 'webhooks' })
  const agent = createWebhookAgent({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE, timeoutMs: config.WEBHOOK_TIMEOUT_MS })
  const secrets = createSecretBox(config)
  const attemptPool = createSqlPool(deps.databaseUrl, log, ATTEMPT_POOL_SIZE)
  const engine = createDeliveryEngine({ prisma, pool: attemptPool, logger: log, bus: deps.bus, config, secrets, agent })
  const runtime: WebhookRuntime = { secrets, engine, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE }
  // The projection's transaction on a bare connection of its own (it runs for every public event).
  const projectionPool = createSqlPool(deps.databaseUrl, log, 2)
  // With no active endpoint (most installations), a pass is one statement that moves the cursor.
  const projection = createProjection({ pool: projectionPool, logger: log }, 'webhooks', createWebhookProjector({ prisma, onCommitted: engine.attemptNow }), {
    busyWhen: `EXISTS (SELECT 1 FROM "Webhook" WHERE "isActive")`,
  })
  const timers: NodeJS.Timeout[] = []
  let unsubscribe: (() => void) | undefined

  const sweep = () => void engine.sweep().catch((error) => log.warn({ err: (error as Error).message }, 'webhook sweep failed'))

  return {
    runtime,
    /** `relaysEvents`: whether this node relays the log now; only that node projects each event as it comes. */
    async start(relaysEvents: () => boolean = () => true) {
      if (config.WEBHOOK_ALLOW_PRIVATE) {
        log.warn('WEBHOOK_ALLOW_PRIVATE=true: webhooks may call private, loopback and link-local addresses (SSRF protection off)')
      }
      await projection.start()
      unsubscribe = deps.dispatcher.subscribe((event) => {
        if (relaysEvents() && webhookTypesOf(event).length) void projection.trigger()
      })
      // Every node, in case the relaying node died before projecting what it relayed.
      timers.push(setInterval(() => void projection.trigger(), 5_000), setInterval(sweep, SWEEP_INTERVAL_MS))
      void projection.trigger()
      sweep()
    },
    async stop() {
      unsubscribe?.()
      for (const timer of timers) clearInterval(timer)
      await projection.stop()
      await engine.stop()
      await agent.close()
      await prisma.$disconnect()
      await projectionPool.end()
      await attemptPool.end()
    },
  }
}
