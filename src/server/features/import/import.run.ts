import type { ImportCounts, ImportMapping, ImportProgress, DuplicatePolicy } from '../../../shared/schemas/import.ts'
import type pg from 'pg'
import { invalidatingLike } from '../../cache/invalidation.ts'
import type { PrismaClient } from '../../db/client.ts'
import { inTransaction, jsonParameter, utc, type SqlClient } from '../../db/sql.ts'
import { DomainError } from '../../errors.ts'
import { appendEvent, appendStagedEvents } from '../../events/event-log.ts'
import type { Logger } from '../../logger.ts'
import { notify } from '../notification/notification.projector.ts'
import { readImportFile } from './import-file.ts'
import { planImport } from './import-plan.ts'
import { planUnits, writePlan } from './import-writer.ts'
import { summaryTexts } from './import.messages.ts'
import { storedFile } from './import.service.ts'

// The background run of an import (job `imports.run`, once across nodes): one transaction for the
// whole file, so a failure or a cancellation at any row leaves the database as it was. That
// transaction runs as plain SQL on a bare `pg` connection (`sqlPool`): through Prisma, its statements
// cost several times the CPU. Progress is written outside it, through Prisma (on the import row and as
// `import.progress` events in the log), so every tab on every node sees it live, and a page opened
// later reads it from the row.

const PROGRESS_INTERVAL_MS = 500

export class ImportCancelled extends Error {}

interface RunDeps {
  prisma: PrismaClient
  /** The small pool of bare connections the run's transaction takes one of (db/sql.ts). */
  sqlPool: pg.Pool
  logger: Logger
}

export async function runImport(deps: RunDeps, importId: string, signal: AbortSignal): Promise<void> {
  const { prisma } = deps
  // RUNNING too: a node that died mid-run rolled its transaction back; the retry starts over.
  const claimed = await prisma.import.updateMany({ where: { id: importId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'RUNNING', startedAt: new Date(), rowsDone: 0 } })
  if (claimed.count === 0) return // cancelled while queued, or finished already
  // Neither the file nor the dry run's problems (up to one per row): the run makes its own.
  const row = await prisma.import.findUniqueOrThrow({
    where: { id: importId },
    select: { id: true, teamId: true, createdById: true, fileName: true, sheet: true, totalRows: true, mapping: true, duplicatePolicy: true },
  })
  const reporter = progressReporter(prisma, row, deps.logger)
  await reporter.report(0)

  try {
    await invalidatingLike(prisma, () => inTransaction(deps.sqlPool, async (client) => {
      const plan = await planStoredFile(client, deps.sqlPool, row)
      // The run's problems are staged now, in its transaction, and let go of: up to one per row,
      // they would be held through the writes and serialised whole at the end.
      await stageProblems(client, plan.problems)
      plan.problems = []
      const units = Math.max(planUnits(plan), 1)
      await writePlan(client, plan, {
        importId,
        teamId: row.teamId,
        actorId: row.createdById,
        progress: async (unitsDone) => {
          if (signal.aborted) throw new Error('node shutting down')
          if (reporter.cancelRequested) throw new ImportCancelled()
          // Rows of the file, in proportion of the work done (rows with errors count as done).
          reporter.reportSoon(Math.min(row.totalRows, Math.round((row.totalRows * unitsDone) / units)))
        },
      })
      // No report may land after the outcome; a cancellation asked for until now is honoured.
      await reporter.stop()
      if (await cancelRequested(prisma, importId)) throw new ImportCancelled()
      // The outcome's event comes first in the log (lower id), so the importer's tab hears "done"
      // before the relay works through the records' events; one commit makes them all visible.
      await finish(client, row, 'SUCCEEDED', { counts: plan.counts, stagedProblems: true })
      await appendStagedEvents(client)
    }))
  } catch (error) {
    await reporter.stop()
    if (signal.aborted && !(error instanceof ImportCancelled)) throw error // another node retries
    const cancelled = error instanceof ImportCancelled
    if (!cancelled) deps.logger.warn({ err: error, importId }, 'import failed; nothing was written')
    await invalidatingLike(prisma, () =>
      inTransaction(deps.sqlPool, (client) =>
        finish(client, row, cancelled ? 'CANCELLED' : 'FAILED', {
          failureMessage: cancelled ? null : error instanceof DomainError ? error.message : 'Unexpected error while writing the records',
        }),
      ),
    )
  }
}

/** Problems staged per statement: one JSON text of 100,000 of them is ~15 MB, twice that with a `€`. */
const PROBLEMS_PER_STATEMENT = 10_000

/**
 * The run's problems, staged in a temporary table of its transaction a slice at a time (`finish`
 * copies them onto the import row): not on that row now, whose lock the run would then hold until it
 * commits, and the progress reports and a cancellation need it meanwhile.
 */
async function stageProblems(sql: SqlClient, problems: unknown[]): Promise<void> {
  await sql.query(`CREATE TEMP TABLE run_import_problems (seq bigserial, problem jsonb) ON COMMIT DROP`)
  for (let start = 0; start < problems.length; start += PROBLEMS_PER_STATEMENT) {
    await sql.query(`INSERT INTO run_import_problems (problem) SELECT p.value::jsonb FROM json_array_elements($1::json) WITH ORDINALITY AS p ORDER BY p.ordinality`, [
      jsonParameter(sql, problems.slice(start, start + PROBLEMS_PER_STATEMENT)),
    ])
  }
}

/**
 * The plan of the stored upload, each row validated as it is read (the file's cells are never all in
 * memory); the file itself is let go of when this returns, before the writes.
 */
async function planStoredFile(client: SqlClient, pool: pg.Pool, row: { id: string; teamId: string; sheet: string | null; mapping: unknown; duplicatePolicy: string }) {
  const { fileName, data } = await storedFile(pool, row.id)
  const { plan } = await planImport(client, (rows) => readImportFile(fileName, data, row.sheet, rows), {
    teamId: row.teamId,
    mapping: () => row.mapping as ImportMapping,
    policy: row.duplicatePolicy as DuplicatePolicy,
  })
  return plan
}

/**
 * Live progress beside the import's transaction, never in its way: the writer hands over its count
 * between chunks without waiting; at most one report is in flight and at most one is sent per
 * interval, each on the import row and as an `import.progress` event. Each report also reads
 * whether a cancellation was asked for, which the writer then checks without a round trip.
 */
function progressReporter(prisma: PrismaClient, row: { id: string; teamId: string; createdById: string | null; totalRows: number }, logger: Logger) {
  const started = Date.now()
  let lastSent = 0
  let inFlight: Promise<void> | undefined
  let stopped = false
  let cancelled = false
  async function report(rowsDone: number) {
    lastSent = Date.now()
    const seconds = Math.max((Date.now() - started) / 1000, 0.001)
    const rowsPerSecond = Math.round(rowsDone / seconds)
    const update: ImportProgress = {
      importId: row.id,
      status: 'RUNNING',
      rowsDone,
      totalRows: row.totalRows,
      rowsPerSecond,
      secondsLeft: rowsPerSecond > 0 ? Math.ceil((row.totalRows - rowsDone) / rowsPerSecond) : null,
    }
    await prisma.$transaction(async (tx) => {
      // `select`: an update returns the whole row by default, and the row holds the uploaded file.
      const current = await tx.import.update({ where: { id: row.id }, data: { rowsDone }, select: { cancelRequested: true } })
      cancelled ||= current.cancelRequested
      await appendEvent(tx, { type: 'import.progress', entity: 'import', entityId: row.id, teamId: row.teamId, actorId: row.createdById, payload: { ...update } })
    })
  }
  return {
    report,
    get cancelRequested() {
      return cancelled
    },
    reportSoon(rowsDone: number) {
      if (stopped || inFlight || Date.now() - lastSent < PROGRESS_INTERVAL_MS) return
      inFlight = report(rowsDone)
        .catch((error) => logger.warn({ err: (error as Error).message, importId: row.id }, 'import progress not reported'))
        .finally(() => (inFlight = undefined))
    },
    async stop() {
      stopped = true
      await inFlight
    },
  }
}

async function cancelRequested(prisma: PrismaClient, importId: string): Promise<boolean> {
  const current = await prisma.import.findUnique({ where: { id: importId }, select: { cancelRequested: true } })
  return current?.cancelRequested ?? false
}

/** Final state, its event and the importer's one summary notification, in the given transaction. */
async function finish(
  sql: SqlClient,
  row: { id: string; teamId: string; fileName: string; createdById: string | null; totalRows: number },
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED',
  outcome: { counts?: ImportCounts; stagedProblems?: boolean; failureMessage?: string | null },
) {
  const now = utc(new Date())
  await sql.query(
    `UPDATE "Import" SET status = $2::"ImportStatus", "finishedAt" = $3::timestamp, "updatedAt" = $3::timestamp, "rowsDone" = $4, "failureMessage" = $5,
      counts = COALESCE($6::jsonb, counts)${outcome.stagedProblems ? `, problems = (SELECT COALESCE(jsonb_agg(problem ORDER BY seq), '[]'::jsonb) FROM run_import_problems)` : ''}
    WHERE id = $1::uuid`,
    [
      row.id,
      status,
      now,
      status === 'SUCCEEDED' ? row.totalRows : 0,
      outcome.failureMessage ?? null,
      outcome.counts ? JSON.stringify(outcome.counts) : null,
    ],
  )
  await appendEvent(sql, {
    type: 'import.updated',
    entity: 'import',
    entityId: row.id,
    teamId: row.teamId,
    actorId: row.createdById,
    payload: { importId: row.id, status, fileName: row.fileName, rowsDone: status === 'SUCCEEDED' ? row.totalRows : 0, totalRows: row.totalRows, counts: outcome.counts ?? null },
  })
  if (status === 'CANCELLED' || !row.createdById) return
  const counts = outcome.counts
  // Both languages: the SYSTEM template writes the notification in the recipient's.
  const text = (language: 'fr' | 'en') => {
    const texts = summaryTexts(language)
    if (status !== 'SUCCEEDED' || !counts) return { title: texts.failed(row.fileName), body: texts.failure }
    return {
      title: texts.succeeded(row.fileName),
      body: texts.body({
        organisations: counts.organisations.create,
        people: counts.people.create,
        updated: counts.organisations.update + counts.people.update,
        skipped: counts.organisations.skip + counts.people.skip,
      }),
    }
  }
  const [fr, en] = [text('fr'), text('en')]
  await notify(sql, [
    {
      type: 'SYSTEM',
      recipientIds: [row.createdById],
      link: `/imports?id=${row.id}`,
      // Nobody is notified of their own action, except of the outcome of their background work.
      actorId: null,
      eventId: null,
      params: { titleFr: fr.title, bodyFr: fr.body, titleEn: en.title, bodyEn: en.body },
    },
  ])
}
