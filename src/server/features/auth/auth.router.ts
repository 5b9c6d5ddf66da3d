import { TRPCError } from '@trpc/server'
import { loginInput, preferencesInput } from '../../../shared/schemas/auth.ts'
import { protectedProcedure, publicProcedure, router } from '../../trpc/trpc.ts'

export const authRouter = router({
  /** Opens a session and sets it as an HttpOnly cookie (HTTP only, never over WebSocket). */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    if (ctx.transport !== 'http') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Sign in over HTTP' })
    }
    const result = await ctx.auth.login(input, { ...ctx.client, previousToken: ctx.sessionToken })
    if (ctx.session?.credential.kind === 'session') {
      await ctx.connections.revokeSession(ctx.session.credential.sessionId)
    }
    ctx.setSessionCookie(result.token, result.expiresAt)
    return { viewer: result.viewer }
  }),

  /** Ends the session server-side and closes its live connections on every node. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session?.credential.kind === 'session') {
      const { sessionId } = ctx.session.credential
      await ctx.auth.logout(sessionId)
      await ctx.connections.revokeSession(sessionId)
    }
    if (ctx.transport === 'http') ctx.clearSessionCookie()
    return { ok: true as const }
  }),

  me: publicProcedure.query(({ ctx }) => ctx.session?.viewer ?? null),

  updatePreferences: protectedProcedure.input(preferencesInput).mutation(({ ctx, input }) =>
    ctx.auth.updatePreferences(ctx.viewer.id, input),
  ),
})
