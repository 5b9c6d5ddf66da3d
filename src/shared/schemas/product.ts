import { z } from 'zod'
import { isValidIsin } from '../isin.ts'
import { idSchema, pageInput, requiredText, sortDirection, versionSchema } from './common.ts'

export const PRODUCT_KINDS = ['FUND', 'ETF', 'SCPI', 'OTHER'] as const
export const PRODUCT_STATUSES = ['ACTIVE', 'CLOSED', 'SUSPENDED'] as const
export const productKind = z.enum(PRODUCT_KINDS)
export const productStatus = z.enum(PRODUCT_STATUSES)

const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/

/** ISO 6166: upper-cased, spaces removed, check digit verified. */
export const isinSchema = z
  .string()
  .trim()
  .max(20)
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(ISIN_SHAPE, 'isin_shape')
      // A malformed value already has its message; only a well-formed one gets the check-digit verdict.
      .refine((value) => !ISIN_SHAPE.test(value) || isValidIsin(value), 'isin_check_digit'),
  )

/** ISO 4217 alphabetic code, upper-cased. */
export const optionalCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .transform((value) => (value === '' ? null : value))
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'currency_invalid').nullable())
  .nullish()

const productFields = {
  name: requiredText(200),
  isin: isinSchema,
  kind: productKind,
  status: productStatus,
  currency: optionalCurrency,
}

export const productCreateInput = z.object({
  ...productFields,
  kind: productFields.kind.default('FUND'),
  status: productFields.status.default('ACTIVE'),
  /** Only an admin may create in another team; others always create in their own. */
  teamId: idSchema.optional(),
})
export type ProductCreateInput = z.input<typeof productCreateInput>

export const productUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(productFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type ProductUpdateInput = z.input<typeof productUpdateInput>

export const productDeleteInput = z.object({ id: idSchema, version: versionSchema.optional() })

export const PRODUCT_SORT_FIELDS = ['name', 'updatedAt'] as const

export const productListInput = z.object({
  ...pageInput,
  /** Matches the name or the ISIN. */
  q: z.string().trim().max(100).optional(),
  kind: z.array(productKind).max(PRODUCT_KINDS.length).optional(),
  status: z.array(productStatus).max(PRODUCT_STATUSES.length).optional(),
  teamId: idSchema.optional(),
  sort: z
    .object({ field: z.enum(PRODUCT_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'name', direction: 'asc' }),
})
export type ProductListInput = z.input<typeof productListInput>
