import { initTRPC, TRPCError } from '@trpc/server'
import superjson from 'superjson'
import { ZodError, z } from 'zod'
import { can, type Action } from '../../shared/permissions.ts'
import type { Context } from './context.ts'
import { MappedError, toTRPCError } from './errors.ts'

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null
    const details = error instanceof MappedError ? error.details : undefined
    return {
      ...shape,
      // Never leak internals: the message of an unexpected error stays generic.
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zodError?.fieldErrors ?? (details?.fieldErrors as Record<string, string[]> | undefined) ?? null,
        formErrors: zodError?.formErrors ?? null,
        details: details ?? null,
      },
    }
  },
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory

/** Turns domain and Prisma errors into tRPC errors, in one place, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error)
    if (mapped instanceof TRPCError && mapped !== result.error) throw mapped
  }
  return result
})

export const publicProcedure = t.procedure.use(mapErrors)

/** Signed in (session or API token); read-only tokens may not run mutations. */
export const protectedProcedure = publicProcedure.use(({ ctx, type, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' })
  const { credential } = ctx.session
  if (credential.kind === 'token' && credential.scope === 'READ' && type === 'mutation') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This API token is read-only' })
  }
  return next({ ctx: { ...ctx, session: ctx.session, viewer: ctx.session.viewer } })
})

/** Requires the caller's role to allow `action` (SPEC §3); record scoping happens in services. */
export function authorizedProcedure(action: Action) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.viewer.role, action)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this action' })
    }
    return next()
  })
}
