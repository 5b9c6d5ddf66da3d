import { byIdInput } from '../../../shared/schemas/common.ts'
import {
  productCreateInput,
  productDeleteInput,
  productListInput,
  productUpdateInput,
} from '../../../shared/schemas/product.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from './product.service.ts'
import { productBulk } from '../../../shared/schemas/bulk.ts'
import { bulkProcedures } from '../bulk.router.ts'
import { productBulkKind } from './product-bulk.service.ts'

export const productRouter = router({
  // First pages and records are cached exactly (cache/read-cache.ts, docs/operations.md); later pages are not.
  list: authorizedProcedure('record:read')
    .input(productListInput)
    .query(({ ctx, input }) => ctx.readCache.listAnswer('products.list', ctx.viewer, input, () => listProducts(ctx, input))),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => ctx.readCache.answer('products.byId', ctx.viewer, input, () => getProduct(ctx, input.id))),
  create: authorizedProcedure('record:write')
    .input(productCreateInput)
    .mutation(({ ctx, input }) => createProduct(ctx, input)),
  update: authorizedProcedure('record:write')
    .input(productUpdateInput)
    .mutation(({ ctx, input }) => updateProduct(ctx, input)),
  delete: authorizedProcedure('record:delete')
    .input(productDeleteInput)
    .mutation(({ ctx, input }) => deleteProduct(ctx, input)),
  ...bulkProcedures(productBulkKind, productBulk),
})
