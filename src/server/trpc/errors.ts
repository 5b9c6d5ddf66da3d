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

/** What the hand-written statements on bare connections (db/sql.ts) may meet, as Prisma's codes are mapped. */
function mapDatabaseError(error: pg.DatabaseError) {
  switch (error.code) {
    case '23505':
      return new MappedError('CONFLICT', 'Duplicate record', undefined, error)
    case '23503':
      return new MappedError('BAD_REQUEST', 'A referenced record does not exist', undefined, error)
    case '22001':
      return new MappedError('BAD_REQUEST', 'A value is too long for its field', undefined, error)
    case '40001':
    case '40P01':
      return new MappedError('CONFLICT', 'Concurrent update, please retry', undefined, error)
    case '53300':
    case '57014':
      return new MappedError('SERVICE_UNAVAILABLE', 'The server is busy, please retry', undefined, error)
    default:
      return error
  }
}

function mapPrismaError(error: InstanceType<typeof Prisma.PrismaClientKnownRequestError>) {
  switch (error.code) {
    case 'P2002': {
      const fields = uniqueFields(error)
      return new MappedError(
        'CONFLICT',
        fields.length ? `A record with this ${fields.join(', ')} already exists` : 'Duplicate record',
        { fieldErrors: Object.fromEntries(fields.map((field) => [field, ['already_in_use']])) },
        error,
      )
    }
    case 'P2025':
    case 'P2001':
      return new MappedError('NOT_FOUND', 'Record not found', undefined, error)
    case 'P2003':
      return new MappedError('BAD_REQUEST', 'A referenced record does not exist', undefined, error)
    case 'P2000':
      return new MappedError('BAD_REQUEST', 'A value is too long for its field', undefined, error)
    case 'P2034':
      return new MappedError('CONFLICT', 'Concurrent update, please retry', undefined, error)
    case 'P2024':
    case 'P2028':
      // Pool or transaction time-outs under load: nothing was written; the call may be retried.
      return new MappedError('SERVICE_UNAVAILABLE', 'The server is busy, please retry', undefined, error)
    default:
      return error
  }
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
