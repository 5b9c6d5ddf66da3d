import { personBulk } from '../../../shared/schemas/bulk.ts'
import { bulkProcedures } from '../bulk.router.ts'
import { personBulkKind } from './person-bulk.service.ts'
import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  personCreateInput,
  personDeleteInput,
  personLinkInput,
  personListInput,
  personUnlinkInput,
  personUpdateInput,
} from '../../../shared/schemas/person.ts'
import { personSimilarInput } from '../../../shared/schemas/duplicates.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { similarPeople } from '../duplicates/duplicates.service.ts'
import {
  createPerson,
  deletePerson,
  getPerson,
  linkPerson,
  listPeople,
  unlinkPerson,
  updatePerson,
} from './person.service.ts'

export const personRouter = router({
  // First pages and records are cached exactly (cache/read-cache.ts, docs/operations.md); later pages are not.
  list: authorizedProcedure('record:read')
    .input(personListInput)
    .query(({ ctx, input }) => ctx.readCache.listAnswer('people.list', ctx.viewer, input, () => listPeople(ctx, input))),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('people.byId', ctx.viewer, input, () => getPerson(ctx, input.id))),
  /** People who look like the one being typed (name, e-mail), to warn before a duplicate. */
  similar: authorizedProcedure('record:read')
    .input(personSimilarInput)
    .query(({ ctx, input }) => similarPeople(ctx, input)),
  create: authorizedProcedure('record:write')
    .input(personCreateInput)
    .mutation(({ ctx, input }) => createPerson(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(personUpdateInput)
    .mutation(({ ctx, input }) => updatePerson(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(personDeleteInput)
    .mutation(({ ctx, input }) => deletePerson(ctx, input)),
  link: authorizedProcedure('record:write')
    .input(personLinkInput)
    .mutation(({ ctx, input }) => linkPerson(ctx, input)),
  unlink: authorizedProcedure('record:write')
    .input(personUnlinkInput)
    .mutation(({ ctx, input }) => unlinkPerson(ctx, input)),
  ...bulkProcedures(personBulkKind, personBulk),
})
