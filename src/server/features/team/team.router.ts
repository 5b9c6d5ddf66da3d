import { byIdInput } from '../../../shared/schemas/common.ts'
import { teamCreateInput, teamDeleteInput, teamListInput, teamUpdateInput } from '../../../shared/schemas/team.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './team.service.ts'

export const teamRouter = router({
  list: authorizedProcedure('record:read')
    .input(teamListInput)
    .query(({ ctx, input }) => listTeams(ctx, input)),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => getTeam(ctx, input.id)),
  create: authorizedProcedure('teams:manage')
    .input(teamCreateInput)
    .mutation(({ ctx, input }) => createTeam(ctx, input)),
  update: authorizedProcedure('teams:manage')
    .input(teamUpdateInput)
    .mutation(({ ctx, input }) => updateTeam(ctx, input)),
  delete: authorizedProcedure('teams:manage')
    .input(teamDeleteInput)
    .mutation(({ ctx, input }) => deleteTeam(ctx, input)),
})
