import { initTRPC, TRPCError } from '@trpc/server'
import superjson, { type SuperJSONResult } from 'superjson'
import { ZodError } from 'zod'
import { can, type Action } from '../../shared/permissions.ts'
import { WireAnswer } from '../cache/read-cache.ts'
import { currentCorrelationId, newCorrelationId, withCorrelationId } from '../correlation.ts'
import { observeProcedure } from '../observability.ts'
import { isValidationCode, localiseIssues, validationText, type ValidationLanguage } from '../../shared/validation.ts'
import type { Authenticated, Viewer } from '../features/auth/auth.service.ts'
import type { Context } from './context.ts'
import { MappedError, toTRPCError } from './errors.ts'

/** superjson, except for answers the read cache hands over already serialised (cache/read-cache.ts). */
const transformer = {
  serialize: (value: unknown) => (value instanceof WireAnswer ? value.serialized : superjson.serialize(value)),
  deserialize: <T>(value: SuperJSONResult) => superjson.deserialize<T>(value),
}

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error, ctx }) {
    // Field messages in the caller's language, from the same table the client's forms use.
    const language = ctx?.session?.viewer.language === 'en' ? 'en' : 'fr'
    const zodError = error.cause instanceof ZodError ? localiseIssues(error.cause.issues, language) : null
    const details = error instanceof MappedError ? error.details : undefined
    const domainFields = details?.fieldErrors as Record<string, string[]> | undefined
    const domainErrors = domainFields ? localiseDomainFields(domainFields, language) : null
    return {
      ...shape,
      // Never leak internals: the message of an unexpected error stays generic.
      message: error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zodError?.fieldErrors ?? domainErrors?.fieldErrors ?? null,
        /** The message codes of `fieldErrors` (src/shared/validation.ts), for clients that word them themselves. */
        fieldCodes: zodError?.fieldCodes ?? domainErrors?.fieldCodes ?? null,
        formErrors: zodError?.formErrors ?? null,
        details: details ?? null,
        // Quoted to support, it finds this call's log lines and its Sentry event.
        correlationId: currentCorrelationId() ?? null,
      },
    }
  },
})

/** A service's field errors are message codes where the table has them; others pass through as written. */
function localiseDomainFields(fields: Record<string, string[]>, language: ValidationLanguage) {
  const entries = Object.entries(fields)
  return {
    fieldErrors: Object.fromEntries(
      entries.map(([field, codes]) => [field, codes.map((code) => (isValidationCode(code) ? validationText(code, language) : code))]),
    ),
    fieldCodes: Object.fromEntries(entries.map(([field, codes]) => [field, codes.filter(isValidationCode)])),
  }
}

export const router = t.router
export const createCallerFactory = t.createCallerFactory

// What runs around every procedure is one middleware, not a chain: tRPC copies a call's options
// twice per middleware layer (callRecursive's object spreads), and the four layers this was
// (observation, error mapping, sign-in, role) cost ~6 % of a cached read's CPU.

/**
 * Every call runs under a correlation id (the HTTP request's, or its own over WebSocket) and inside
 * Sentry's tRPC middleware, which reports unexpected errors once with who called what; domain and
 * Prisma errors become tRPC errors, in one place, for every procedure.
 */
function guarded<R extends { ok: boolean }>(
  call: { ctx: Context; path: string; type: string; getRawInput: () => Promise<unknown> },
  run: () => Promise<R>,
): Promise<R> {
  const { ctx, path, type, getRawInput } = call
  const observed = () =>
    observeProcedure({
      path,
      type,
      getRawInput,
      viewer: ctx.session?.viewer,
      next: async () => {
        const result = await run()
        if (!result.ok) {
          const { error } = result as unknown as { error: TRPCError }
          const mapped = toTRPCError(error.cause ?? error)
          if (mapped instanceof TRPCError && mapped !== error) throw mapped
        }
        return result
      },
    })
  return currentCorrelationId() ? observed() : withCorrelationId(newCorrelationId(), observed)
}

export const publicProcedure = t.procedure.use(({ ctx, path, type, getRawInput, next }) =>
  guarded({ ctx, path, type, getRawInput }, () => next()),
)

/** Signed in (session or API token); read-only tokens may not run mutations. */
function signIn(ctx: Context, type: string, path: string): Context & SignedIn {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' })
  const { credential } = ctx.session
  // A password an admin chose is only good for choosing one's own (ASVS V6.4.1).
  if (ctx.session.viewer.mustChangePassword && credential.kind === 'session' && !path.startsWith('auth.')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Choose your own password first' })
  }
  // A role that must sign in with a second factor enrols before anything else (like the above).
  if (ctx.session.viewer.mustEnrolTwoFactor && credential.kind === 'session' && !path.startsWith('auth.')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Set up two-factor sign-in first' })
  }
  if (credential.kind === 'token' && credential.scope === 'READ' && type === 'mutation') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This API token is read-only' })
  }
  // The viewer goes on the context itself: handing it to `next({ ctx })` makes tRPC copy the whole
  // context, key by key, on every call (5-8 % of a cached read's CPU). `next<SignedIn>({})` only
  // types what follows; a WebSocket's context, shared by its calls, gets the same value each time.
  const signedIn = ctx as Context & SignedIn
  signedIn.viewer = ctx.session.viewer
  return signedIn
}

export const protectedProcedure = t.procedure.use(({ ctx, path, type, getRawInput, next }) =>
  guarded({ ctx, path, type, getRawInput }, async () => {
    signIn(ctx, type, path)
    return next<SignedIn>({})
  }),
)

interface SignedIn {
  session: Authenticated
  viewer: Viewer
}

/** Requires the caller's role to allow `action` (SPEC §3); record scoping happens in services. */
export function authorizedProcedure(action: Action) {
  return t.procedure.use(({ ctx, path, type, getRawInput, next }) =>
    guarded({ ctx, path, type, getRawInput }, async () => {
      const { viewer } = signIn(ctx, type, path)
      if (!can(viewer.role, action)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this action' })
      }
      return next<SignedIn>({})
    }),
  )
}
