import { keepPreviousData } from '@tanstack/react-query'
import { z } from 'zod'
import { mandateStatus, type MandateListInput } from '../../../shared/schemas/mandate.ts'
import type { Trpc } from '../../lib/trpc.ts'

const PAGE_SIZE = 50

/** The list's filters as they appear in the URL; anything malformed is dropped rather than refused. */
export const mandateListSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.array(mandateStatus).optional().catch(undefined),
})
export type MandateListSearch = z.infer<typeof mandateListSearch>

export function mandateListQuery(search: MandateListSearch): MandateListInput {
  return { q: search.q || undefined, status: search.status, limit: PAGE_SIZE }
}

/** The list's query, shared by the route loader (first page) and the page (further pages). */
export function mandateListOptions(trpc: Trpc, search: MandateListSearch) {
  return trpc.mandates.list.infiniteQueryOptions(mandateListQuery(search), {
    getNextPageParam: (page) => page.nextCursor,
    // While new filters load, the previous rows stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  })
}
