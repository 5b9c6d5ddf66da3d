import { z } from 'zod'
import { idSchema } from '../../../shared/schemas/common.ts'
import { userRole, type UserListInput } from '../../../shared/schemas/user.ts'

export const ADMIN_TABS = ['users', 'teams'] as const
export type AdminTab = (typeof ADMIN_TABS)[number]

export const USER_STATUSES = ['active', 'inactive'] as const

/** The /admin address: tab and user filters live in it, so a filtered list can be shared or reloaded. */
export const adminSearch = z.object({
  tab: z.enum(ADMIN_TABS).optional().catch(undefined),
  team: idSchema.optional().catch(undefined),
  role: z.array(userRole).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
})
export type AdminSearch = z.infer<typeof adminSearch>

export const USERS_PAGE_SIZE = 50

export function userListInput(search: AdminSearch): Omit<UserListInput, 'cursor'> {
  return {
    limit: USERS_PAGE_SIZE,
    teamId: search.team,
    role: search.role?.length ? search.role : undefined,
    isActive: search.status ? search.status === 'active' : undefined,
    q: search.q || undefined,
  }
}

export function hasUserFilters(search: AdminSearch): boolean {
  return Boolean(search.team || search.role?.length || search.status || search.q)
}
