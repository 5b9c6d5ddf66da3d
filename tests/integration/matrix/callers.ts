import type { Role } from '../../../src/shared/permissions.ts'
import type { DemoUsers } from '../../support/factories.ts'
import type { Caller } from './types.ts'

/** One demo user per role (all of the Paris team), with a teammate and a user of the other team. */
export const CALLERS: Array<{ role: Role; email: string; teammate: string; otherTeamUser: string }> = [
  { role: 'ADMIN', email: 'admin@demo.test', teammate: 'sales.paris@demo.test', otherTeamUser: 'sales.lyon@demo.test' },
  { role: 'MANAGER', email: 'manager.paris@demo.test', teammate: 'sales.paris@demo.test', otherTeamUser: 'sales.lyon@demo.test' },
  { role: 'SALES', email: 'sales.paris@demo.test', teammate: 'manager.paris@demo.test', otherTeamUser: 'sales.lyon@demo.test' },
  { role: 'VIEWER', email: 'viewer.paris@demo.test', teammate: 'sales.paris@demo.test', otherTeamUser: 'manager.lyon@demo.test' },
]

export function callerOf(demo: DemoUsers, role: Role): Caller {
  const spec = CALLERS.find((caller) => caller.role === role)!
  const me = demo.byEmail.get(spec.email)!
  const otherTeamUser = demo.byEmail.get(spec.otherTeamUser)!
  return {
    id: me.id,
    role,
    teamId: me.teamId!,
    teammateId: demo.byEmail.get(spec.teammate)!.id,
    otherTeamUserId: otherTeamUser.id,
    otherTeamId: otherTeamUser.teamId!,
  }
}
