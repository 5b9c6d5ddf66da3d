import { TRPCError } from '@trpc/server'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import pg from 'pg'
import { Prisma } from '../db/client.ts'
import { DomainError, type DomainErrorCode } from '../errors.ts'

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
}

/** Carries a DomainError's details to the error formatter. */
export class MappedError extends TRPCError {
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    message: string,
    readonly details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super({ code, message, cause })
  }
}

/** Maps domain and database errors to tRPC errors; anything else stays an internal error. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof TRPCError) return error
  if (error instanceof DomainError) return new MappedError(TRPC_CODE[error.code], error.message, error.details, error)
  if (error instanceof Prisma.PrismaClientKnownRequestError) return mapPrismaError(error)
  if (error instanceof pg.DatabaseError) return mapDatabaseError(error)
  return error
}

/** The answers a database error may become, whichever way the statement went (Prisma or a bare connection). */
const DATABASE_ANSWERS = {
  duplicate: ['CONFLICT', 'Duplicate record'],
  notFound: ['NOT_FOUND', 'Record not found'],
  missingReference: ['BAD_REQUEST', 'A referenced record does not exist'],
  tooLong: ['BAD_REQUEST', 'A value is too long for its field'],
  concurrent: ['CONFLICT', 'Concurrent update, please retry'],
  // Pool or transaction time-outs under load: nothing was written; the call may be retried.
  busy: ['SERVICE_UNAVAILABLE', 'The server is busy, please retry'],
} as const satisfies Record<string, readonly [TRPC_ERROR_CODE_KEY, string]>

type DatabaseAnswer = keyof typeof DATABASE_ANSWERS

const PRISMA_CODES: Record<string, DatabaseAnswer> = {
  P2025: 'notFound',
  P2001: 'notFound',
  P2003: 'missingReference',
  P2000: 'tooLong',
  P2034: 'concurrent',
  P2024: 'busy',
  P2028: 'busy',
}

/** PostgreSQL's SQLSTATEs, met by the hand-written statements on bare connections (db/sql.ts). */
const SQL_STATES: Record<string, DatabaseAnswer> = {
  '23505': 'duplicate',
  '23503': 'missingReference',
  '22001': 'tooLong',
  '40001': 'concurrent',
  '40P01': 'concurrent',
  '53300': 'busy',
  '57014': 'busy',
}

function answer(kind: DatabaseAnswer | undefined, error: Error) {
  if (!kind) return error
  const [code, message] = DATABASE_ANSWERS[kind]
  return new MappedError(code, message, undefined, error)
}

function mapDatabaseError(error: pg.DatabaseError) {
  return answer(error.code ? SQL_STATES[error.code] : undefined, error)
}

function mapPrismaError(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>) {
  if (error.code !== 'P2002') return answer(PRISMA_CODES[error.code], error)
  const fields = uniqueFields(error)
  return new MappedError(
    'CONFLICT',
    fields.length ? `A record with this ${fields.join(', ')} already exists` : DATABASE_ANSWERS.duplicate[1],
    { fieldErrors: Object.fromEntries(fields.map((field) => [field, ['already_in_use']])) },
    error,
  )
}

/** Fields the caller chose (scoping columns such as teamId are not theirs to change). */
const SCOPE_FIELDS = new Set(['teamId'])

function uniqueFields(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>): string[] {
  type Constraint = { fields?: string[]; index?: string }
  const meta = error.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: Constraint } } } | undefined
  let fields: string[] = []
  const constraint = meta?.driverAdapterError?.cause?.constraint
  if (Array.isArray(meta?.target)) fields = meta.target.map(String)
  else if (Array.isArray(constraint?.fields)) fields = constraint.fields.map((field) => field.replaceAll('"', ''))
  // The pg driver adapter names only the index: Prisma's default is `<Model>_<field>_<field>_key`.
  else if (constraint?.index) fields = constraint.index.replace(/_key$/, '').split('_').slice(1)
  const chosen = fields.filter((field) => !SCOPE_FIELDS.has(field))
  return chosen.length ? chosen : fields
}
