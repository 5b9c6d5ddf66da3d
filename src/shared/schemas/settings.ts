import { z } from 'zod'
import { USER_COLORS } from '../realtime/collaboration.ts'

/** The kinds a user may turn off; system notices (failed backups, disabled webhooks) always reach them. */
export const MUTABLE_NOTIFICATION_TYPES = ['TASK_ASSIGNED', 'TASK_DUE', 'NEW_INTERACTION', 'PIPELINE_UPDATE', 'MANDATE_SIGNED'] as const
export type MutableNotificationType = (typeof MUTABLE_NOTIFICATION_TYPES)[number]

/** The user's own profile: the name others see, and the colour of their initials (null: automatic). */
export const profileInput = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  avatarColor: z.enum(USER_COLORS, { message: 'color_invalid' }).nullable(),
})
export type ProfileInput = z.infer<typeof profileInput>

/** Which notification kinds the user receives in the app: the muted ones are listed. */
export const notificationPreferencesInput = z.object({
  muted: z
    .array(z.enum(MUTABLE_NOTIFICATION_TYPES))
    .max(MUTABLE_NOTIFICATION_TYPES.length)
    .transform((kinds) => [...new Set(kinds)]),
})
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesInput>
