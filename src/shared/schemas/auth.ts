import { z } from 'zod'

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))

export const loginInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
})
export type LoginInput = z.infer<typeof loginInput>

export const THEMES = ['light', 'dark', 'system'] as const
export const LANGUAGES = ['fr', 'en'] as const

export const preferencesInput = z
  .object({
    theme: z.enum(THEMES).optional(),
    language: z.enum(LANGUAGES).optional(),
  })
  .refine((value) => value.theme !== undefined || value.language !== undefined, {
    message: 'Nothing to update',
  })
export type PreferencesInput = z.infer<typeof preferencesInput>
