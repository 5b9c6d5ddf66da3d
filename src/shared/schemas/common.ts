import { z } from 'zod'
import { MAX_AMOUNT_EUROS } from '../validation.ts'

export const idSchema = z.uuid()
export const byIdInput = z.object({ id: idSchema })
export type ByIdInput = z.infer<typeof byIdInput>

/** Optional text: trimmed; an empty string means "no value" and is stored as null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullish()
}

export function requiredText(max: number) {
  return z.string().trim().min(1).max(max)
}

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => (value === '' ? null : value))
  .pipe(z.email('email_invalid').max(254).nullable())
  .nullish()

export const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `https://${value}`))
  .pipe(z.url({ protocol: /^https?$/, error: 'url_invalid' }).max(500).nullable())
  .nullish()

export const optionalPhone = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value))
  .pipe(
    z
      .string()
      .regex(/^\+?[\d\s().-]{6,25}$/, 'phone_invalid')
      .nullable(),
  )
  .nullish()

/** ISO 3166-1 alpha-2, upper-cased. */
export const optionalCountry = z
  .string()
  .trim()
  .toUpperCase()
  .transform((value) => (value === '' ? null : value))
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'country_invalid').nullable())
  .nullish()

export const tagsSchema = z
  .array(z.string().trim().min(1).max(40))
  .max(20)
  .transform((tags) => [...new Set(tags)])

/** A whole amount in euros, bounded to what a CRM means (≤ 100 Md €). */
export const amountSchema = z
  .number('amount_whole')
  .min(0, 'amount_negative')
  .max(MAX_AMOUNT_EUROS, { error: 'amount_too_large', abort: true })
  .refine(Number.isInteger, 'amount_whole')

export const versionSchema = z.number().int().positive()

export const sortDirection = z.enum(['asc', 'desc'])

/** Cursor pagination shared by every list: `cursor` is the id of the last item of the previous page. */
export const pageInput = {
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(200).default(50),
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** How many match, counted up to TOTAL_CAP: then `totalCapped` says that more do ("10 000+"). */
  total: number
  totalCapped?: boolean
}

/** Lists count their matches up to this: an exact count of a million rows costs more than it tells. */
export const TOTAL_CAP = 10_000
