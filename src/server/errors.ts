// Services throw DomainErrors; one middleware (trpc/errors.ts) turns them into TRPCErrors.
export type DomainErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'RATE_LIMITED'

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Safe to show the caller: conflicting record, field messages, retry delay… */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const notFound = (entity: string) => new DomainError('NOT_FOUND', `${entity} not found`)
