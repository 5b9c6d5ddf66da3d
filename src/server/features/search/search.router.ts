import { searchQueryInput, searchRecentInput, searchVisitInput } from '../../../shared/schemas/search.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { recentItems, rememberVisit, search } from './search.service.ts'

export const searchRouter = router({
  query: authorizedProcedure('record:read')
    .input(searchQueryInput)
    .query(({ ctx, input }) => search(ctx, input)),
  recent: authorizedProcedure('record:read')
    .input(searchRecentInput)
    .query(({ ctx, input }) => recentItems(ctx, input)),
  visit: authorizedProcedure('record:read')
    .input(searchVisitInput)
    .mutation(({ ctx, input }) => rememberVisit(ctx, input)),
})
