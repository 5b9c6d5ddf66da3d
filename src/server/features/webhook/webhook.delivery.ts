import type { Dispatcher } from 'undici'
import type { Config } from '../../config.ts'
import type { Prisma, PrismaClient } from '../../db/client.ts'
import type { Bus } from '../../infra/bus.ts'
import { addJob, addJobs } from '../../jobs/queue.ts'
import type { Logger } from '../../logger.ts'
import { notify } from '../notification/notification.projector.ts'
import type { Db } from '../scope.ts'
import type { SecretBox } from './webhook.secrets.ts'
import { sendWebhook, type SendOutcome } from './webhook.sender.ts'
import { messageId } from './webhook.signature.ts'

// The delivery outbox. A delivery row and its job are written in the transaction that decides the
// delivery (the projection of the event log, a replay, a retry), so a committed event is never lost
// whichever node dies when. Each attempt holds its row locked (FOR UPDATE SKIP LOCKED) from the
// claim until its outcome is committed, so one node sends it; a node that dies mid-attempt loses its
// connection and with it the lock, and the sweep of any node re-queues what is overdue.

export const DELIVER_JOB = 'webhook.deliver'
/** Live updates of the delivery log (ids only: the screen refetches what it shows). */
export const DELIVERIES_CHANNEL = 'webhook-deliveries'
/** A due delivery whose job has not run for this long lost it (to a dead node): the sweep re-queues it. */
const OVERDUE_MS = 10_000
/** Room for the database work around the HTTP call, within the attempt's transaction. */
const TRANSACTION_MARGIN_MS = 30_000
const JITTER = 0.1

export interface DeliveryEngineDeps {
  prisma: PrismaClient
  logger: Logger
  bus: Bus
  config: Pick<Config, 'WEBHOOK_RETRY_SCHEDULE' | 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_DISABLE_AFTER_SECONDS' | 'nodeId'>
  secrets: SecretBox
  agent: Dispatcher
}

export interface DeliveryNotice {
  webhookId: string
  deliveryId: string
  status: string
}

const jobKey = (deliveryId: string) => `webhook:${deliveryId}`

/** A change of the endpoint's state that an attempt calls for. */
type Turn =
  | { kind: 'disable'; webhook: { id: string; url: string }; reason: 'GONE' | 'FAILING' }
  | { kind: 'recovered'; webhook: { id: string; url: string } }
  | { kind: 'failing'; webhook: { id: string; url: string }; at: Date }

/** Queues the first attempt of new deliveries (call in the transaction that created them). */
export function queueDeliveries(db: Db, deliveryIds: string[]): Promise<void> {
  return addJobs(
    db,
    deliveryIds.map((deliveryId) => ({ name: DELIVER_JOB, payload: { deliveryId }, options: { jobKey: jobKey(deliveryId), maxAttempts: 3 } })),
  )
}

/** The delay before retry number `step` (1-based), with ±10 % jitter, or null when the schedule is over. */
export function retryDelayMs(schedule: number[], step: number, random = Math.random): number | null {
  const base = schedule[step - 1]
  if (base === undefined) return null
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()))
}

export function createDeliveryEngine(deps: DeliveryEngineDeps) {
  const { prisma, config, logger } = deps

  /**
   * Locks the due attempt of a delivery for this transaction, and reads its endpoint in the same
   * statement; or null (done, not due, or another node has it). Only the delivery row is locked.
   */
  async function claim(tx: Prisma.TransactionClient, deliveryId: string) {
    const rows = await tx.$queryRaw<
      Array<{
        id: string
        webhookId: string
        step: number
        payload: unknown
        url: string
        isActive: boolean
        secret: string
        previousSecret: string | null
        previousSecretExpiresAt: Date | null
        failingSince: Date | null
      }>
    >`
      SELECT d.id, d."webhookId", d.step, d.payload,
             w.url, w."isActive", w.secret, w."previousSecret", w."previousSecretExpiresAt", w."failingSince"
      FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId"
      WHERE d.id = ${deliveryId}::uuid
        AND d.status IN ('PENDING', 'RETRYING')
        AND (d."nextRetryAt" IS NULL OR d."nextRetryAt" <= now() + interval '1 second')
      FOR UPDATE OF d SKIP LOCKED`
    return rows[0] ?? null
  }

  function signingSecrets(webhook: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }) {
    const secrets = [deps.secrets.open(webhook.secret)]
    if (webhook.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > new Date()) {
      secrets.push(deps.secrets.open(webhook.previousSecret))
    }
    return secrets
  }

  /**
   * Sends the due attempt of a delivery and records it, in one transaction that keeps the row locked
   * throughout. `retry: false` (test pings) makes a failure final. Returns the outcome, or null when
   * there was nothing for this node to send.
   */
  async function attempt(deliveryId: string, options: { retry?: boolean } = {}): Promise<SendOutcome | null> {
    let notice: DeliveryNotice | undefined
    let turn: Turn | null = null
    const outcome = await prisma.$transaction(
      async (tx) => {
        const claimed = await claim(tx, deliveryId)
        if (!claimed) return null
        const webhook = { ...claimed, id: claimed.webhookId }
        if (!webhook.isActive) {
          await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'FAILED', error: 'The endpoint is disabled', nextRetryAt: null } })
          notice = { webhookId: claimed.webhookId, deliveryId, status: 'FAILED' }
          return null
        }
        const sent = await sendWebhook({
          url: webhook.url,
          id: messageId(deliveryId),
          body: JSON.stringify(claimed.payload),
          secrets: signingSecrets(webhook),
          agent: deps.agent,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        })
        const recorded = await record(tx, webhook, claimed, sent, options.retry ?? true)
        notice = { webhookId: webhook.id, deliveryId, status: recorded.status }
        turn = recorded.turn
        return sent
      },
      { timeout: config.WEBHOOK_TIMEOUT_MS + TRANSACTION_MARGIN_MS },
    )
    if (turn) await applyTurn(turn)
    if (notice) await announce(notice)
    return outcome
  }

  /**
   * The endpoint's own state after an attempt (failing since, switched off), in a transaction of its
   * own once the attempt is committed: the attempt's transaction locks only its delivery row, so it
   * can never deadlock with a deletion of the endpoint (which locks the endpoint, then its deliveries).
   */
  async function applyTurn(turn: Turn) {
    try {
      await prisma.$transaction(async (tx) => {
        if (turn.kind === 'disable') await disable(tx, turn.webhook, turn.reason)
        else if (turn.kind === 'recovered') await tx.webhook.updateMany({ where: { id: turn.webhook.id }, data: { failingSince: null } })
        else await tx.webhook.updateMany({ where: { id: turn.webhook.id, failingSince: null }, data: { failingSince: turn.at } })
      })
    } catch (error) {
      logger.warn({ err: (error as Error).message, webhookId: turn.webhook.id }, 'webhook endpoint state not updated')
    }
  }

  async function record(
    tx: Prisma.TransactionClient,
    webhook: { id: string; url: string; failingSince: Date | null },
    claimed: { id: string; step: number },
    outcome: SendOutcome,
    retry: boolean,
  ): Promise<{ status: string; turn: Turn | null }> {
    const now = new Date()
    const gone = outcome.statusCode === 410
    const step = outcome.ok ? claimed.step : claimed.step + 1
    const scheduled = outcome.ok || gone || !retry ? null : retryDelayMs(config.WEBHOOK_RETRY_SCHEDULE, step)
    const delay = scheduled === null ? null : Math.max(scheduled, outcome.retryAfterMs ?? 0)
    const nextRetryAt = delay === null ? null : new Date(now.getTime() + delay)
    const status = outcome.ok ? 'SUCCEEDED' : nextRetryAt ? 'RETRYING' : 'FAILED'
    const failingSince = webhook.failingSince ?? now
    const failingTooLong = !outcome.ok && now.getTime() - failingSince.getTime() >= config.WEBHOOK_DISABLE_AFTER_SECONDS * 1000

    const updated = await tx.webhookDelivery.update({
      where: { id: claimed.id },
      data: {
        status,
        attempt: { increment: 1 },
        step,
        responseCode: outcome.statusCode,
        responseBody: outcome.responseExcerpt,
        durationMs: outcome.durationMs,
        error: outcome.error,
        nextRetryAt,
        deliveredAt: outcome.ok ? now : undefined,
      },
      select: { attempt: true },
    })
    await tx.webhookAttempt.create({
      data: {
        deliveryId: claimed.id,
        attempt: updated.attempt,
        responseCode: outcome.statusCode,
        responseBody: outcome.responseExcerpt,
        durationMs: outcome.durationMs,
        error: outcome.error,
        nodeId: config.nodeId,
      },
    })
    if (nextRetryAt) {
      await addJob(tx, DELIVER_JOB, { deliveryId: claimed.id }, { runAt: nextRetryAt, jobKey: jobKey(claimed.id), maxAttempts: 3 })
    }
    // Only at the turns (first failure, first success after failures), so the endpoint row is rarely written.
    let turn: Turn | null = null
    if (gone || failingTooLong) turn = { kind: 'disable', webhook, reason: gone ? 'GONE' : 'FAILING' }
    else if (outcome.ok && webhook.failingSince) turn = { kind: 'recovered', webhook }
    else if (!outcome.ok && !webhook.failingSince) turn = { kind: 'failing', webhook, at: now }
    return { status, turn }
  }

  /** Switches an endpoint off by itself and tells every active admin why. */
  async function disable(tx: Prisma.TransactionClient, webhook: { id: string; url: string }, reason: 'GONE' | 'FAILING') {
    const { count } = await tx.webhook.updateMany({ where: { id: webhook.id, isActive: true }, data: { isActive: false, disabledReason: reason } })
    if (count === 0) return
    logger.warn({ webhookId: webhook.id, reason }, 'webhook endpoint disabled')
    const admins = await tx.user.findMany({ where: { role: 'ADMIN', isActive: true }, select: { id: true } })
    await notify(tx, [{
      type: 'WEBHOOK_DISABLED',
      recipientIds: admins.map((admin) => admin.id),
      link: `/webhooks?webhook=${webhook.id}`,
      params: { url: webhook.url, reason },
      eventId: null,
      actorId: null,
    }])
  }

  async function announce(notice: DeliveryNotice) {
    await deps.bus.publish(DELIVERIES_CHANNEL, notice).catch((error) => logger.warn({ err: (error as Error).message }, 'delivery notice not published'))
  }

  /**
   * Re-queues deliveries that are due and unlocked but have waited past their time with no job
   * waiting to run them: their job died with a node (graphile-worker keeps a crashed worker's lock for
   * hours) or ran out of attempts. A delivery whose job is still queued is left alone — in a backlog,
   * re-queueing those would only churn the queue and make running attempts skip their row. A job that
   * still exists is replaced, and the row lock of the attempt makes sure each attempt is sent once.
   */
  async function sweep(): Promise<number> {
    return prisma.$transaction(async (tx) => {
      const overdue = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT d.id FROM "WebhookDelivery" d
        WHERE d.status IN ('PENDING', 'RETRYING')
          AND COALESCE(d."nextRetryAt", d."createdAt") < now() - ${OVERDUE_MS} * interval '1 millisecond'
          AND NOT EXISTS (
            SELECT 1 FROM graphile_worker._private_jobs j
            WHERE j.key = 'webhook:' || d.id::text AND j.is_available
          )
        ORDER BY COALESCE(d."nextRetryAt", d."createdAt")
        LIMIT 1000
        FOR UPDATE OF d SKIP LOCKED`
      await queueDeliveries(tx, overdue.map((row) => row.id))
      if (overdue.length) logger.info({ count: overdue.length }, 'overdue webhook deliveries re-queued')
      return overdue.length
    })
  }

  return { attempt, sweep, announce }
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>
