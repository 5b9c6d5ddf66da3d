import { z } from 'zod'
import { idSchema } from './common.ts'

/** The period the dashboard compares with the one before it (calendar periods, Europe/Paris). */
export const DASHBOARD_PERIODS = ['week', 'month', 'quarter'] as const
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number]

/** `team`: the viewer's whole scope; `mine`: what the viewer owns, is assigned or did. */
export const DASHBOARD_SCOPES = ['team', 'mine'] as const
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number]

export const dashboardSummaryInput = z.object({
  period: z.enum(DASHBOARD_PERIODS).default('month'),
  scope: z.enum(DASHBOARD_SCOPES).default('team'),
  /** An admin narrows to one team; for everyone else only their own team is accepted. */
  teamId: idSchema.optional(),
})
export type DashboardSummaryInput = z.input<typeof dashboardSummaryInput>

/** Days without a move, an edit or an interaction after which an open deal needs a follow-up. */
export const FOLLOW_UP_AFTER_DAYS = 30
/** Weeks of interactions shown per salesperson. */
export const ACTIVITY_WEEKS = 4
