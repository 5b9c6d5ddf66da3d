import { mandateBulk } from '../../../shared/schemas/bulk.ts'
import { bulkProcedures } from '../bulk.router.ts'
import { mandateBulkKind } from './mandate-bulk.service.ts'
import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  mandateCreateInput,
  mandateDeleteInput,
  mandateListInput,
  mandateProductInput,
  mandateUpdateInput,
} from '../../../shared/schemas/mandate.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import {
  addMandateProduct,
  createMandate,
  deleteMandate,
  getMandate,
  listMandates,
  removeMandateProduct,
  updateMandate,
} from './mandate.service.ts'

export const mandateRouter = router({
  // First pages and records are cached exactly (cache/read-cache.ts, docs/operations.md); later pages are not.
  list: authorizedProcedure('record:read')
    .input(mandateListInput)
    .query(({ ctx, input }) => ctx.readCache.listAnswer('mandates.list', ctx.viewer, input, () => listMandates(ctx, input))),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('mandates.byId', ctx.viewer, input, () => getMandate(ctx, input.id))),
  create: authorizedProcedure('record:write')
    .input(mandateCreateInput)
    .mutation(({ ctx, input }) => createMandate(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(mandateUpdateInput)
    .mutation(({ ctx, input }) => updateMandate(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(mandateDeleteInput)
    .mutation(({ ctx, input }) => deleteMandate(ctx, input)),
  addProduct: authorizedProcedure('record:write')
    .input(mandateProductInput)
    .mutation(({ ctx, input }) => addMandateProduct(ctx, input)),
  removeProduct: authorizedProcedure('record:write')
    .input(mandateProductInput)
    .mutation(({ ctx, input }) => removeMandateProduct(ctx, input)),
  ...bulkProcedures(mandateBulkKind, mandateBulk),
})
