// Role order and the capability table of SPEC §3. Used by the tRPC middleware, the data-scoping
// layer and the client (to hide what a role may not do). The server is the authority.

export const ROLES = ['ADMIN', 'MANAGER', 'SALES', 'VIEWER'] as const
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { ADMIN: 4, MANAGER: 3, SALES: 2, VIEWER: 1 }

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum]
}

export type Action =
  | 'record:read'
  | 'record:write'
  | 'record:delete'
  | 'data:import'
  | 'data:export'
  | 'users:manage'
  | 'teams:manage'
  | 'webhooks:manage'
  | 'tokens:manage-others'
  | 'tokens:own'
  | 'security:admin'

const MINIMUM_ROLE: Record<Action, Role> = {
  'record:read': 'VIEWER',
  'record:write': 'SALES',
  'record:delete': 'MANAGER',
  'data:import': 'SALES',
  'data:export': 'VIEWER',
  'users:manage': 'MANAGER',
  'teams:manage': 'ADMIN',
  'webhooks:manage': 'ADMIN',
  'tokens:manage-others': 'ADMIN',
  'tokens:own': 'VIEWER',
  /** The firm's security rules (2FA by role) and the audit trail. */
  'security:admin': 'ADMIN',
}

export function can(role: Role, action: Action): boolean {
  return roleAtLeast(role, MINIMUM_ROLE[action])
}

/** ADMIN sees every team; everyone else is confined to their own. */
export function seesAllTeams(role: Role): boolean {
  return role === 'ADMIN'
}
