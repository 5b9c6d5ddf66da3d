import { exportHistoryInput, exportProgressInput } from '../../../shared/schemas/export.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { getProgress, listExportHistory } from './export.service.ts'

// The files themselves download over HTTP (export.http.ts); these follow and list them.
export const exportRouter = router({
  /** How far the caller's export identified by `progressId` has got (null: unknown or expired). */
  progress: authorizedProcedure('data:export')
    .input(exportProgressInput)
    .query(({ ctx, input }) => getProgress(ctx, input.progressId)),
  /** Recent exports of the caller's team (all teams for an admin), from the event log. */
  history: authorizedProcedure('data:export')
    .input(exportHistoryInput)
    .query(({ ctx, input }) => listExportHistory(ctx, input.limit)),
})
