import { z } from 'zod'
import { ROLES } from '../permissions.ts'

/** The firm's security rules: the roles that must sign in with a second factor. */
export const securityPolicyInput = z.object({
  twoFactorRoles: z.array(z.enum(ROLES)).max(ROLES.length),
})
export type SecurityPolicyInput = z.infer<typeof securityPolicyInput>

/** Every security action written to the event log as `security.<action>` (server/features/security). */
export const SECURITY_ACTIONS = [
  'login_succeeded',
  'login_failed',
  'account_locked',
  'new_device',
  'logout',
  'second_factor_failed',
  'password_changed',
  'password_reset',
  'sessions_revoked',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_regenerated',
  'policy_changed',
  'user_created',
  'user_updated',
  'role_changed',
  'user_deactivated',
  'user_reactivated',
  'api_token_created',
  'api_token_revoked',
  'webhook_created',
  'webhook_updated',
  'webhook_deleted',
  'webhook_secret_rotated',
  'data_exported',
] as const
export type SecurityAction = (typeof SECURITY_ACTIONS)[number]

const AUDIT_PAGE_SIZE = 50
const isoDay = z.iso.date()

/** The admins' audit trail: by account (concerned or acting), kind, period (days, inclusive), newest first. */
export const auditListInput = z
  .object({
    userId: z.uuid().optional(),
    action: z.enum(SECURITY_ACTIONS).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    /** The id of the last row of the previous page. */
    cursor: z.string().regex(/^\d{1,19}$/, 'event_id').optional(),
    limit: z.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { message: 'period_reversed', path: ['to'] })
export type AuditListInput = z.input<typeof auditListInput>

/** One's own security history: the same rows, of one's own account only. */
export const securityHistoryInput = z.object({
  cursor: z.string().regex(/^\d{1,19}$/, 'event_id').optional(),
  limit: z.number().int().min(1).max(100).default(20),
})
