import { z } from 'zod'
import type { Role } from '../../../shared/permissions.ts'
import { idSchema } from '../../../shared/schemas/common.ts'
import { DASHBOARD_PERIODS, DASHBOARD_SCOPES, type DashboardScope, type DashboardSummaryInput } from '../../../shared/schemas/dashboard.ts'

/** The dashboard's choices in the address bar; a bad value falls back to the default. */
export const dashboardSearchSchema = z.object({
  period: z.enum(DASHBOARD_PERIODS).optional().catch(undefined),
  scope: z.enum(DASHBOARD_SCOPES).optional().catch(undefined),
  team: idSchema.optional().catch(undefined),
})
export type DashboardSearch = z.infer<typeof dashboardSearchSchema>

/** A salesperson opens on their own deals and tasks first; everyone else on the team. */
export function defaultScope(role: Role): DashboardScope {
  return role === 'SALES' ? 'mine' : 'team'
}

export function summaryInput(search: DashboardSearch, role: Role): DashboardSummaryInput {
  return { period: search.period ?? 'month', scope: search.scope ?? defaultScope(role), teamId: search.team }
}
