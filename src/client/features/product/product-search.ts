import { keepPreviousData } from '@tanstack/react-query'
import { z } from 'zod'
import { productKind, productStatus, type ProductListInput } from '../../../shared/schemas/product.ts'
import type { Trpc } from '../../lib/trpc.ts'

const PAGE_SIZE = 50

/** The list's filters as they appear in the URL; anything malformed is dropped rather than refused. */
export const productListSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.array(productKind).optional().catch(undefined),
  status: z.array(productStatus).optional().catch(undefined),
})
export type ProductListSearch = z.infer<typeof productListSearch>

export function productListQuery(search: ProductListSearch): ProductListInput {
  return { q: search.q || undefined, kind: search.kind, status: search.status, limit: PAGE_SIZE }
}

/** The list's query, shared by the route loader (first page) and the page (further pages). */
export function productListOptions(trpc: Trpc, search: ProductListSearch) {
  return trpc.products.list.infiniteQueryOptions(productListQuery(search), {
    getNextPageParam: (page) => page.nextCursor,
    // While new filters load, the previous rows stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  })
}
