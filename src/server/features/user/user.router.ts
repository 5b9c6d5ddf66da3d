import { byIdInput } from '../../../shared/schemas/common.ts'
import { userCreateInput, userListInput, userResetPasswordInput, userUpdateInput } from '../../../shared/schemas/user.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { endAllSessionsOf } from '../security/sessions.service.ts'
import { createUser, findManageableUser, getUser, listUsers, resetPassword, updateUser } from './user.service.ts'

export const userRouter = router({
  // Every member may read their teammates (owner and assignee pickers); ADMIN reads everyone.
  list: authorizedProcedure('record:read')
    .input(userListInput)
    .query(({ ctx, input }) => listUsers(ctx, input)),
  byId: authorizedProcedure('record:read')
    .input(byIdInput)
    .query(({ ctx, input }) => getUser(ctx, input.id)),
  create: authorizedProcedure('users:manage')
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx, input)),
  update: authorizedProcedure('users:manage')
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUser(ctx, input)),
  resetPassword: authorizedProcedure('users:manage')
    .input(userResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),
  /** Signs a user out everywhere (a lost phone, a departure): every session, every live connection. */
  endSessions: authorizedProcedure('users:manage')
    .input(byIdInput)
    .mutation(async ({ ctx, input }) => {
      await findManageableUser(ctx, input.id)
      return endAllSessionsOf(ctx, ctx.viewer.id, input.id)
    }),
})
