import type { z } from 'zod'
import type {
  OrganisationBulkFields,
  OrganisationBulkPatch,
  organisationBulkDeleteInput,
  organisationBulkRestoreInput,
  organisationBulkUpdateInput,
} from '../../../shared/schemas/bulk.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import { diffFields } from '../../events/event-log.ts'
import { bulkDelete, bulkRestore, bulkUpdate, type BulkKind, type BulkResult } from '../bulk.ts'
import type { ServiceContext } from '../scope.ts'
import { eventSnapshot } from './organisation.service.ts'

type Organisation = Prisma.OrganisationGetPayload<object>

export const organisationBulkKind: BulkKind<Organisation, OrganisationBulkFields> = {
  entity: 'organisation',
  table: 'Organisation',
  label: 'Organisation',
  find: (tx, where) => tx.organisation.findMany({ where }),
  update: (tx, id, data) => tx.organisation.update({ where: { id }, data }),
  remove: (tx, ids) => tx.organisation.deleteMany({ where: { id: { in: ids } } }),
  memberField: 'ownerId',
  updatedEvent: (before, after, keys) => ({
    type: 'organisation.updated',
    payload: { ...eventSnapshot(after), changes: diffFields(before, after, keys) },
  }),
  deletedPayload: eventSnapshot,
}

/**
 * Sets the same change on every ticked organisation (see ../bulk.ts); a record outside the
 * caller's scope fails the whole batch with NOT_FOUND.
 */
export function bulkUpdateOrganisations(
  ctx: ServiceContext,
  input: z.output<typeof organisationBulkUpdateInput>,
): Promise<BulkResult<OrganisationBulkFields>> {
  return bulkUpdate(ctx, organisationBulkKind, input.ids, (record) => fieldsFor(record, input.patch))
}

export function restoreOrganisations(ctx: ServiceContext, input: z.output<typeof organisationBulkRestoreInput>) {
  return bulkRestore(ctx, organisationBulkKind, input.items)
}

export function bulkDeleteOrganisations(ctx: ServiceContext, input: z.output<typeof organisationBulkDeleteInput>) {
  return bulkDelete(ctx, organisationBulkKind, input.ids)
}

function fieldsFor(record: Organisation, patch: OrganisationBulkPatch): Partial<OrganisationBulkFields> {
  const fields: Partial<OrganisationBulkFields> = {}
  if (patch.ownerId !== undefined) fields.ownerId = patch.ownerId
  if (patch.stage !== undefined) fields.stage = patch.stage
  if (patch.isActive !== undefined) fields.isActive = patch.isActive
  if (patch.addTags || patch.removeTags) {
    const removed = new Set(patch.removeTags ?? [])
    const tags = [...new Set([...record.tags, ...(patch.addTags ?? [])])].filter((tag) => !removed.has(tag))
    if (tags.length > 20) {
      throw new DomainError('INVALID', 'An organisation has at most 20 tags', { fieldErrors: { addTags: ['Too many tags'] } })
    }
    fields.tags = tags
  }
  return fields
}
