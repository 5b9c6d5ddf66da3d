import type { IncomingMessage, ServerResponse } from 'node:http'
import { can } from '../../../shared/permissions.ts'
import { EXPORT_ENTITIES, EXPORT_FORMATS, exportOptions, type ExportEntity, type ExportFormat } from '../../../shared/schemas/export.ts'
import { z } from 'zod'
import { DomainError } from '../../errors.ts'
import { isOriginAllowed } from '../../http/origin.ts'
import { reportError } from '../../observability.ts'
import { authenticateRequest, clientAddress, readBearerToken, readSessionToken, type ServerDeps } from '../../trpc/context.ts'
import { prepareExport, runExport } from './export.service.ts'

export const EXPORT_PATH = '/api/exports/'

const STATUS: Record<DomainError['code'], number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
}

/**
 * `GET /api/exports/<entity>.<format>?filters=<the list's input as JSON>&delimiter=;&progressId=<uuid>`
 * A download authenticated like the API (session cookie or `Authorization: Bearer <token>`), so the
 * browser saves a real file and scripts can fetch it. The response streams as it is written;
 * closing the connection stops the work on the server.
 */
export function createExportHandler(deps: ServerDeps) {
  return async function handleExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const abort = new AbortController()
    // The client went away (cancel, closed tab) before the end: stop reading rows.
    res.on('close', () => {
      if (!res.writableFinished) abort.abort()
    })
    try {
      if (req.method !== 'GET') return sendError(res, 405, 'Use GET')
      const bearer = readBearerToken(req)
      const sessionToken = readSessionToken(req, deps.config)
      // A cookie is sent by the browser on any navigation: refuse those started by another site.
      if (!bearer && sessionToken) {
        if (!isOriginAllowed(req, deps.config.allowedOrigins) || req.headers['sec-fetch-site'] === 'cross-site') {
          return sendError(res, 403, 'Cross-origin request refused')
        }
      }
      const session = await authenticateRequest(deps.auth, { bearer, sessionToken })
      if (!session) return sendError(res, 401, 'Sign in required')
      if (!can(session.viewer.role, 'data:export')) return sendError(res, 403, 'Your role does not allow exports')

      const url = new URL(req.url ?? '/', 'http://localhost')
      const match = url.pathname.slice(EXPORT_PATH.length).match(/^([a-z]+)\.([a-z]+)$/)
      if (!match || !(EXPORT_ENTITIES as readonly string[]).includes(match[1])) return sendError(res, 404, 'Unknown list')
      if (!(EXPORT_FORMATS as readonly string[]).includes(match[2])) {
        return sendError(res, 400, `Unknown format: use ${EXPORT_FORMATS.join(', ')}`, { format: ['Unknown format'] })
      }
      let filters: unknown = {}
      const rawFilters = url.searchParams.get('filters')
      if (rawFilters) {
        try {
          filters = JSON.parse(rawFilters)
        } catch {
          return sendError(res, 400, 'filters must be JSON', { filters: ['Invalid JSON'] })
        }
        if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
          return sendError(res, 400, 'filters must be a JSON object', { filters: ['Expected an object'] })
        }
      }
      const options = exportOptions.safeParse({
        delimiter: url.searchParams.get('delimiter') ?? undefined,
        progressId: url.searchParams.get('progressId') ?? undefined,
      })
      if (!options.success) return sendError(res, 400, 'Invalid options', z.flattenError(options.error).fieldErrors)

      const ctx = {
        prisma: deps.prisma,
        sql: deps.sql,
        cache: deps.cache,
        viewer: session.viewer,
        client: { ip: clientAddress(req, deps.config.TRUST_PROXY), userAgent: req.headers['user-agent'] },
      }
      const request = {
        entity: match[1] as ExportEntity,
        format: match[2] as ExportFormat,
        filters,
        ...options.data,
      }
      const prepared = await prepareExport(ctx, request, abort.signal)
      res.writeHead(200, {
        'Content-Type': prepared.contentType,
        'Content-Disposition': `attachment; filename="${prepared.fileName}"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'X-Export-Rows': String(prepared.run.total),
        'Access-Control-Expose-Headers': 'Content-Disposition, X-Export-Rows',
      })
      const out = {
        write: (chunk: string | Uint8Array) =>
          new Promise<void>((resolve) => {
            if (abort.signal.aborted || res.write(chunk)) return resolve()
            const done = () => {
              res.off('drain', done)
              res.off('close', done)
              resolve()
            }
            res.on('drain', done).on('close', done)
          }),
      }
      await runExport(ctx, request, prepared, out, abort.signal)
      res.end()
    } catch (error) {
      if (error instanceof DomainError) {
        const details = error.details ?? {}
        const status = details.code === 'PDF_ROW_LIMIT' ? 413 : STATUS[error.code]
        return sendError(res, status, error.message, (details.fieldErrors as Record<string, string[]>) ?? undefined, details)
      }
      deps.logger.error({ err: error }, 'export failed')
      reportError(error, { path: req.url })
      if (!res.headersSent) return sendError(res, 500, 'Export failed')
      // Mid-file: cut the connection so the client sees an incomplete download, not a valid-looking file.
      res.destroy()
    }
  }
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  fieldErrors?: Record<string, string[] | undefined>,
  details?: Record<string, unknown>,
) {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(JSON.stringify({ error: message, fieldErrors: fieldErrors ?? null, details: details ?? null }))
}
