import { apiTokenCreateInput, apiTokenListInput, apiTokenRevokeInput } from '../../../shared/schemas/api-token.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.ts'

// Every role owns tokens; reaching another user's tokens (`tokens:manage-others`) is checked by the service.
export const apiTokenRouter = router({
  list: authorizedProcedure('tokens:own')
    .input(apiTokenListInput)
    .query(({ ctx, input }) => listApiTokens(ctx, input)),
  create: authorizedProcedure('tokens:own')
    .input(apiTokenCreateInput)
    .mutation(({ ctx, input }) => createApiToken(ctx, input)),
  revoke: authorizedProcedure('tokens:own')
    .input(apiTokenRevokeInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, input)),
})
