import type { StatusTone } from '../../components/ui/status-badge.tsx'
import type { RouterOutputs } from '../../lib/trpc.ts'
import type { MANDATE_STATUSES } from '../../../shared/schemas/mandate.ts'

export type MandateSummary = RouterOutputs['mandates']['list']['items'][number]
export type MandateDetail = RouterOutputs['mandates']['byId']

export const MANDATE_STATUS_TONES: Record<(typeof MANDATE_STATUSES)[number], StatusTone> = {
  DRAFT: 'neutral',
  NEGOTIATION: 'warning',
  SIGNED: 'success',
  EXPIRED: 'info',
  TERMINATED: 'danger',
}
