import { z } from 'zod'
import { idSchema } from './common.ts'

// Global search (docs/search.md). Kinds are listed in the order their groups are shown.
export const SEARCH_KINDS = ['organisation', 'person', 'mandate', 'product', 'interaction'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** Longer queries are refused: no name needs more, and each word costs an index lookup. */
export const SEARCH_QUERY_MAX_LENGTH = 200
export const SEARCH_LIMIT_MAX = 50
export const SEARCH_OFFSET_MAX = 1_000

export const searchKindSchema = z.enum(SEARCH_KINDS)

export const searchQueryInput = z.object({
  q: z.string().max(SEARCH_QUERY_MAX_LENGTH),
  /** Only these kinds (default: all). */
  kinds: z.array(searchKindSchema).min(1).max(SEARCH_KINDS.length).optional(),
  /** Results per kind. */
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(5),
  /** Results of each kind to skip (paging). */
  offset: z.number().int().min(0).max(SEARCH_OFFSET_MAX).default(0),
})
export type SearchQueryInput = z.input<typeof searchQueryInput>

export const searchVisitInput = z.object({ kind: searchKindSchema, id: idSchema })

export const searchRecentInput = z.object({ limit: z.number().int().min(1).max(20).default(8) }).default({ limit: 8 })
