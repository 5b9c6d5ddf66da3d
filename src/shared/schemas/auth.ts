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
    message: 'nothing_to_update',
  })
export type PreferencesInput = z.infer<typeof preferencesInput>

/** Passwords users choose themselves (ASVS V6.2.1: at least 12 characters; 64+ allowed). */
export const OWN_PASSWORD_MIN_LENGTH = 12
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(OWN_PASSWORD_MIN_LENGTH).max(200),
    confirmPassword: z.string().min(1).max(200),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { message: 'passwords_differ', path: ['confirmPassword'] })
  .refine((value) => value.newPassword !== value.currentPassword, { message: 'password_reused', path: ['newPassword'] })
export type ChangePasswordInput = z.infer<typeof changePasswordInput>

/** A TOTP code as typed: 6 digits, spaces tolerated ("123 456"). */
export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'two_factor_code_format'))

/** A recovery code as typed: 10 letters or digits, dashes, spaces and case ignored. */
export const recoveryCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{10}$/, 'recovery_code_format'))

export const confirmTwoFactorInput = z.object({ code: totpCodeSchema })
export type ConfirmTwoFactorInput = z.infer<typeof confirmTwoFactorInput>

/** The sign-in's second step: the code of the app, or one recovery code. */
export const secondFactorInput = z.union([z.object({ code: totpCodeSchema }), z.object({ recoveryCode: recoveryCodeSchema })])
export type SecondFactorInput = z.infer<typeof secondFactorInput>

export const disableTwoFactorInput = z.object({
  password: z.string().min(1).max(200),
  code: z.string().min(1).max(40),
})
export type DisableTwoFactorInput = z.infer<typeof disableTwoFactorInput>

export const regenerateRecoveryCodesInput = z.object({ code: totpCodeSchema })
