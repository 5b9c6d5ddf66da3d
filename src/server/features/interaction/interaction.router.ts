import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  interactionCreateInput,
  interactionDeleteInput,
  interactionListInput,
  interactionUpdateInput,
} from '../../../shared/schemas/interaction.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import {
  createInteraction,
  deleteInteraction,
  getInteraction,
  listInteractions,
  updateInteraction,
} from './interaction.service.ts'

export const interactionRouter = router({
  // First pages and records are cached exactly (cache/read-cache.ts, docs/operations.md); later pages are not.
  list: authorizedProcedure('record:read')
    .input(interactionListInput)
    .query(({ ctx, input }) =>
      ctx.readCache.listAnswer('interactions.list', ctx.viewer, input, () => listInteractions(ctx, input)),
    ),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('interactions.byId', ctx.viewer, input, () => getInteraction(ctx, input.id))),
  create: authorizedProcedure('record:write')
    .input(interactionCreateInput)
    .mutation(({ ctx, input }) => createInteraction(ctx, input)),
  // The service lets the author, or a manager, through.
  update: authorizedProcedure('record:write')
    .input(interactionUpdateInput)
    .mutation(({ ctx, input }) => updateInteraction(ctx, input)),
  // Writers reach it: the service lets the author, or a manager, through.
  delete: authorizedProcedure('record:write')
    .input(interactionDeleteInput)
    .mutation(({ ctx, input }) => deleteInteraction(ctx, input)),
})
