import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import {
  changePasswordInput,
  confirmTwoFactorInput,
  disableTwoFactorInput,
  loginInput,
  preferencesInput,
  regenerateRecoveryCodesInput,
  secondFactorInput,
} from '../../../shared/schemas/auth.ts'
import { DomainError } from '../../errors.ts'
import { securityHistoryInput } from '../../../shared/schemas/security.ts'
import { listOwnSecurityHistory } from '../security/audit.service.ts'
import { protectedProcedure, publicProcedure, router } from '../../trpc/trpc.ts'
import { listOwnSessions, revokeOtherOwnSessions, revokeOwnSession } from '../security/sessions.service.ts'

/** One's own sessions are managed from a signed-in browser, never with an API token. */
const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.session.credential.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Use a signed-in browser, not an API token' })
  }
  return next({ ctx: { ...ctx, sessionId: ctx.session.credential.sessionId } })
})

export const authRouter = router({
  /** Opens a session and sets it as an HttpOnly cookie (HTTP only, never over WebSocket). */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    if (ctx.transport !== 'http') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Sign in over HTTP' })
    }
    const result = await ctx.auth.login(input, { ...ctx.client, previousToken: ctx.sessionToken })
    if (result.kind === 'second_factor') {
      // Not a session: only the second step (completeSignIn) reads this cookie.
      ctx.setSecondFactorCookie(result.pendingToken, result.expiresAt)
      return { viewer: null, secondFactor: true as const }
    }
    if (ctx.session?.credential.kind === 'session') {
      await ctx.connections.revokeSession(ctx.session.credential.sessionId)
    }
    ctx.setSessionCookie(result.token, result.expiresAt)
    return { viewer: result.viewer, secondFactor: false as const }
  }),

  /** The sign-in's second step: a code from the authenticator app, or a recovery code. */
  completeSignIn: publicProcedure.input(secondFactorInput).mutation(async ({ ctx, input }) => {
    if (ctx.transport !== 'http') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Sign in over HTTP' })
    }
    if (!ctx.secondFactorToken) {
      throw new DomainError('UNAUTHENTICATED', 'The sign-in expired: enter your password again', { reason: 'second_factor_expired' })
    }
    try {
      const result = await ctx.auth.completeSignIn(ctx.secondFactorToken, input, { ...ctx.client, previousToken: ctx.sessionToken })
      if (ctx.session?.credential.kind === 'session') {
        await ctx.connections.revokeSession(ctx.session.credential.sessionId)
      }
      ctx.clearSecondFactorCookie()
      ctx.setSessionCookie(result.token, result.expiresAt)
      return { viewer: result.viewer }
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') ctx.clearSecondFactorCookie()
      throw error
    }
  }),

  /** Two-factor sign-in of the caller: on or off, since when, recovery codes left, required by role. */
  twoFactorStatus: sessionProcedure.query(({ ctx }) => ctx.auth.twoFactor.status(ctx.viewer.id)),

  /** A new secret to scan or type; two-factor sign-in stays as it is until `confirmTwoFactor`. */
  beginTwoFactor: sessionProcedure.mutation(({ ctx }) => ctx.auth.twoFactor.beginEnrolment(ctx.viewer.id)),

  /** Turns two-factor sign-in on with a code from the app; answers the recovery codes, this once. */
  confirmTwoFactor: sessionProcedure
    .input(confirmTwoFactorInput)
    .mutation(({ ctx, input }) => ctx.auth.twoFactor.confirmEnrolment(ctx.viewer.id, input.code, ctx.client)),

  /** Turns two-factor sign-in off, with the password and a code (app or recovery). */
  disableTwoFactor: sessionProcedure
    .input(disableTwoFactorInput)
    .mutation(({ ctx, input }) => ctx.auth.twoFactor.disable(ctx.viewer.id, input, ctx.client)),

  /** Ten new recovery codes, the old ones void, against a code from the app. */
  regenerateRecoveryCodes: sessionProcedure
    .input(regenerateRecoveryCodesInput)
    .mutation(({ ctx, input }) => ctx.auth.twoFactor.regenerateRecoveryCodes(ctx.viewer.id, input.code, ctx.client)),

  /** Ends the session server-side and closes its live connections on every node. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session?.credential.kind === 'session') {
      const { sessionId } = ctx.session.credential
      await ctx.auth.logout(sessionId, ctx.client)
      await ctx.connections.revokeSession(sessionId)
    }
    if (ctx.transport === 'http') {
      ctx.clearSessionCookie()
      if (ctx.secondFactorToken) ctx.clearSecondFactorCookie()
    }
    return { ok: true as const }
  }),

  me: publicProcedure.query(({ ctx }) => ctx.session?.viewer ?? null),

  /** One's own password, with the current one; the other sessions end and their sockets close everywhere. */
  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    if (ctx.session.credential.kind !== 'session') {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Change your password from a signed-in browser, not with an API token' })
    }
    const { sessionId } = ctx.session.credential
    const { endedSessionIds } = await ctx.auth.changePassword(ctx.viewer.id, sessionId, input, ctx.client)
    await ctx.connections.revokeOtherSessions(ctx.viewer.id, sessionId, 'password changed')
    return { endedSessions: endedSessionIds.length }
  }),

  /** "Appareils connectés": where the caller is signed in. */
  sessions: sessionProcedure.query(({ ctx }) => listOwnSessions(ctx, ctx.viewer.id, ctx.sessionId)),

  revokeSession: sessionProcedure
    .input(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }))
    .mutation(({ ctx, input }) => revokeOwnSession(ctx, ctx.viewer.id, ctx.sessionId, input.id)),

  revokeOtherSessions: sessionProcedure.mutation(({ ctx }) => revokeOtherOwnSessions(ctx, ctx.viewer.id, ctx.sessionId)),

  /** What happened to the caller's account: sign-ins, failures, changes, by whom, from where. */
  securityHistory: protectedProcedure
    .input(securityHistoryInput)
    .query(({ ctx, input }) => listOwnSecurityHistory(ctx, input)),

  updatePreferences: protectedProcedure.input(preferencesInput).mutation(({ ctx, input }) =>
    ctx.auth.updatePreferences(ctx.viewer.id, input),
  ),
})
