import type { StatusTone } from '../../components/ui/status-badge.tsx'

export const DELIVERY_TONES: Record<string, StatusTone> = {
  PENDING: 'info',
  RETRYING: 'warning',
  SUCCEEDED: 'success',
  FAILED: 'danger',
}
