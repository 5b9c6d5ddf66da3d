import { TRPCClientError } from '@trpc/client'
import type { AppRouter } from './trpc.ts'

export type ErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'invalid'
  | 'conflict'
  | 'server'
  | 'unknown'

const KIND_BY_CODE: Record<string, ErrorKind> = {
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  TOO_MANY_REQUESTS: 'rateLimited',
  BAD_REQUEST: 'invalid',
  CONFLICT: 'conflict',
}

function asApiError(error: unknown): TRPCClientError<AppRouter> | undefined {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>) : undefined
}

/** Classifies any thrown value so screens can pick a readable message. */
export function errorKind(error: unknown): ErrorKind {
  const apiError = asApiError(error)
  if (!apiError) return 'unknown'
  // No tRPC payload means the request never reached the API (offline, proxy error page, timeout).
  if (!apiError.data) return 'unreachable'
  return KIND_BY_CODE[apiError.data.code] ?? 'server'
}

/** The id the server logged (and reported) this failure under, for a support request. */
export function correlationIdOf(error: unknown): string | undefined {
  const id = (asApiError(error)?.data as { correlationId?: unknown } | undefined)?.correlationId
  return typeof id === 'string' ? id : undefined
}

export function fieldErrorsOf(error: unknown): Record<string, string[] | undefined> {
  return asApiError(error)?.data?.fieldErrors ?? {}
}

export function retryAfterSeconds(error: unknown): number | undefined {
  const value = asApiError(error)?.data?.details?.retryAfterSeconds
  return typeof value === 'number' ? value : undefined
}

/** Client errors will not change by retrying; network and server failures might. */
export function isRetryable(error: unknown): boolean {
  const kind = errorKind(error)
  return kind === 'unreachable' || kind === 'server'
}
