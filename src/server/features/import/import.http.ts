import type { IncomingMessage, ServerResponse } from 'node:http'
import { can } from '../../../shared/permissions.ts'
import { IMPORT_LIMITS } from '../../../shared/schemas/import.ts'
import { DomainError } from '../../errors.ts'
import { isOriginAllowed } from '../../http/origin.ts'
import { authenticateRequest, readBearerToken, readSessionToken, type ServerDeps } from '../../trpc/context.ts'
import { createImport } from './import.service.ts'

// `POST /api/imports?teamId=…` with the file as the raw body and its name in `X-File-Name`
// (URI-encoded). Authenticated like tRPC (session cookie, same-origin; or a read-write API token),
// size-limited while reading, and every refusal is a 4xx with a code the client translates.

export const IMPORT_UPLOAD_PATH = '/api/imports'
const STATUS: Record<DomainError['code'], number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
}

export async function handleImportUpload(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'POST') throw new UploadRefusal(405, 'METHOD_NOT_ALLOWED', 'Use POST')
    const sessionToken = readSessionToken(req, deps.config)
    const bearer = readBearerToken(req)
    if (sessionToken && !bearer && !isOriginAllowed(req, deps.config.allowedOrigins)) throw new UploadRefusal(403, 'CROSS_ORIGIN', 'Cross-origin request refused')
    const session = await authenticateRequest(deps.auth, { bearer, sessionToken })
    if (!session) throw new UploadRefusal(401, 'UNAUTHORIZED', 'Sign in required')
    if (session.credential.kind === 'token' && session.credential.scope === 'READ') throw new UploadRefusal(403, 'FORBIDDEN', 'This API token is read-only')
    if (!can(session.viewer.role, 'data:import')) throw new UploadRefusal(403, 'FORBIDDEN', 'Your role does not allow imports')
    const url = new URL(req.url ?? '/', 'http://localhost')
    const teamId = url.searchParams.get('teamId')
    if (teamId !== null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(teamId)) throw new UploadRefusal(400, 'INVALID_TEAM', 'Invalid team')
    const fileName = decodeFileName(req.headers['x-file-name'] ?? url.searchParams.get('name'))
    const data = await readBody(req, IMPORT_LIMITS.fileBytes)
    const created = await createImport({ prisma: deps.prisma, viewer: session.viewer }, { fileName, data, teamId })
    send(res, 201, created)
  } catch (error) {
    if (error instanceof UploadRefusal) return send(res, error.status, { error: { code: error.code, message: error.message } })
    if (error instanceof DomainError) {
      const code = typeof error.details?.fileError === 'string' ? error.details.fileError : error.code
      return send(res, STATUS[error.code], { error: { code, message: error.message } })
    }
    deps.logger.error({ err: error }, 'import upload failed')
    send(res, 500, { error: { code: 'INTERNAL', message: 'Internal server error' } })
  }
}

class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function decodeFileName(value: string | string[] | null | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw) return 'import.csv'
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Reads the body up to `limit` bytes; beyond, refuses without reading the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    req.resume()
    return Promise.reject(new UploadRefusal(413, 'FILE_TOO_LARGE', 'The file is too large'))
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new UploadRefusal(413, 'FILE_TOO_LARGE', 'The file is too large'))
        return
      }
      parts.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(parts)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(status === 413 ? { Connection: 'close' } : {}) })
  res.end(JSON.stringify(body))
}
