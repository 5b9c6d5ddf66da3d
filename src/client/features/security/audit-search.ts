import { z } from 'zod'
import { SECURITY_ACTIONS, type AuditListInput } from '../../../shared/schemas/security.ts'

/** The /admin/audit address: its filters live in it, so a filtered trail can be shared or reloaded. */
export const auditSearch = z.object({
  user: z.uuid().optional().catch(undefined),
  kind: z.enum(SECURITY_ACTIONS).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
})
export type AuditSearch = z.infer<typeof auditSearch>

export const AUDIT_PAGE_SIZE = 50

/** A period whose end is before its start keeps only its start (told at the field on the page). */
export function auditListInput(search: AuditSearch): Omit<AuditListInput, 'cursor'> {
  const reversed = Boolean(search.from && search.to && search.to < search.from)
  return { limit: AUDIT_PAGE_SIZE, userId: search.user, action: search.kind, from: search.from, to: reversed ? undefined : search.to }
}
