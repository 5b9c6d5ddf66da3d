import { TRPCClientError } from '@trpc/client'

/** Awaits a call that must fail and returns its tRPC error (code in `.data.code`). */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCClientError<any>> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TRPCClientError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}
