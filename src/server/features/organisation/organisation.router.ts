import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  organisationCreateInput,
  organisationDeleteInput,
  organisationListInput,
  organisationTimelineInput,
  organisationUpdateInput,
} from '../../../shared/schemas/organisation.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
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
    .query(({ ctx, input }) => listOrganisations(ctx, input)),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => getOrganisation(ctx, input.id)),
  /** Who changed which field from what to what, newest first (live: the `events:new` stream). */
  timeline: authorizedProcedure('record:read')
    .input(organisationTimelineInput)
    .query(({ ctx, input }) => getTimeline(ctx, input)),
  create: authorizedProcedure('record:write')
    .input(organisationCreateInput)
    .mutation(({ ctx, input }) => createOrganisation(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(organisationUpdateInput)
    .mutation(({ ctx, input }) => updateOrganisation(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(organisationDeleteInput)
    .mutation(({ ctx, input }) => deleteOrganisation(ctx, input)),
})
