import { dashboardSummaryInput } from '../../../shared/schemas/dashboard.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { getDashboardSummary } from './dashboard.service.ts'

export const dashboardRouter = router({
  /**
   * Every figure of the dashboard for the caller's scope, in one answer. Cached per user; writes make
   * it unreachable at once, and figures that move with the clock alone (overdue, to follow up) are
   * recomputed each minute.
   */
  summary: authorizedProcedure('record:read')
    .input(dashboardSummaryInput)
    .query(({ ctx, input }) =>
      ctx.readCache.answer('dashboard.summary', ctx.viewer, { ...input, minute: Math.floor(Date.now() / 60_000) }, () => getDashboardSummary(ctx, input), true),
    ),
})
