import type { StatusTone } from '../../components/ui/status-badge.tsx'
import type { RouterOutputs } from '../../lib/trpc.ts'
import type { PRODUCT_STATUSES } from '../../../shared/schemas/product.ts'

export type ProductSummary = RouterOutputs['products']['list']['items'][number]
export type ProductDetail = RouterOutputs['products']['byId']

export const PRODUCT_STATUS_TONES: Record<(typeof PRODUCT_STATUSES)[number], StatusTone> = {
  ACTIVE: 'success',
  CLOSED: 'neutral',
  SUSPENDED: 'warning',
}

/** ISINs read best in a fixed-width font with the country code set apart. */
export const ISIN_CLASS_NAME = 'font-mono text-[0.8125rem] tracking-wide'
