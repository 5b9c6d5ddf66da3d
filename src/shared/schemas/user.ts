import { z } from 'zod'
import { ROLES } from '../permissions.ts'
import { emailSchema } from './auth.ts'
import { idSchema, pageInput, requiredText, sortDirection, versionSchema } from './common.ts'

export const userRole = z.enum(ROLES)
/** Roles a manager may give, to members of their own team only (SPEC §3). */
export const MANAGER_ASSIGNABLE_ROLES = ['SALES', 'VIEWER'] as const

export const MIN_PASSWORD_LENGTH = 10
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH)
  .max(200)

export const userCreateInput = z.object({
  email: emailSchema,
  name: requiredText(100),
  role: userRole.default('SALES'),
  /** Only an admin may choose another team; managers add members to their own. */
  teamId: idSchema.optional(),
  password: newPasswordSchema,
})
export type UserCreateInput = z.input<typeof userCreateInput>

export const userUpdateInput = z.object({
  id: idSchema,
  /** The version the user read; a stale one is refused with CONFLICT. */
  version: versionSchema,
  data: z
    .object({
      name: requiredText(100),
      role: userRole,
      teamId: idSchema,
      isActive: z.boolean(),
    })
    .partial()
    .refine((data) => Object.keys(data).length > 0, { message: 'nothing_to_update' }),
})
export type UserUpdateInput = z.input<typeof userUpdateInput>

export const userResetPasswordInput = z.object({ id: idSchema, password: newPasswordSchema })
export type UserResetPasswordInput = z.input<typeof userResetPasswordInput>

export const USER_SORT_FIELDS = ['name', 'email', 'role', 'createdAt'] as const

export const userListInput = z.object({
  ...pageInput,
  /** Matches the name or the email. */
  q: z.string().trim().max(100).optional(),
  role: z.array(userRole).max(ROLES.length).optional(),
  teamId: idSchema.optional(),
  isActive: z.boolean().optional(),
  sort: z
    .object({ field: z.enum(USER_SORT_FIELDS), direction: sortDirection })
    .default({ field: 'name', direction: 'asc' }),
})
export type UserListInput = z.input<typeof userListInput>
