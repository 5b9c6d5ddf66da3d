import type { PersonBulkFields } from '../../../shared/schemas/bulk.ts'
import type { Prisma } from '../../db/client.ts'
import { diffFields } from '../../events/event-log.ts'
import type { BulkKind } from '../bulk.ts'

type Person = Prisma.PersonGetPayload<{ include: { organisationLinks: { select: { organisationId: true } } } }>
const include = { organisationLinks: { select: { organisationId: true } } } as const

/** People in the shared bulk mechanism (../bulk.ts): assign an owner, delete. */
export const personBulkKind: BulkKind<Person, PersonBulkFields> = {
  entity: 'person',
  table: 'Person',
  label: 'Person',
  find: (tx, where) => tx.person.findMany({ where, include }),
  update: (tx, id, data) => tx.person.update({ where: { id }, data, include }),
  remove: (tx, ids) => tx.person.deleteMany({ where: { id: { in: ids } } }),
  memberField: 'ownerId',
  updatedEvent: (before, after, keys) => ({
    type: 'person.updated',
    payload: { firstName: after.firstName, lastName: after.lastName, changes: diffFields(before, after, keys), version: after.version },
  }),
  deletedPayload: (person) => ({
    firstName: person.firstName,
    lastName: person.lastName,
    organisationIds: person.organisationLinks.map((link) => link.organisationId),
    version: person.version,
  }),
}
