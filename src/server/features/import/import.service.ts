import superjson from 'superjson'
import type { z } from 'zod'
import { can } from '../../../shared/permissions.ts'
import type { Page } from '../../../shared/schemas/common.ts'
import {
  suggestMapping,
  type DuplicatePolicy,
  type ImportCounts,
  type ImportMapping,
  type ImportProblem,
  type importConfigureInput,
  type importListInput,
  type importPreviewInput,
} from '../../../shared/schemas/import.ts'
import { Prisma, type PrismaClient } from '../../db/client.ts'
import { invalidatingLike } from '../../cache/invalidation.ts'
import { WireAnswer } from '../../cache/read-cache.ts'
import { isBareConnection, jsonParameter, sqlFor, transactionFor, utc, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, appendEvents } from '../../events/event-log.ts'
import { addJob } from '../../jobs/queue.ts'
import { listPage } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { readImportFile } from './import-file.ts'
import { planImport } from './import-plan.ts'
import { cellText, type Cell } from './import-values.ts'
import { errorReportCsv, problemMessage } from './import.messages.ts'

// Imports (SPEC §4.6): upload → preview and mapping → dry run → run in the background (the job
// queue, once across nodes) → history and undo. See docs/imports.md.

export const IMPORT_JOB = 'imports.run'
export const PURGE_IMPORTS_JOB = 'imports.purge'
/** An upload nobody starts is kept this long after its last change (the file is stored with it). */
export const UNSTARTED_IMPORT_RETENTION_MS = 24 * 3_600_000
const PURGE_BATCH_SIZE = 500
/** Problems returned by the API with the dry run; the CSV error report holds them all. */
const PROBLEMS_SHOWN = 500
const PREVIEW_ROWS = 20

const summarySelect = {
  id: true,
  teamId: true,
  fileName: true,
  format: true,
  fileSize: true,
  sheet: true,
  duplicatePolicy: true,
  status: true,
  totalRows: true,
  rowsDone: true,
  counts: true,
  cancelRequested: true,
  failureMessage: true,
  undoReport: true,
  startedAt: true,
  finishedAt: true,
  undoneAt: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
  createdBy: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
} satisfies Prisma.ImportSelect

type ImportRow = Prisma.ImportGetPayload<{ select: typeof summarySelect }>
export type ImportSummary = Omit<ImportRow, 'counts'> & { counts: ImportCounts | null; problemCount: number }

export interface DryRunReport {
  counts: ImportCounts
  problems: Array<ImportProblem & { message: string }>
  problemCount: number
}

/** The team's import, or NOT_FOUND (no existence leak across teams). */
async function findImport(ctx: ServiceContext, id: string) {
  const found = await ctx.prisma.import.findFirst({ where: { id, ...teamScope(ctx.viewer) }, select: { ...summarySelect, mapping: true } })
  if (!found) throw notFound('Import')
  return found
}

/**
 * How many problems an import has, and the first `limit` of them (all without a limit), cut in the
 * database: a large file's list holds 100,000 of them, too many to load for every look at the import.
 * Plain SQL (on a bare connection when there is one): an import's page asks for them at every status
 * change, and Prisma's raw queries cost several times the memory to read the same JSON.
 */
async function problemsOf(sql: SqlClient, id: string, limit?: number): Promise<{ count: number; problems: ImportProblem[] }> {
  const { rows } = await sql.query(
    `SELECT jsonb_array_length(problems)::int AS count, ${limit === undefined ? 'problems' : 'jsonb_path_query_array(problems, $2::jsonpath)'} AS problems
    FROM "Import" WHERE id = $1::uuid`,
    limit === undefined ? [id] : [id, `$[0 to ${limit - 1}]`],
  )
  return (rows[0] as { count: number; problems: ImportProblem[] } | undefined) ?? { count: 0, problems: [] }
}

/** Bytes of the stored upload read per statement, in rows of `FILE_ROW_BYTES`. */
const FILE_SLICE_BYTES = 4 * 1024 * 1024
/**
 * A row's bytes come as hex text (`\x…`, two characters a byte) that `pg` decodes: under 128 kB of
 * text, V8 allocates it in the young generation, where it dies at once; a 4 MB slice's 8 MB text went
 * to the old space, 24 MB of garbage there for each read of a 12 MB file (preview, dry run, run).
 */
const FILE_ROW_BYTES = 32 * 1024

/**
 * The stored upload, read a slice at a time into one Buffer (on a bare connection when there is
 * one): read whole, a 12 MB file came as one 24 MB hex text, in a receive buffer grown by doubling
 * to 32 MB, ~70 MB of transient memory at the start of each dry run and run. The value is detoasted
 * once per statement (`|| ''`, `OFFSET 0` keeps it computed once): each `substring` of the stored,
 * compressed value decompresses it from its start, 600 ms for the 32 kB rows of a 12 MB file.
 */
export async function storedFile(sql: SqlClient, id: string): Promise<{ fileName: string; data: Buffer }> {
  const { rows } = await sql.query(`SELECT "fileName", octet_length("fileData")::int AS size FROM "Import" WHERE id = $1::uuid`, [id])
  if (rows.length === 0) throw notFound('Import')
  const { fileName, size } = rows[0] as { fileName: string; size: number }
  const data = Buffer.alloc(size)
  for (let offset = 0; offset < size; offset += FILE_SLICE_BYTES) {
    const { rows: slices } = await sql.query(
      `SELECT substring(f.data FROM s FOR $3) AS slice
      FROM (SELECT "fileData" || ''::bytea AS data FROM "Import" WHERE id = $1::uuid OFFSET 0) f,
        generate_series($2::int, LEAST($2::int + $4::int - 1, octet_length(f.data)), $3::int) s
      ORDER BY s`,
      [id, offset + 1, FILE_ROW_BYTES, FILE_SLICE_BYTES],
    )
    if (slices.length === 0) throw notFound('Import')
    let at = offset
    for (const { slice } of slices as Array<{ slice: Uint8Array }>) {
      data.set(slice, at)
      at += slice.length
    }
  }
  return { fileName, data }
}

function toSummary(row: ImportRow, problemCount = 0): ImportSummary {
  const counts = row.counts && Object.keys(row.counts as object).length > 0 ? (row.counts as unknown as ImportCounts) : null
  return { ...row, counts, problemCount }
}

async function importEvent(db: Db | SqlClient, row: { id: string; teamId: string; status: string; fileName: string }, actorId: string | null, extra: Record<string, unknown> = {}) {
  await appendEvent(db, {
    type: 'import.updated',
    entity: 'import',
    entityId: row.id,
    teamId: row.teamId,
    actorId,
    payload: { importId: row.id, status: row.status, fileName: row.fileName, ...extra },
  })
}

/**
 * Stores an uploaded file as a draft import, after reading it once: a file that cannot be read is
 * refused now, with its reason, and never stored.
 */
export async function createImport(ctx: ServiceContext, input: { fileName: string; data: Buffer; teamId?: string | null }) {
  if (!can(ctx.viewer.role, 'data:import')) throw new DomainError('FORBIDDEN', 'Your role does not allow imports')
  const teamId = targetTeam(ctx.viewer, input.teamId)
  if (input.teamId) {
    const team = await ctx.prisma.team.findUnique({ where: { id: teamId }, select: { id: true } })
    if (!team) throw new DomainError('INVALID', 'Choose a team', { fieldErrors: { teamId: ['Unknown team'] } })
  }
  const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'import.csv'
  // Read to be counted: no row is kept.
  const { format, sheet, sheets, headers, rowCount: totalRows } = await readImportFile(fileName, input.data)
  // The file goes in as a bare parameter (db/sql.ts): through Prisma, a 12 MB upload grew the
  // process by ~175 MB that it never gave back.
  const id = uuidv7()
  const now = utc(new Date())
  await invalidatingLike(ctx.prisma, () => transactionFor(ctx.prisma, async (sql) => {
    await sql.query(
      `INSERT INTO "Import" (id, "teamId", "createdById", "fileName", format, "fileSize", "fileData", sheet, mapping, "totalRows", "createdAt", "updatedAt")
      VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7::bytea, $8, $9::jsonb, $10, $11::timestamp, $11::timestamp)`,
      [id, teamId, ctx.viewer.id, fileName, format, input.data.length, input.data, sheet, JSON.stringify(suggestMapping(headers)), totalRows, now],
    )
    await importEvent(sql, { id, teamId, status: 'DRAFT', fileName }, ctx.viewer.id)
  }))
  const created = await ctx.prisma.import.findUniqueOrThrow({ where: { id }, select: summarySelect })
  return { ...toSummary(created), sheets }
}

export async function previewImport(ctx: ServiceContext, input: z.output<typeof importPreviewInput>) {
  const found = await findImport(ctx, input.id)
  const { fileName, data } = await storedFile(sqlFor(ctx.prisma), input.id)
  const sheet = input.sheet ?? found.sheet
  const rows: Cell[][] = []
  const file = await readImportFile(fileName, data, sheet, () => (row, index) => {
    if (index < PREVIEW_ROWS) rows.push(row)
  })
  const saved = (found.mapping ?? {}) as ImportMapping
  // The saved mapping applies while the columns are the same; another sheet gets its own suggestion.
  const mapping = file.headers.every((header) => header in saved) ? saved : suggestMapping(file.headers)
  return {
    id: found.id,
    fileName: found.fileName,
    format: file.format,
    status: found.status,
    sheets: file.sheets,
    sheet: file.sheet,
    encoding: file.encoding ?? null,
    delimiter: file.delimiter ?? null,
    headers: file.headers,
    mapping,
    duplicatePolicy: found.duplicatePolicy as DuplicatePolicy,
    totalRows: file.rowCount,
    rows: rows.map((row) => file.headers.map((_, index) => cellText(row[index] ?? null))),
  }
}

export function renderProblems(problems: ImportProblem[], language: string) {
  return problems.map((problem) => ({ ...problem, message: problemMessage(problem, language) }))
}

/** Saves the mapping and policy, and reports what the import would do, without writing a record. */
export async function dryRunImport(ctx: ServiceContext, input: z.output<typeof importConfigureInput>): Promise<DryRunReport> {
  const found = await findImport(ctx, input.id)
  if (found.status !== 'DRAFT') throw new DomainError('CONFLICT', 'This import has already been started')
  const sql = sqlFor(ctx.prisma)
  const { fileName, data } = await storedFile(sql, input.id)
  const {
    plan,
    mapping,
    file: { sheet, rowCount: totalRows },
  } = await planImport(sql, (rows) => readImportFile(fileName, data, input.sheet ?? found.sheet, rows), {
    teamId: found.teamId,
    mapping: (headers) => mappingFor(headers, input.mapping),
    policy: input.duplicatePolicy,
  })
  // Plain SQL, JSON as one parameter each: through Prisma, 100,000 problems cost ~100 MB.
  await sql.query(
    `UPDATE "Import" SET sheet = $2, mapping = $3::jsonb, "duplicatePolicy" = $4, "totalRows" = $5, counts = $6::jsonb, problems = $7::json::jsonb, "updatedAt" = $8::timestamp
    WHERE id = $1::uuid`,
    [found.id, sheet, JSON.stringify(mapping), input.duplicatePolicy, totalRows, JSON.stringify(plan.counts), jsonArrayParameter(sql, plan.problems), utc(new Date())],
  )
  return { counts: plan.counts, problems: renderProblems(plan.problems.slice(0, PROBLEMS_SHOWN), ctx.viewer.language), problemCount: plan.problems.length }
}

/** Items serialised per slice of a JSON array parameter. */
const JSON_SLICE = 10_000

/**
 * A long list as one JSON array parameter, serialised a slice at a time into the Buffer a bare
 * connection sends: as one text, 100,000 problems are ~26 MB of heap (two bytes a character once one
 * holds a `€`) beside their Buffer; a slice's text is a few MB and dies young.
 */
function jsonArrayParameter(sql: SqlClient, items: unknown[]): Buffer | string {
  if (!isBareConnection(sql)) return jsonParameter(sql, items) // through Prisma: one text
  const parts: Buffer[] = []
  for (let start = 0; start < items.length; start += JSON_SLICE) {
    const slice = jsonParameter(sql, items.slice(start, start + JSON_SLICE)) as Buffer
    parts.push(Buffer.from(start === 0 ? '[' : ','), slice.subarray(1, -1))
  }
  return parts.length === 0 ? jsonParameter(sql, items) : Buffer.concat([...parts, Buffer.from(']')])
}

/** Only the file's columns can be mapped; a column the mapping omits is ignored. */
function mappingFor(headers: string[], requested: ImportMapping): ImportMapping {
  const unknown = Object.keys(requested).filter((header) => !headers.includes(header))
  if (unknown.length > 0) {
    throw new DomainError('INVALID', 'The mapping names columns the file does not have', { fieldErrors: { mapping: unknown.slice(0, 10) } })
  }
  const fields = Object.values(requested).filter(Boolean)
  if (new Set(fields).size !== fields.length) {
    throw new DomainError('INVALID', 'Each field can be filled by one column only', { fieldErrors: { mapping: ['Duplicate field'] } })
  }
  if (!fields.includes('organisation.name') && !fields.includes('person.lastName')) {
    throw new DomainError('INVALID', 'Map a column to the organisation name or to the person’s last name', { fieldErrors: { mapping: ['No name column'] } })
  }
  return Object.fromEntries(headers.map((header) => [header, requested[header] ?? null]))
}

export async function startImport(ctx: ServiceContext, id: string): Promise<ImportSummary> {
  const found = await findImport(ctx, id)
  const updated = await ctx.prisma.$transaction(async (tx) => {
    // The status in the WHERE makes a double click (or two tabs) start it once.
    if (found.status === 'DRAFT' && !toSummary(found).counts) throw new DomainError('INVALID', 'Run the dry run first')
    const { count } = await tx.import.updateMany({ where: { id, status: 'DRAFT' }, data: { status: 'QUEUED', rowsDone: 0 } })
    if (count === 0) throw new DomainError('CONFLICT', 'This import has already been started')
    // Retries only cover a node dying mid-run (its transaction rolled back); failures end the job.
    await addJob(tx, IMPORT_JOB, { importId: id }, { jobKey: `import:${id}`, maxAttempts: 3, queueName: `import:${found.teamId}` })
    const row = await tx.import.findUniqueOrThrow({ where: { id }, select: summarySelect })
    await importEvent(tx, row, ctx.viewer.id, { rowsDone: 0, totalRows: row.totalRows })
    return row
  })
  return toSummary(updated)
}

/** A queued import is cancelled at once; a running one at its next chunk, rolling back everything. */
export async function cancelImport(ctx: ServiceContext, id: string): Promise<ImportSummary> {
  const found = await findImport(ctx, id)
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const queued = await tx.import.updateMany({ where: { id, status: 'QUEUED' }, data: { status: 'CANCELLED', finishedAt: new Date(), cancelRequested: true } })
    if (queued.count === 0) {
      const running = await tx.import.updateMany({ where: { id, status: 'RUNNING' }, data: { cancelRequested: true } })
      if (running.count === 0) throw new DomainError('CONFLICT', 'This import is not running')
    }
    const row = await tx.import.findUniqueOrThrow({ where: { id }, select: summarySelect })
    await importEvent(tx, row, ctx.viewer.id, { cancelRequested: true })
    return row
  })
  return toSummary(updated)
}

export async function getImport(ctx: ServiceContext, id: string) {
  const { mapping: _mapping, ...summary } = await findImport(ctx, id)
  const { count, problems } = await problemsShown(sqlFor(ctx.prisma), summary, ctx.viewer.language)
  // Serialised here (the transformer passes a `WireAnswer` through): superjson walks the summary,
  // whose dates it marks, not the 500 problems, plain JSON it would only copy, node by node, at each
  // call (a page following a run asks every few hundred ms, the bench every 50).
  const { json, meta } = superjson.serialize(toSummary(summary, count))
  return new WireAnswer({ json: { ...(json as object), problems }, meta }) as unknown as ImportSummary & { problems: typeof problems }
}

/** Imports whose shown problems are kept rendered, per language; the least recently asked goes first. */
const SHOWN_PROBLEMS_KEPT = 8
const shownProblems = new Map<string, { updatedAt: number; count: number; problems: ReturnType<typeof renderProblems> }>()

/**
 * The first problems of an import, rendered, read again only when they may have changed (every write
 * of its problems sets `updatedAt`): a page following a run asks for the import again and again,
 * and reading and rendering the same 500 problems each time was most of what the server allocated
 * while an import was written, enough of it kept past young collections to grow the old space by
 * ~1.5 MB/s under the bench's polling. The rendered list is shared by the answers: nothing changes it.
 */
async function problemsShown(sql: SqlClient, row: { id: string; status: string; updatedAt: Date }, language: string) {
  const key = `${row.id}|${language}`
  // Queued or running, an import keeps its dry run's problems (the run writes its own as it ends,
  // changing the status), while each progress report changes `updatedAt`.
  const updatedAt = row.status === 'QUEUED' || row.status === 'RUNNING' ? 0 : row.updatedAt.getTime()
  const kept = shownProblems.get(key)
  shownProblems.delete(key)
  if (kept?.updatedAt === updatedAt) {
    shownProblems.set(key, kept)
    return kept
  }
  const { count, problems } = await problemsOf(sql, row.id, PROBLEMS_SHOWN)
  const shown = { updatedAt, count, problems: renderProblems(problems, language) }
  shownProblems.set(key, shown)
  if (shownProblems.size > SHOWN_PROBLEMS_KEPT) shownProblems.delete(shownProblems.keys().next().value!)
  return shown
}

export async function listImports(ctx: ServiceContext, input: z.output<typeof importListInput>): Promise<Page<ImportSummary>> {
  const page = await listPage(ctx.prisma.import, {
    where: teamScope(ctx.viewer),
    scope: teamScope(ctx.viewer),
    select: summarySelect,
    sort: { keyset: ['createdAt'] },
    direction: 'desc',
    cursor: input.cursor,
    limit: input.limit,
  })
  return { ...page, items: page.items.map((item) => toSummary(item as ImportRow)) }
}

export async function importErrorReport(ctx: ServiceContext, id: string) {
  const found = await findImport(ctx, id)
  const { problems } = await problemsOf(sqlFor(ctx.prisma), id)
  const base = found.fileName.replace(/\.[^.]+$/, '')
  return { fileName: `${base}-${ctx.viewer.language === 'en' ? 'errors' : 'erreurs'}.csv`, csv: errorReportCsv(problems, ctx.viewer.language) }
}

/**
 * Deletes the uploads never started (drafts) untouched for the retention period, with their stored
 * file, a batch per transaction; each leaves an `import.deleted` event so open imports pages drop it.
 * Run by the `imports.purge` job (scheduled in jobs/tasks.ts); SKIP LOCKED lets a dry run or a start
 * in progress keep its draft.
 */
export async function purgeUnstartedImports(prisma: PrismaClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNSTARTED_IMPORT_RETENTION_MS)
  let purged = 0
  for (;;) {
    const batch = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string; teamId: string; fileName: string }>>`
        DELETE FROM "Import" WHERE id IN (
          SELECT id FROM "Import" WHERE status = 'DRAFT' AND "updatedAt" < ${cutoff}
          ORDER BY "updatedAt" LIMIT ${PURGE_BATCH_SIZE} FOR UPDATE SKIP LOCKED)
        RETURNING id::text, "teamId"::text AS "teamId", "fileName"`
      await appendEvents(
        tx,
        rows.map((row) => ({ type: 'import.deleted', entity: 'import', entityId: row.id, teamId: row.teamId, actorId: null, payload: { importId: row.id, fileName: row.fileName } })),
      )
      return rows.length
    })
    purged += batch
    if (batch < PURGE_BATCH_SIZE) return purged
  }
}

export { findImport }
