import { ROLES, seesAllTeams, type Role } from '../../../shared/permissions.ts'
import { MANAGER_ASSIGNABLE_ROLES } from '../../../shared/schemas/user.ts'
import type { Viewer } from '../auth/viewer.ts'

/** Roles the viewer may give (SPEC §3): an admin any, a manager only sales or viewer. */
export function grantableRoles(role: Role): readonly Role[] {
  return seesAllTeams(role) ? ROLES : MANAGER_ASSIGNABLE_ROLES
}

/** Mirrors the server's rule so the UI offers only what will be accepted. */
export function canManageUser(viewer: Viewer, user: { id: string; role: Role }): boolean {
  return seesAllTeams(viewer.role) || user.id === viewer.id || grantableRoles(viewer.role).includes(user.role)
}
