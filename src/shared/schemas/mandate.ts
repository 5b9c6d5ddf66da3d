import { z } from 'zod'
import { idSchema, optionalText, pageInput, sortDirection, versionSchema } from './common.ts'

export const MANDATE_TYPES = ['DISTRIBUTION', 'ADVISORY', 'WHITE_LABEL', 'OTHER'] as const
export const MANDATE_STATUSES = ['DRAFT', 'NEGOTIATION', 'SIGNED', 'EXPIRED', 'TERMINATED'] as const
export const mandateType = z.enum(MANDATE_TYPES)
export const mandateStatus = z.enum(MANDATE_STATUSES)

/**
 * A calendar date as 'YYYY-MM-DD' (no time, no time zone), the way the API takes and returns
 * mandate dates; an empty string means "no date".
 */
export const optionalCalendarDate = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .pipe(
    z.iso
      .date({ error: 'date_real' })
      .refine((value) => value >= '1900-01-01' && value <= '2199-12-31', 'date_range')
      .nullable(),
  )
  .nullish()

/** 'YYYY-MM-DD' strings compare in calendar order. */
const endNotBeforeStart = (data: { startDate?: string | null; endDate?: string | null }) =>
  !data.startDate || !data.endDate || data.endDate >= data.startDate
const END_BEFORE_START = { message: 'end_before_start', path: ['endDate'] }

export const productIdsSchema = z
  .array(idSchema)
  .max(200)
  .transform((ids) => [...new Set(ids)])

const mandateFields = {
  /** The supplier organisation whose products the mandate covers. */
  organisationId: idSchema,
  reference: optionalText(100),
  type: mandateType,
  status: mandateStatus,
  startDate: optionalCalendarDate,
  endDate: optionalCalendarDate,
  notes: optionalText(20_000),
  ownerId: idSchema.nullish(),
}

export const mandateCreateInput = z
  .object({
    ...mandateFields,
    type: mandateFields.type.default('DISTRIBUTION'),
    status: mandateFields.status.default('DRAFT'),
    productIds: productIdsSchema.default([]),
  })
  .refine(endNotBeforeStart, END_BEFORE_START)
export type MandateCreateInput = z.input<typeof mandateCreateInput>

export const mandateUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object(mandateFields)
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' })
    .refine(endNotBeforeStart, END_BEFORE_START),
})
export type MandateUpdateInput = z.input<typeof mandateUpdateInput>

export const mandateDeleteInput = z.object({ id: idSchema, version: versionSchema.optional() })

export const mandateProductInput = z.object({ mandateId: idSchema, productId: idSchema })
export type MandateProductInput = z.input<typeof mandateProductInput>

export const MANDATE_SORT_FIELDS = ['updatedAt', 'startDate', 'endDate'] as const

export const mandateListInput = z.object({
  ...pageInput,
  /** Matches the reference or the organisation's name. */
  q: z.string().trim().max(100).optional(),
  status: z.array(mandateStatus).max(MANDATE_STATUSES.length).optional(),
  type: z.array(mandateType).max(MANDATE_TYPES.length).optional(),
  organisationId: idSchema.optional(),
  productId: idSchema.optional(),
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  sort: z
    .object({ field: z.enum(MANDATE_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'updatedAt', direction: 'desc' }),
})
export type MandateListInput = z.input<typeof mandateListInput>
