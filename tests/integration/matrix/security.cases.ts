import { makeUser } from '../../support/factories-task.ts'
import type { Role } from '../../../src/shared/permissions.ts'
import { teamRule, type MatrixCase, type Outcome } from './types.ts'

// One's own account: every role may call these, on itself only (there is no target to choose). The
// matrix's callers keep their passwords and sessions: a wrong current password proves the call got
// past the authorization layer to the service's own check (own-password.test.ts covers the success).
export const securityCases: MatrixCase[] = [
  {
    path: 'auth.changePassword',
    input: async () => ({ currentPassword: 'not-the-current-one', newPassword: 'Trois pommes vertes sur la table', confirmPassword: 'Trois pommes vertes sur la table' }),
    expected: () => 'BAD_REQUEST',
  },
  {
    path: 'auth.sessions',
    input: async () => undefined,
    expected: () => 'ok',
  },
  {
    // A session that is not the caller's: not found, whoever asks.
    path: 'auth.revokeSession',
    input: async () => ({ id: 'f'.repeat(64) }),
    expected: () => 'NOT_FOUND',
  },
  {
    path: 'auth.revokeOtherSessions',
    input: async () => undefined,
    expected: () => 'ok',
  },
  {
    // Always a fresh sales member (ending the caller's own sessions would sign the matrix out).
    path: 'users.endSessions',
    input: async (fixture, caller, target) => {
      const user = await makeUser(fixture.prisma, { teamId: target === 'otherTeam' ? caller.otherTeamId : caller.teamId, role: 'SALES' })
      return { id: user.id }
    },
    expected: (role, target) => teamRule('MANAGER')(role, target === 'own' ? 'sameTeam' : target),
  },
  {
    // The second step of a sign-in that none of the callers started (their password step opened a session).
    path: 'auth.completeSignIn',
    input: async () => ({ code: '000000' }),
    expected: () => 'UNAUTHORIZED',
  },
  { path: 'auth.twoFactorStatus', input: async () => undefined, expected: () => 'ok' },
  { path: 'auth.beginTwoFactor', input: async () => undefined, expected: () => 'ok' },
  {
    // No enrolment under way (cleared here): the service's own answer, past the authorization layer.
    // two-factor.test.ts covers the success.
    path: 'auth.confirmTwoFactor',
    input: async (fixture, caller) => {
      await fixture.prisma.user.update({ where: { id: caller.id }, data: { totpPendingSecret: null } })
      return { code: '000000' }
    },
    expected: () => 'CONFLICT',
  },
  // The callers have no second factor: turning it off, or new recovery codes, is a conflict for everyone.
  { path: 'auth.disableTwoFactor', input: async () => ({ password: 'demo1234', code: '000000' }), expected: () => 'CONFLICT' },
  { path: 'auth.regenerateRecoveryCodes', input: async () => ({ code: '000000' }), expected: () => 'CONFLICT' },
  { path: 'auth.securityHistory', input: async () => ({}), expected: () => 'ok' },
  // The firm's rules and audit trail: admins only (no record, so no team rule).
  { path: 'security.policy', input: async () => undefined, expected: adminOnly },
  { path: 'security.updatePolicy', input: async () => ({ twoFactorRoles: [] }), expected: adminOnly },
  { path: 'security.audit', input: async () => ({}), expected: adminOnly },
]

function adminOnly(role: Role): Outcome {
  return role === 'ADMIN' ? 'ok' : 'FORBIDDEN'
}
