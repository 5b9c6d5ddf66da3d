import { TRPCClientError } from '@trpc/client'
import { describe, expect, it } from 'vitest'
import { isAnsweredApiError } from '../../src/client/lib/sentry.ts'

// The browser does not report an API error the user already sees: the server answered it, and
// reported it itself when it was unexpected. Everything else (a crash, a lost connection) is reported.
describe('browser error reporting filter', () => {
  it('skips errors the API answered, whatever their code', () => {
    for (const code of ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL_SERVER_ERROR']) {
      const error = TRPCClientError.from({ error: { message: 'x', code: -32600, data: { code, httpStatus: 400 } } } as never)
      expect(isAnsweredApiError(error), code).toBe(true)
    }
  })

  it('keeps rendering crashes and API calls that got no answer', () => {
    expect(isAnsweredApiError(new TypeError('Cannot read properties of undefined'))).toBe(false)
    expect(isAnsweredApiError(TRPCClientError.from(new Error('Failed to fetch')))).toBe(false)
  })
})
