import { z } from 'zod'
import { idSchema, requiredText } from './common.ts'

/** The lists a view can be saved for. */
export const SAVED_VIEW_LISTS = ['organisations', 'people', 'mandates', 'products'] as const
export const savedViewList = z.enum(SAVED_VIEW_LISTS)
export type SavedViewList = z.infer<typeof savedViewList>

/**
 * A list's address-bar state (filters, sort). Opaque here: the list reads it back through its own
 * URL schema, which drops whatever it does not know. Bounded so a view stays a small record.
 */
const viewSearch = z
  .record(z.string().max(40), z.unknown())
  .refine((search) => Object.keys(search).length <= 20 && JSON.stringify(search).length <= 4_000, {
    message: 'Too many filters',
  })

const hiddenColumns = z.array(z.string().trim().min(1).max(40)).max(30)

export const savedViewListInput = z.object({ list: savedViewList })

export const savedViewCreateInput = z.object({
  list: savedViewList,
  name: requiredText(80),
  search: viewSearch,
  hiddenColumns: hiddenColumns.default([]),
  /** Offered to the owner's team as well. */
  shared: z.boolean().default(false),
})
export type SavedViewCreateInput = z.input<typeof savedViewCreateInput>

export const savedViewUpdateInput = z.object({
  id: idSchema,
  data: z
    .object({ name: requiredText(80), search: viewSearch, hiddenColumns, shared: z.boolean() })
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'Nothing to update' }),
})

export const savedViewDeleteInput = z.object({ id: idSchema })
