import type { MandateBulkFields } from '../../../shared/schemas/bulk.ts'
import type { Prisma } from '../../db/client.ts'
import { diffFields } from '../../events/event-log.ts'
import type { BulkKind } from '../bulk.ts'

const include = { organisation: { select: { id: true, name: true } } } as const
type Mandate = Prisma.MandateGetPayload<{ include: typeof include }>

/** Mandates in the shared bulk mechanism (../bulk.ts): assign an owner, set the status, delete. */
export const mandateBulkKind: BulkKind<Mandate, MandateBulkFields> = {
  entity: 'mandate',
  table: 'Mandate',
  label: 'Mandate',
  find: (tx, where) => tx.mandate.findMany({ where, include }),
  update: (tx, id, data) => tx.mandate.update({ where: { id }, data, include }),
  remove: (tx, ids) => tx.mandate.deleteMany({ where: { id: { in: ids } } }),
  memberField: 'ownerId',
  // signedAt records the first signature and survives later status changes.
  derived: (mandate, fields) => (fields.status === 'SIGNED' && !mandate.signedAt ? { signedAt: new Date() } : {}),
  updatedEvent: (before, after, keys) => ({
    type: 'mandate.updated',
    // A move to SIGNED shows as changes.status { from, to }: the MANDATE_SIGNED notification reads it.
    payload: {
      reference: after.reference,
      organisation: after.organisation,
      status: after.status,
      ownerId: after.ownerId,
      changes: diffFields(before, after, [...keys, 'signedAt']),
      version: after.version,
    },
  }),
  deletedPayload: (mandate) => ({ reference: mandate.reference, organisation: mandate.organisation, status: mandate.status, version: mandate.version }),
}
