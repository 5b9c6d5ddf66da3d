import type { z } from 'zod'
import { authorizedProcedure } from '../trpc/trpc.ts'
import { bulkDelete, bulkRestore, bulkUpdate, type BulkKind } from './bulk.ts'

interface BulkInputs<Fields extends object> {
  update: z.ZodType<{ ids: string[]; patch: Partial<Fields> }, any>
  restore: z.ZodType<{ items: { id: string; fields: Partial<Fields> }[] }, any>
  delete: z.ZodType<{ ids: string[] }, any>
}

/**
 * A list's bulk procedures, where the patch is the fields it sets: writers change and undo,
 * deleters (managers and admins) delete, as for single records (SPEC §3).
 */
export function bulkProcedures<Row extends { id: string; teamId: string }, Fields extends object>(
  kind: BulkKind<Row, Fields>,
  inputs: BulkInputs<Fields>,
) {
  return {
    /** One change to many ticked records, in one transaction, one event per record. */
    bulkUpdate: authorizedProcedure('record:write')
      .input(inputs.update)
      .mutation(({ ctx, input }) => bulkUpdate(ctx, kind, input.ids, () => input.patch)),
    /** Undoes a bulkUpdate with the `previous` values it returned. */
    bulkRestore: authorizedProcedure('record:write')
      .input(inputs.restore)
      .mutation(({ ctx, input }) => bulkRestore(ctx, kind, input.items)),
    bulkDelete: authorizedProcedure('record:delete')
      .input(inputs.delete)
      .mutation(({ ctx, input }) => bulkDelete(ctx, kind, input.ids)),
  }
}
