import pg from 'pg'
import { TRPCError } from '@trpc/server'
import { describe, expect, it } from 'vitest'
import { toTRPCError } from '../../src/server/trpc/errors.ts'

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('from PostgreSQL', 0, 'error')
  error.code = code
  return error
}

describe('errors of statements on bare connections', () => {
  it('map to the same answers as Prisma’s, never an internal error for what a caller caused', () => {
    const cases: Array<[string, string]> = [
      ['23505', 'CONFLICT'],
      ['23503', 'BAD_REQUEST'],
      ['22001', 'BAD_REQUEST'],
      ['40001', 'CONFLICT'],
      ['40P01', 'CONFLICT'],
      ['53300', 'SERVICE_UNAVAILABLE'],
    ]
    for (const [sqlState, code] of cases) {
      const mapped = toTRPCError(databaseError(sqlState))
      expect(mapped, sqlState).toBeInstanceOf(TRPCError)
      expect((mapped as TRPCError).code, sqlState).toBe(code)
    }
  })

  it('leaves anything else as it is (an internal error, reported)', () => {
    const error = databaseError('XX000')
    expect(toTRPCError(error)).toBe(error)
  })
})
