import { z } from 'zod'
import { SEARCH_QUERY_MAX_LENGTH, searchKindSchema } from '../../../shared/schemas/search.ts'

/** The results page's address: /search?q=…&kind=person&page=2. Malformed parts are dropped. */
export const searchPageSearch = z.object({
  q: z.string().max(SEARCH_QUERY_MAX_LENGTH).optional().catch(undefined),
  kind: searchKindSchema.optional().catch(undefined),
  page: z.number().int().min(1).max(50).optional().catch(undefined),
})
export type SearchPageSearch = z.infer<typeof searchPageSearch>

export const RESULTS_PER_PAGE = 20
export const PER_KIND_OVERVIEW = 5
