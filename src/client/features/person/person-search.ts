import { keepPreviousData } from '@tanstack/react-query'
import { z } from 'zod'
import { idSchema } from '../../../shared/schemas/common.ts'
import type { PersonListInput } from '../../../shared/schemas/person.ts'
import type { Trpc } from '../../lib/trpc.ts'

const PAGE_SIZE = 50

/** The list's filters as they appear in the URL; anything malformed is dropped rather than refused. */
export const personListSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  organisationId: idSchema.optional().catch(undefined),
})
export type PersonListSearch = z.infer<typeof personListSearch>

export function personListQuery(search: PersonListSearch): PersonListInput {
  return { q: search.q || undefined, organisationId: search.organisationId, limit: PAGE_SIZE }
}

/** The list's query, shared by the route loader (first page) and the page (further pages). */
export function personListOptions(trpc: Trpc, search: PersonListSearch) {
  return trpc.people.list.infiniteQueryOptions(personListQuery(search), {
    getNextPageParam: (page) => page.nextCursor,
    // While new filters load, the previous rows stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  })
}
