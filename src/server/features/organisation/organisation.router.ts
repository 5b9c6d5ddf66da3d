import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  organisationCreateInput,
  organisationDeleteInput,
  organisationListInput,
  organisationTimelineInput,
  organisationUpdateInput,
} from '../../../shared/schemas/organisation.ts'
import {
  organisationBulkDeleteInput,
  organisationBulkRestoreInput,
  organisationBulkUpdateInput,
} from '../../../shared/schemas/bulk.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { bulkDeleteOrganisations, bulkUpdateOrganisations, restoreOrganisations } from './organisation-bulk.service.ts'
import { organisationSimilarInput } from '../../../shared/schemas/duplicates.ts'
import { similarOrganisations } from '../duplicates/duplicates.service.ts'
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisation.service.ts'
import { getTimeline } from './timeline.service.ts'

export const organisationRouter = router({
  list: authorizedProcedure('record:read')
    .input(organisationListInput)
    // First pages are what screens open on: cached exactly (cache/read-cache.ts); later pages are not.
    .query(({ ctx, input }) =>
      ctx.readCache.listAnswer('organisations.list', ctx.viewer, input, () => listOrganisations(ctx, input)),
    ),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('organisations.byId', ctx.viewer, input, () => getOrganisation(ctx, input.id))),
  /** Who changed which field from what to what, newest first (live: the `events:new` stream). */
  timeline: authorizedProcedure('record:read')
    .input(organisationTimelineInput)
    .query(({ ctx, input }) => getTimeline(ctx, input)),
  /** Organisations that look like the one being typed (name, e-mail, website domain), to warn before a duplicate. */
  similar: authorizedProcedure('record:read')
    .input(organisationSimilarInput)
    .query(({ ctx, input }) => similarOrganisations(ctx, input)),
  create: authorizedProcedure('record:write')
    .input(organisationCreateInput)
    .mutation(({ ctx, input }) => createOrganisation(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(organisationUpdateInput)
    .mutation(({ ctx, input }) => updateOrganisation(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(organisationDeleteInput)
    .mutation(({ ctx, input }) => deleteOrganisation(ctx, input)),
  /** One change to many ticked organisations, in one transaction, one event per record. */
  bulkUpdate: authorizedProcedure('record:write')
    .input(organisationBulkUpdateInput)
    .mutation(({ ctx, input }) => bulkUpdateOrganisations(ctx, input)),
  /** Undoes a bulkUpdate with the `previous` values it returned. */
  bulkRestore: authorizedProcedure('record:write')
    .input(organisationBulkRestoreInput)
    .mutation(({ ctx, input }) => restoreOrganisations(ctx, input)),
  bulkDelete: authorizedProcedure('record:delete')
    .input(organisationBulkDeleteInput)
    .mutation(({ ctx, input }) => bulkDeleteOrganisations(ctx, input)),
})
