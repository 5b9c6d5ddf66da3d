import {
  savedViewCreateInput,
  savedViewDeleteInput,
  savedViewListInput,
  savedViewUpdateInput,
} from '../../../shared/schemas/saved-view.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-view.service.ts'

// Reading a list is all a view needs: a viewer may save and share views too.
export const savedViewRouter = router({
  list: authorizedProcedure('record:read')
    .input(savedViewListInput)
    .query(({ ctx, input }) => listSavedViews(ctx, input)),
  create: authorizedProcedure('record:read')
    .input(savedViewCreateInput)
    .mutation(({ ctx, input }) => createSavedView(ctx, input)),
  update: authorizedProcedure('record:read')
    .input(savedViewUpdateInput)
    .mutation(({ ctx, input }) => updateSavedView(ctx, input)),
  delete: authorizedProcedure('record:read')
    .input(savedViewDeleteInput)
    .mutation(({ ctx, input }) => deleteSavedView(ctx, input)),
})
