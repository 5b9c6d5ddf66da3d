import type { ProductBulkFields } from '../../../shared/schemas/bulk.ts'
import type { Prisma } from '../../db/client.ts'
import { diffFields } from '../../events/event-log.ts'
import type { BulkKind } from '../bulk.ts'

const include = { mandates: { select: { mandateId: true } } } as const
type Product = Prisma.ProductGetPayload<{ include: typeof include }>

/** Products in the shared bulk mechanism (../bulk.ts): set the status, delete. */
export const productBulkKind: BulkKind<Product, ProductBulkFields> = {
  entity: 'product',
  table: 'Product',
  label: 'Product',
  find: (tx, where) => tx.product.findMany({ where, include }),
  update: (tx, id, data) => tx.product.update({ where: { id }, data, include }),
  remove: (tx, ids) => tx.product.deleteMany({ where: { id: { in: ids } } }),
  updatedEvent: (before, after, keys) => ({
    type: 'product.updated',
    payload: { name: after.name, isin: after.isin, changes: diffFields(before, after, keys), version: after.version },
  }),
  // The links go with the product; listeners of those mandates learn it from here.
  deletedPayload: (product) => ({
    name: product.name,
    isin: product.isin,
    mandateIds: product.mandates.map((link) => link.mandateId),
    version: product.version,
  }),
}
