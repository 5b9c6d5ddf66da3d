import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  PDF_ROW_LIMIT,
  type ExportEntity,
  type ExportFormat,
  type ExportProgress,
} from '../../../shared/schemas/export.ts'
import { seesAllTeams } from '../../../shared/permissions.ts'
import { DomainError } from '../../errors.ts'
import { appendEvent } from '../../events/event-log.ts'
import { recordSecurityEvent } from '../security/security-events.ts'
import type { Cache } from '../../infra/cache.ts'
import { teamScope, type ServiceContext } from '../scope.ts'
import { writeCsv } from './export.csv.ts'
import { EXPORT_DEFINITIONS, type ExportColumn } from './export.definitions.ts'
import { exportFileName, formatDate, formatNumber } from './export.format.ts'
import { exportLabels, type ExportLabels } from './export.labels.ts'
import { writePdf } from './export.pdf.ts'
import type { ExportOutput, ExportRun } from './export.run.ts'
import { createSummary } from './export.summary.ts'
import { writeXlsx } from './export.xlsx.ts'

/** Rows read per query: large enough to amortise the round trip, small enough to stream. */
const BATCH_SIZE = 2_000
const PROGRESS_TTL_SECONDS = 600
const PROGRESS_EVERY_MS = 300

export interface ExportRequest {
  entity: ExportEntity
  format: ExportFormat
  /** The list's own input, as the list page sends it (cursor and limit are ignored). */
  filters: unknown
  delimiter: ';' | ','
  progressId?: string
}

export interface PreparedExport {
  run: ExportRun
  fileName: string
  contentType: string
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

export function progressKey(viewerId: string, progressId: string): string {
  return `export:progress:${viewerId}:${progressId}`
}

/**
 * Checks the filters (the list's own schema) and counts the rows, before anything is sent: a bad
 * request answers 4xx, never half a file. Rows are read later, batch by batch, as the file is written.
 */
export async function prepareExport(
  ctx: ServiceContext & { cache: Cache },
  request: ExportRequest,
  signal: AbortSignal,
): Promise<PreparedExport> {
  const definition = EXPORT_DEFINITIONS[request.entity]
  const parsed = definition.input.safeParse(request.filters ?? {})
  if (!parsed.success) {
    throw new DomainError('INVALID', 'Invalid filters', { fieldErrors: z.flattenError(parsed.error).fieldErrors })
  }
  const input = parsed.data
  const labels = exportLabels(ctx.viewer.language)
  const total = await definition.count(ctx, input as never)
  if (request.format === 'pdf' && total > PDF_ROW_LIMIT) {
    throw new DomainError('INVALID', labels.report.tooManyRows(formatNumber(PDF_ROW_LIMIT, ctx.viewer.language)), {
      code: 'PDF_ROW_LIMIT',
      limit: PDF_ROW_LIMIT,
      total,
    })
  }
  const generatedAt = new Date()
  const summary = createSummary(definition.summary, labels)
  let done = 0
  let reportedAt = 0
  const report = (status: ExportProgress['status']) =>
    request.progressId
      ? ctx.cache.set(progressKey(ctx.viewer.id, request.progressId), { done, total, status } satisfies ExportProgress, PROGRESS_TTL_SECONDS)
      : Promise.resolve()
  await report('running')

  const run: ExportRun = {
    entity: request.entity,
    definition,
    columns: definition.columns as ExportColumn<unknown>[],
    labels,
    language: ctx.viewer.language,
    total,
    title: labels.titles[request.entity],
    generatedBy: ctx.viewer.name,
    generatedAt,
    filters: await describeFilters(ctx, input, labels),
    sort: describeSort(input.sort, labels),
    summary,
    get rowCount() {
      return done
    },
    async *batches() {
      const source = definition.batches(ctx, input as never, BATCH_SIZE, signal)
      // The next batch is read while this one is written: the database and the writer work at once,
      // and no more than two batches are held.
      const read = () => {
        const promise = source.next()
        // Awaited below; a failure while the previous batch is written must not count as unhandled.
        promise.catch(() => undefined)
        return promise
      }
      let next = read()
      try {
        for (;;) {
          const { value: batch, done: finished } = await next
          if (finished) return
          next = read()
          for (const row of batch) summary.add(row)
          done += batch.length
          if (Date.now() - reportedAt > PROGRESS_EVERY_MS) {
            reportedAt = Date.now()
            await report('running')
          }
          yield batch
          if (signal.aborted) return
        }
      } finally {
        // Stopped early (cancelled, or the writer failed): let the read under way end, then close the source.
        await next.catch(() => undefined)
        await source.return(undefined)
      }
    },
  }
  return { run, fileName: exportFileName(request.entity, request.format, generatedAt), contentType: CONTENT_TYPES[request.format] }
}

const WRITERS: Record<ExportFormat, (run: ExportRun, out: ExportOutput, request: ExportRequest) => Promise<void>> = {
  csv: (run, out, request) => writeCsv(run, out, request.delimiter),
  xlsx: (run, out) => writeXlsx(run, out),
  pdf: (run, out) => writePdf(run, out),
}

/**
 * Writes the file, then records in the event log who exported what, with which filters, and how
 * many rows — also when the user cancelled (the rows read until then) or the export failed.
 */
export async function runExport(
  ctx: ServiceContext & { cache: Cache },
  request: ExportRequest,
  prepared: PreparedExport,
  out: ExportOutput,
  signal: AbortSignal,
): Promise<ExportProgress['status']> {
  const { run } = prepared
  let status: ExportProgress['status'] = 'completed'
  try {
    await WRITERS[request.format](run, out, request)
    if (signal.aborted) status = 'cancelled'
  } catch (error) {
    status = signal.aborted ? 'cancelled' : 'failed'
    if (status === 'failed') throw error
  } finally {
    const rowCount = run.rowCount
    if (request.progressId) {
      await ctx.cache
        .set(progressKey(ctx.viewer.id, request.progressId), { done: rowCount, total: run.total, status }, PROGRESS_TTL_SECONDS)
        .catch(() => undefined)
    }
    await ctx.prisma.$transaction(async (tx) => {
      await appendEvent(tx, {
        type: 'export.created',
        entity: 'export',
        entityId: randomUUID(),
        teamId: ctx.viewer.teamId,
        actorId: ctx.viewer.id,
        payload: {
          list: request.entity,
          format: request.format,
          ...(request.format === 'csv' ? { delimiter: request.delimiter } : {}),
          filters: (request.filters ?? {}) as Record<string, unknown>,
          filterLabels: run.filters,
          rowCount,
          total: run.total,
          status,
          fileName: prepared.fileName,
          actorName: ctx.viewer.name,
        },
      })
      await recordSecurityEvent(tx, {
        action: 'data_exported',
        userId: ctx.viewer.id,
        ...ctx.client,
        details: { list: request.entity, format: request.format, rowCount, status, fileName: prepared.fileName },
      })
    })
  }
  return status
}

export async function getProgress(ctx: ServiceContext & { cache: Cache }, progressId: string): Promise<ExportProgress | null> {
  return (await ctx.cache.get<ExportProgress>(progressKey(ctx.viewer.id, progressId))) ?? null
}

/** Recent exports the viewer may see (their team's; an admin's: all), newest first, from the event log. */
export async function listExportHistory(ctx: ServiceContext, limit: number) {
  const events = await ctx.prisma.domainEvent.findMany({
    where: { type: 'export.created', ...(seesAllTeams(ctx.viewer.role) ? {} : { teamId: ctx.viewer.teamId ?? '' }) },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, actorId: true, payload: true, createdAt: true },
  })
  return events.map((event) => {
    const payload = event.payload as Record<string, unknown>
    return {
      id: event.id.toString(),
      actorId: event.actorId,
      actorName: typeof payload.actorName === 'string' ? payload.actorName : null,
      list: payload.list as ExportEntity,
      format: payload.format as ExportFormat,
      rowCount: Number(payload.rowCount ?? 0),
      status: payload.status as ExportProgress['status'],
      filters: (payload.filterLabels ?? []) as Array<[string, string]>,
      fileName: String(payload.fileName ?? ''),
      createdAt: event.createdAt,
    }
  })
}

type Filters = Record<string, unknown>

/** The filters in words, for the PDF and the event log: enum values translated, ids named. */
async function describeFilters(ctx: ServiceContext, input: Filters, labels: ExportLabels): Promise<Array<[string, string]>> {
  const described: Array<[string, string]> = []
  const scope = teamScope(ctx.viewer)
  const lookups: Record<string, (id: string) => Promise<string | null | undefined>> = {
    ownerId: userName,
    assigneeId: userName,
    authorId: userName,
    teamId: async (id) => (await ctx.prisma.team.findFirst({ where: { id, ...(scope.teamId ? { id: scope.teamId } : {}) }, select: { name: true } }))?.name,
    organisationId: async (id) => (await ctx.prisma.organisation.findFirst({ where: { id, ...scope }, select: { name: true } }))?.name,
    productId: async (id) => (await ctx.prisma.product.findFirst({ where: { id, ...scope }, select: { name: true } }))?.name,
    personId: async (id) => {
      const person = await ctx.prisma.person.findFirst({ where: { id, ...scope }, select: { firstName: true, lastName: true } })
      return person && `${person.firstName} ${person.lastName}`
    },
  }
  async function userName(id: string) {
    return (await ctx.prisma.user.findFirst({ where: { id, ...scope }, select: { name: true } }))?.name
  }
  const enumSets: Record<string, string> = { stage: 'stage', type: 'type', priority: 'taskPriority', view: 'taskView' }
  for (const [key, value] of Object.entries(input)) {
    if (key === 'sort' || key === 'cursor' || key === 'limit' || value === undefined || value === null || value === '') continue
    if (key === 'view' && value === 'team') continue
    if (Array.isArray(value) && value.length === 0) continue
    const label = labels.filterNames[key] ?? key
    let text: string
    if (lookups[key]) text = (await lookups[key](String(value))) ?? String(value)
    else if (typeof value === 'boolean') text = value ? labels.yes : labels.no
    else if (value instanceof Date) text = formatDate(value, 'datetime', ctx.viewer.language)
    else if (Array.isArray(value)) text = value.map((item) => enumText(labels, enumSets[key] ?? key, String(item))).join(', ')
    else text = enumText(labels, enumSets[key] ?? key, String(value))
    described.push([label, text])
  }
  return described
}

function enumText(labels: ExportLabels, set: string, value: string): string {
  const sets = [set, `mandate${capitalise(set)}`, `product${capitalise(set)}`, `task${capitalise(set)}`, `interaction${capitalise(set)}`]
  for (const name of sets) if (labels.enums[name]?.[value]) return labels.enums[name][value]
  return value
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function describeSort(sort: { field: string; direction: string } | undefined, labels: ExportLabels): string | null {
  if (!sort) return null
  const name = (labels.columns as Record<string, string>)[sort.field] ?? sort.field
  return `${name} (${sort.direction === 'asc' ? labels.report.ascending : labels.report.descending})`
}
