import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type CronItem,
  type JobHelpers,
  type Runner,
  type TaskList,
} from 'graphile-worker'
import pg from 'pg'
import { newCorrelationId, withCorrelationId } from '../correlation.ts'
import type { Db } from '../features/scope.ts'
import { sqlOf, type SqlClient } from '../db/sql.ts'
import { reportError } from '../observability.ts'
import type { Logger } from '../logger.ts'

// The one PostgreSQL job queue (graphile-worker) for background work that must run once across
// nodes: webhook deliveries, imports, exports, backups, schedules. Jobs are rows in the
// `graphile_worker` schema; every node runs a worker, and PostgreSQL hands each job to exactly one
// of them (LISTEN/NOTIFY wakes them within milliseconds; failures retry with exponential backoff).

export type JobPayload = Record<string, unknown>

export interface JobContext {
  jobId: string
  /** 1 on the first run, then 2, 3… on retries. */
  attempt: number
  maxAttempts: number
  logger: Logger
  /** Aborted when the node shuts down: long jobs should stop and let another node retry them. */
  signal: AbortSignal
}

/** A job's work. Throwing makes graphile-worker retry it later (until `maxAttempts`). */
export type JobHandler = (payload: JobPayload, context: JobContext) => Promise<void>

export interface JobOptions {
  /** Not before this time. */
  runAt?: Date
  /** At most one pending job with this key: adding again replaces the pending one. */
  jobKey?: string
  /** Defaults to 25 (graphile-worker's default). */
  maxAttempts?: number
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string
  /** Lower runs first (default 0). */
  priority?: number
}

export interface JobQueue {
  /**
   * Adds a job as part of the caller's transaction: the job exists exactly when the write that asked
   * for it commits (no lost job if the node dies right after the commit, no job for a rolled-back write).
   */
  add(db: Db, name: string, payload: JobPayload, options?: JobOptions): Promise<string>
  stop(): Promise<void>
}

export interface JobQueueOptions {
  databaseUrl: string
  logger: Logger
  tasks: Record<string, JobHandler>
  /** Recurring jobs (crontab lines: `m h dom mon dow task ?opts payload`), fired once across nodes. */
  crontab?: CronItem[]
  /** Jobs run at once on this node. */
  concurrency?: number
  /** Fallback poll when a NOTIFY was missed (LISTEN wakes the workers first). */
  pollIntervalMs?: number
  /**
   * Tasks run by workers of their own, with their own concurrency: many short jobs that wait on the
   * network (webhook attempts) neither queue behind long ones (imports, backups) nor hold them up.
   */
  lanes?: Array<{ tasks: string[]; concurrency: number }>
}

/** Creates or upgrades the queue's tables (the `graphile_worker` schema); idempotent, lock-protected. */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: silentLogger })
}

/** Adds a job in the caller's transaction; usable without a running worker (tests, CLIs). */
export async function addJob(db: Db, name: string, payload: JobPayload, options: JobOptions = {}): Promise<string> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM graphile_worker.add_job(
      identifier => ${name},
      payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text,
      priority => ${options.priority ?? null}::int
    )`
  return rows[0].id
}

/**
 * Adds many jobs in one statement, in the caller's transaction (same guarantees as `addJob`). A job
 * whose payload is an array is a batch job: added under the key of a job still waiting, its items
 * join that job's (graphile-worker merges the arrays) instead of replacing them. One key per call.
 */
export async function addJobs(
  db: Db | SqlClient,
  jobs: Array<{ name: string; payload: JobPayload | JobPayload[]; options?: JobOptions }>,
  /** A job still waiting under the same key keeps its time (instead of taking the new one's). */
  { preserveRunAt = false }: { preserveRunAt?: boolean } = {},
): Promise<void> {
  if (jobs.length === 0) return
  let specs = jobs.map(({ name, payload, options = {} }) => ({
    identifier: name,
    payload,
    queue_name: options.queueName ?? null,
    run_at: options.runAt?.toISOString() ?? null,
    max_attempts: options.maxAttempts ?? null,
    job_key: options.jobKey ?? null,
    priority: options.priority ?? null,
  }))
  const sql = sqlOf(db)
  for (let attempt = 1; specs.length > 0; attempt++) {
    const { rows } = await sql.query(
      `SELECT key FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW(s.identifier, s.payload, s.queue_name, s.run_at, s.max_attempts::smallint, s.job_key, s.priority::smallint, NULL::text[])::graphile_worker.job_spec
        FROM json_to_recordset($1::json)
          AS s(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text, priority int)
      ), $2::boolean)`,
      [JSON.stringify(specs), preserveRunAt],
    )
    // A keyed job that a worker locks between add_jobs' two statements (it unkeys the locked ones,
    // then inserts or merges into the waiting ones) is neither merged into nor replaced: add_jobs
    // returns no row for it. Added again, it becomes a new job beside the running one.
    const added = new Set((rows as Array<{ key: string | null }>).map((row) => row.key))
    specs = specs.filter((spec) => spec.job_key !== null && !added.has(spec.job_key))
    if (specs.length > 0 && attempt === 5) throw new Error(`jobs not added after ${attempt} attempts: ${specs.map((spec) => spec.job_key).join(', ')}`)
  }
}

const QUEUE_POOL_SIZE = 10

/** Starts this node's worker. Stop it before closing the database. */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { logger } = options
  const controller = new AbortController()
  const taskList: TaskList = {}
  for (const [name, handler] of Object.entries(options.tasks)) {
    taskList[name] = async (payload: unknown, helpers: JobHelpers) => {
      const { job } = helpers
      const context: JobContext = {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        logger: logger.child({ job: name, jobId: job.id, attempt: job.attempts }),
        signal: controller.signal,
      }
      // One correlation id per run: its log lines and its Sentry event carry it.
      await withCorrelationId(newCorrelationId(), async () => {
        try {
          await handler((payload ?? {}) as JobPayload, context)
        } catch (error) {
          context.logger.error({ err: error }, 'job failed')
          reportError(error, { source: `job:${name}`, jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts })
          throw error
        }
      })
    }
  }
  const lanes = options.lanes ?? []
  const inLane = new Set(lanes.flatMap((lane) => lane.tasks))
  const pick = (names: (name: string) => boolean): TaskList => Object.fromEntries(Object.entries(taskList).filter(([name]) => names(name)))
  // One pool for every runner of this node (each holds one connection for LISTEN; jobs use the
  // app's own clients): a node asks PostgreSQL for at most this many connections for its queue.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: QUEUE_POOL_SIZE })
  pool.on('error', (error) => logger.warn({ err: error.message, source: 'job-queue' }, 'job queue connection lost'))
  const common = { pgPool: pool, pollInterval: options.pollIntervalMs ?? 2_000, noHandleSignals: true, logger: workerLogger(logger) }
  // Each runner fetches only the jobs of the tasks it knows.
  const runners: Runner[] = [
    await run({ ...common, taskList: pick((name) => !inLane.has(name)), parsedCronItems: parseCronItems(options.crontab ?? []), concurrency: options.concurrency ?? 4 }),
  ]
  for (const lane of lanes) {
    const tasks = pick((name) => lane.tasks.includes(name))
    if (Object.keys(tasks).length) runners.push(await run({ ...common, taskList: tasks, parsedCronItems: [], concurrency: lane.concurrency }))
  }
  let stopping: Promise<void> | undefined
  return {
    add: addJob,
    stop() {
      stopping ??= (async () => {
        controller.abort()
        await Promise.all(runners.map((runner) => runner.stop()))
        await pool.end()
      })()
      return stopping
    },
  }
}

const silentLogger = new WorkerLogger(() => () => undefined)

/** graphile-worker's log lines through the server's pino logger (its debug chatter at debug level). */
function workerLogger(logger: Logger): WorkerLogger {
  const child = logger.child({ source: 'job-queue' })
  return new WorkerLogger(() => (level, message, meta) => {
    const fields = meta && typeof meta === 'object' ? { ...meta } : {}
    if (level === 'error') child.error(fields, message)
    else if (level === 'warning') child.warn(fields, message)
    else if (level === 'info') child.debug(fields, message)
    else child.trace(fields, message)
  })
}
