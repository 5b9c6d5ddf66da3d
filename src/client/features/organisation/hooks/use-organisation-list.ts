import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { loadedRows } from '../../../components/list-page/use-record-list.ts'
import { useTRPC, type Trpc } from '../../../lib/trpc.ts'
import { toListInput, type OrganisationSearch } from '../search.ts'

export function organisationListOptions(trpc: Trpc, search: OrganisationSearch) {
  return trpc.organisations.list.infiniteQueryOptions(toListInput(search), {
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // While a new filter loads, the previous rows stay (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  })
}

/** The list's pages for the filters in the address bar; "load more" appends the next cursor page. */
export function useOrganisationList(search: OrganisationSearch) {
  const trpc = useTRPC()
  const query = useInfiniteQuery(organisationListOptions(trpc, search))
  return { ...query, ...loadedRows(query.data) }
}
