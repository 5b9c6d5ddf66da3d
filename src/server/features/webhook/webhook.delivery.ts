import type pg from 'pg'
import type { Dispatcher } from 'undici'
import type { Config } from '../../config.ts'
import type { Prisma, PrismaClient } from '../../db/client.ts'
import type { Bus } from '../../infra/bus.ts'
import { addJobs } from '../../jobs/queue.ts'
import type { Logger } from '../../logger.ts'
import { notify } from '../notification/notification.projector.ts'
import { inTransaction, type SqlClient } from '../../db/sql.ts'
import type { Db } from '../scope.ts'
import type { SecretBox } from './webhook.secrets.ts'
import { sendWebhook, type SendOutcome } from './webhook.sender.ts'
import { messageId } from './webhook.signature.ts'

// The delivery outbox. A delivery row and its job are written in the transaction that decides the
// delivery (the projection of the event log, a replay, a retry), so a committed event is never lost
// whichever node dies when. An endpoint's new deliveries wait in one batch job (its array payload
// grows while it waits); the job sends them in chunks, each chunk claimed, sent concurrently and
// recorded in one transaction that holds its rows locked (FOR UPDATE SKIP LOCKED) from the claim
// until the outcomes are committed, so one node sends each attempt. A node that dies mid-attempt
// loses its connection and with it the locks, and the sweep of any node re-queues what is overdue.
// Attempts run for every delivery, so their transaction is plain SQL on bare connections (`pool`).

export const DELIVER_JOB = 'webhook.deliver'
/** Live updates of the delivery log: arrays of notices (ids only: the screen refetches what it shows). */
export const DELIVERIES_CHANNEL = 'webhook-deliveries'
/** A due delivery whose job has not run for this long lost it (to a dead node): the sweep re-queues it. */
const OVERDUE_MS = 10_000
/** Room for the database work around the HTTP calls, within the chunk's transaction. */
const TRANSACTION_MARGIN_MS = 30_000
/** Deliveries sent together (concurrently, so a chunk lasts at most one timeout) in one transaction. */
const CHUNK_SIZE = 50
const JITTER = 0.1
/**
 * A retry's own job may claim its attempt this early (the job's time and the row's come from
 * different clocks); a batch job claims only what is due, so a fallback job that runs before a
 * retry's time (Retry-After) does not send it early.
 */
const EARLY_MS = 1_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/**
 * How long the batch job of new deliveries waits before it sends what the committing node's
 * immediate attempts have not (the fallback): past it, a dead node's deliveries go out from another.
 */
export const IMMEDIATE_FALLBACK_MS = 2_000
/** Chunks a node attempts at once on its immediate path (the attempts' pool is shared with the job lane). */
const IMMEDIATE_CHUNKS = 4
/** New deliveries waiting for the immediate path, at most; past that, their jobs send them. */
const IMMEDIATE_MAX_WAITING = 20_000

export interface DeliveryEngineDeps {
  prisma: PrismaClient
  /** Bare connections for the attempts' transactions (as many as attempts may run at once). */
  pool: pg.Pool
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

/** A retry's own job (it runs at its own time). */
const retryKey = (deliveryId: string) => `webhook:${deliveryId}`
/** The batch job that holds an endpoint's waiting first attempts. */
const batchKey = (webhookId: string) => `webhook-batch:${webhookId}`

/** A change of the endpoint's state that attempts call for. */
type Turn =
  | { kind: 'disable'; webhook: { id: string; url: string }; reason: 'GONE' | 'FAILING' }
  | { kind: 'recovered'; webhook: { id: string; url: string } }
  | { kind: 'failing'; webhook: { id: string; url: string }; at: Date }

interface Claimed {
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
}

/**
 * Queues the first attempt of new deliveries: one batch job per endpoint (call in the transaction
 * that created them). `fallbackAfterMs`: the node that commits them attempts them at once itself
 * (`attemptNow`), so the job waits that long, as the fallback should that node fail or die first;
 * a batch job already waiting keeps its time (new items do not push it back).
 */
export function queueDeliveries(
  db: Db | SqlClient,
  deliveries: Array<{ id: string; webhookId: string }>,
  { fallbackAfterMs }: { fallbackAfterMs?: number } = {},
): Promise<void> {
  const runAt = fallbackAfterMs ? new Date(Date.now() + fallbackAfterMs) : undefined
  return addJobs(
    db,
    [...groupBy(deliveries, (delivery) => delivery.webhookId)].map(([webhookId, batch]) => ({
      name: DELIVER_JOB,
      payload: batch.map(({ id }) => ({ deliveryId: id })),
      options: { jobKey: batchKey(webhookId), maxAttempts: 3, runAt },
    })),
    { preserveRunAt: Boolean(fallbackAfterMs) },
  )
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
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
   * Locks the due attempts among these deliveries for this transaction, and reads their endpoint in
   * the same statement; those done, not due (`early`: due within EARLY_MS), or held by another node
   * are left out. Only delivery rows are locked. It goes with the transaction's BEGIN as one simple
   * query (one round trip before the requests go out, not two), so the ids are written into it:
   * each is checked to be a UUID first.
   */
  function claimStatement(deliveryIds: string[], early: boolean): string {
    const odd = deliveryIds.find((id) => !UUID.test(id))
    if (odd !== undefined) throw new Error(`Not a delivery id: ${JSON.stringify(odd).slice(0, 100)}`)
    return `SELECT d.id::text AS id, d."webhookId"::text AS "webhookId", d.step, d.payload,
             w.url, w."isActive", w.secret, w."previousSecret", w."previousSecretExpiresAt", w."failingSince"
      FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId"
      WHERE d.id = ANY('{${deliveryIds.join(',')}}'::uuid[])
        AND d.status IN ('PENDING', 'RETRYING')
        AND (d."nextRetryAt" IS NULL OR d."nextRetryAt" <= now() + interval '${early ? EARLY_MS : 0} milliseconds')
      ORDER BY d.id
      FOR UPDATE OF d SKIP LOCKED`
  }

  function signingSecrets(webhook: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }) {
    const secrets = [deps.secrets.open(webhook.secret)]
    if (webhook.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > new Date()) {
      secrets.push(deps.secrets.open(webhook.previousSecret))
    }
    return secrets
  }

  /**
   * Sends the due attempt of one delivery and records it. `retry: false` (test pings) makes a failure
   * final. Returns the outcome, or null when there was nothing for this node to send.
   */
  async function attempt(deliveryId: string, options: { retry?: boolean } = {}): Promise<SendOutcome | null> {
    const [outcome] = await attemptChunk([deliveryId], options.retry ?? true, true)
    return outcome ?? null
  }

  /**
   * Sends the due attempts of these deliveries, a chunk at a time. Those already done (most often
   * by `attemptNow`, when this is their fallback job) are left out first, in one statement.
   */
  async function attemptMany(deliveryIds: string[], { early = false }: { early?: boolean } = {}): Promise<void> {
    const { rows } = await deps.pool.query<{ id: string }>(
      `SELECT id::text AS id FROM "WebhookDelivery" WHERE id = ANY($1::uuid[]) AND status IN ('PENDING', 'RETRYING') ORDER BY id`,
      [deliveryIds],
    )
    const open = rows.map((row) => row.id)
    for (let start = 0; start < open.length; start += CHUNK_SIZE) {
      await attemptChunk(open.slice(start, start + CHUNK_SIZE), true, early)
    }
  }

  // The immediate path: deliveries this node has just committed, attempted in this process without
  // waiting for the queue. Their batch job waits meanwhile (`queueDeliveries`' fallbackAfterMs) and
  // runs later as the fallback: the row locks of the claim and the status it checks make each
  // attempt go out once, whoever claims it first; what this node does not get to (stopped, dead,
  // failed, too much waiting here) the job or the sweep sends.
  const waiting: string[] = []
  const draining = new Set<Promise<void>>()
  let stopping = false

  /** Attempts these new deliveries now, in this process (a few chunks at once); never throws. */
  function attemptNow(deliveryIds: string[]) {
    if (stopping) return
    const room = IMMEDIATE_MAX_WAITING - waiting.length
    if (room <= 0) return
    waiting.push(...deliveryIds.slice(0, room))
    while (draining.size < IMMEDIATE_CHUNKS && waiting.length > 0) {
      const drain = drainWaiting().finally(() => draining.delete(drain))
      draining.add(drain)
    }
  }

  async function drainWaiting() {
    while (!stopping && waiting.length > 0) {
      const chunk = waiting.splice(0, CHUNK_SIZE)
      await attemptChunk(chunk, true, false).catch((error) =>
        logger.warn({ err: (error as Error).message, count: chunk.length }, 'immediate webhook attempts failed; their job will send them'),
      )
    }
  }

  /** Stops the immediate path and waits for its attempts in flight (what still waits is left to the jobs). */
  async function stop() {
    stopping = true
    waiting.length = 0
    await Promise.all(draining)
  }

  /** One transaction: claim, send concurrently, record every outcome; then the endpoints' turns and the notices. */
  async function attemptChunk(deliveryIds: string[], retry: boolean, early: boolean): Promise<SendOutcome[]> {
    const notices: DeliveryNotice[] = []
    let turns: Turn[] = []
    const outcomes = await inTransaction(
      deps.pool,
      async (sql, claimed: Claimed[]) => {
        const inactive = claimed.filter((row) => !row.isActive)
        if (inactive.length) {
          await sql.query(
            `UPDATE "WebhookDelivery" SET status = 'FAILED', error = 'The endpoint is disabled', "nextRetryAt" = NULL, "updatedAt" = now() WHERE id = ANY($1::uuid[])`,
            [inactive.map((row) => row.id)],
          )
          notices.push(...inactive.map((row) => ({ webhookId: row.webhookId, deliveryId: row.id, status: 'FAILED' })))
        }
        const active = claimed.filter((row) => row.isActive)
        if (active.length === 0) return []
        // An endpoint's secrets are opened once per chunk.
        const secretsOf = new Map<string, string[]>()
        const sent = await Promise.all(
          active.map((row) => {
            if (!secretsOf.has(row.webhookId)) secretsOf.set(row.webhookId, signingSecrets(row))
            return sendWebhook({
              url: row.url,
              id: messageId(row.id),
              body: JSON.stringify(row.payload),
              secrets: secretsOf.get(row.webhookId)!,
              agent: deps.agent,
              timeoutMs: config.WEBHOOK_TIMEOUT_MS,
            })
          }),
        )
        const recorded = await record(sql, active.map((row, index) => ({ claimed: row, outcome: sent[index] })), retry)
        notices.push(...recorded.notices)
        turns = recorded.turns
        return sent
      },
      // The connection waits idle in the transaction while the requests are out: a node that hangs
      // then loses its transaction, and with it the rows' locks.
      // The claim goes with BEGIN: one round trip before the requests go out.
      { settings: `SET LOCAL idle_in_transaction_session_timeout = ${config.WEBHOOK_TIMEOUT_MS + TRANSACTION_MARGIN_MS}; ${claimStatement(deliveryIds, early)}` },
    )
    for (const turn of turns) await applyTurn(turn)
    if (notices.length) await announce(notices)
    return outcomes
  }

  /**
   * The endpoint's own state after an attempt (failing since, switched off), in a transaction of its
   * own once the attempt is committed: the attempt's transaction locks only its delivery rows, so it
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

  /**
   * Records a chunk's outcomes: every delivery row and its attempt in one statement, the retries'
   * jobs in another; and says which endpoints turn (first failure, first success after failures,
   * 410 Gone, failing too long), so the endpoint rows are rarely written.
   */
  async function record(
    sql: SqlClient,
    entries: Array<{ claimed: Claimed; outcome: SendOutcome }>,
    retry: boolean,
  ): Promise<{ notices: DeliveryNotice[]; turns: Turn[] }> {
    const now = new Date()
    const rows = entries.map(({ claimed, outcome }) => {
      const gone = outcome.statusCode === 410
      const step = outcome.ok ? claimed.step : claimed.step + 1
      const scheduled = outcome.ok || gone || !retry ? null : retryDelayMs(config.WEBHOOK_RETRY_SCHEDULE, step)
      const delay = scheduled === null ? null : Math.max(scheduled, outcome.retryAfterMs ?? 0)
      const nextRetryAt = delay === null ? null : new Date(now.getTime() + delay)
      return {
        id: claimed.id,
        status: outcome.ok ? 'SUCCEEDED' : nextRetryAt ? 'RETRYING' : 'FAILED',
        step,
        responseCode: outcome.statusCode ?? null,
        responseBody: outcome.responseExcerpt ?? null,
        durationMs: outcome.durationMs,
        error: outcome.error ?? null,
        nextRetryAt,
        delivered: outcome.ok,
      }
    })
    await sql.query(
      `WITH input AS (
        SELECT * FROM json_to_recordset($1::json) AS i(
          id uuid, status text, step int, "responseCode" int, "responseBody" text, "durationMs" int,
          error text, "nextRetryAt" timestamptz, delivered boolean)
      ), updated AS (
        UPDATE "WebhookDelivery" d SET
          status = i.status::"WebhookDeliveryStatus", attempt = d.attempt + 1, step = i.step,
          "responseCode" = i."responseCode", "responseBody" = i."responseBody", "durationMs" = i."durationMs",
          error = i.error, "nextRetryAt" = i."nextRetryAt",
          "deliveredAt" = CASE WHEN i.delivered THEN now() ELSE d."deliveredAt" END,
          "updatedAt" = now()
        FROM input i WHERE d.id = i.id
        RETURNING d.id, d.attempt
      )
      INSERT INTO "WebhookAttempt" ("deliveryId", attempt, "responseCode", "responseBody", "durationMs", error, "nodeId")
      SELECT u.id, u.attempt, i."responseCode", i."responseBody", i."durationMs", i.error, $2
      FROM updated u JOIN input i ON i.id = u.id`,
      [JSON.stringify(rows), config.nodeId],
    )
    await addJobs(
      sql,
      rows.flatMap(({ id, nextRetryAt }) =>
        nextRetryAt ? [{ name: DELIVER_JOB, payload: { deliveryId: id }, options: { runAt: nextRetryAt, jobKey: retryKey(id), maxAttempts: 3 } }] : [],
      ),
    )

    const turns: Turn[] = []
    for (const [id, group] of groupBy(entries, (entry) => entry.claimed.webhookId)) {
      const { url, failingSince } = group[0].claimed
      const webhook = { id, url }
      const anyOk = group.some(({ outcome }) => outcome.ok)
      const anyFailed = group.some(({ outcome }) => !outcome.ok)
      const gone = group.some(({ outcome }) => outcome.statusCode === 410)
      const failingTooLong = anyFailed && now.getTime() - (failingSince ?? now).getTime() >= config.WEBHOOK_DISABLE_AFTER_SECONDS * 1000
      if (gone || failingTooLong) turns.push({ kind: 'disable', webhook, reason: gone ? 'GONE' : 'FAILING' })
      else if (anyOk && failingSince) turns.push({ kind: 'recovered', webhook })
      else if (anyFailed && !anyOk && !failingSince) turns.push({ kind: 'failing', webhook, at: now })
    }
    return {
      notices: rows.map((row, index) => ({ webhookId: entries[index].claimed.webhookId, deliveryId: row.id, status: row.status })),
      turns,
    }
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

  /** One message for a chunk's notices, to every node's subscribers. */
  async function announce(notices: DeliveryNotice[]) {
    await deps.bus.publish(DELIVERIES_CHANNEL, notices).catch((error) => logger.warn({ err: (error as Error).message }, 'delivery notice not published'))
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
      const overdue = await tx.$queryRaw<Array<{ id: string; webhookId: string }>>`
        SELECT d.id, d."webhookId" FROM "WebhookDelivery" d
        WHERE d.status IN ('PENDING', 'RETRYING')
          AND COALESCE(d."nextRetryAt", d."createdAt") < now() - ${OVERDUE_MS} * interval '1 millisecond'
          AND NOT EXISTS (
            SELECT 1 FROM graphile_worker._private_jobs j
            WHERE j.is_available
              AND (j.key = 'webhook:' || d.id::text
                OR (j.key = 'webhook-batch:' || d."webhookId"::text
                  AND j.payload::jsonb @> jsonb_build_array(jsonb_build_object('deliveryId', d.id::text))))
          )
        ORDER BY COALESCE(d."nextRetryAt", d."createdAt")
        LIMIT 1000
        FOR UPDATE OF d SKIP LOCKED`
      await queueDeliveries(tx, overdue)
      if (overdue.length) logger.info({ count: overdue.length }, 'overdue webhook deliveries re-queued')
      return overdue.length
    })
  }

  return { attempt, attemptMany, attemptNow, sweep, stop }
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>
