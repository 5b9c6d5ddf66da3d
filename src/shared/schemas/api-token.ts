import { z } from 'zod'
import { idSchema, pageInput, requiredText } from './common.ts'

export const API_TOKEN_SCOPES = ['READ', 'READ_WRITE'] as const
export const apiTokenScope = z.enum(API_TOKEN_SCOPES)

export const apiTokenCreateInput = z.object({
  name: requiredText(100),
  /** A viewer may only hold READ tokens. */
  scope: apiTokenScope.default('READ'),
  /** Omitted: the token never expires (it can still be revoked). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
})
export type ApiTokenCreateInput = z.input<typeof apiTokenCreateInput>

export const apiTokenListInput = z.object({
  ...pageInput,
  /** Whose tokens: yourself by default; another user's needs an admin. */
  userId: idSchema.optional(),
  includeRevoked: z.boolean().default(false),
})
export type ApiTokenListInput = z.input<typeof apiTokenListInput>

export const apiTokenRevokeInput = z.object({ id: idSchema })
export type ApiTokenRevokeInput = z.input<typeof apiTokenRevokeInput>
