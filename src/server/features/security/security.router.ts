import { auditListInput, securityPolicyInput } from '../../../shared/schemas/security.ts'
import { listAudit } from './audit.service.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { getSecurityPolicy, updateSecurityPolicy } from './security-policy.service.ts'

/** The firm's security: rules and audit trail, for admins. Each user's own security lives under `auth`. */
export const securityRouter = router({
  policy: authorizedProcedure('security:admin').query(({ ctx }) => getSecurityPolicy(ctx)),
  updatePolicy: authorizedProcedure('security:admin')
    .input(securityPolicyInput)
    .mutation(({ ctx, input }) => updateSecurityPolicy(ctx, input)),
  /** The audit trail of security-relevant actions, newest first. */
  audit: authorizedProcedure('security:admin')
    .input(auditListInput)
    .query(({ ctx, input }) => listAudit(ctx, input)),
})
