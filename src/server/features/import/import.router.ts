import { importConfigureInput, importIdInput, importListInput, importPreviewInput } from '../../../shared/schemas/import.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { cancelImport, dryRunImport, getImport, importErrorReport, listImports, previewImport, startImport } from './import.service.ts'
import { undoImport } from './import.undo.ts'

// The upload itself is `POST /api/imports` (import.http.ts): files are too large for a JSON body.
export const importRouter = router({
  list: authorizedProcedure('record:read')
    .input(importListInput)
    .query(({ ctx, input }) => listImports(ctx, input)),
  byId: authorizedProcedure('record:read')
    .input(importIdInput)
    .query(({ ctx, input }) => getImport(ctx, input.id)),
  errorReport: authorizedProcedure('record:read')
    .input(importIdInput)
    .query(({ ctx, input }) => importErrorReport(ctx, input.id)),
  preview: authorizedProcedure('data:import')
    .input(importPreviewInput)
    .query(({ ctx, input }) => previewImport(ctx, input)),
  dryRun: authorizedProcedure('data:import')
    .input(importConfigureInput)
    .mutation(({ ctx, input }) => dryRunImport(ctx, input)),
  start: authorizedProcedure('data:import')
    .input(importIdInput)
    .mutation(({ ctx, input }) => startImport(ctx, input.id)),
  cancel: authorizedProcedure('data:import')
    .input(importIdInput)
    .mutation(({ ctx, input }) => cancelImport(ctx, input.id)),
  undo: authorizedProcedure('data:import')
    .input(importIdInput)
    .mutation(({ ctx, input }) => undoImport(ctx, input.id)),
})
