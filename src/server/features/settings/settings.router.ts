import { notificationPreferencesInput, profileInput } from '../../../shared/schemas/settings.ts'
import { protectedProcedure, router } from '../../trpc/trpc.ts'
import { getSettings, updateNotificationPreferences, updateProfile } from './settings.service.ts'

/** The caller's own settings: every role, the caller only (theme and language: auth.updatePreferences). */
export const settingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => getSettings(ctx)),
  updateProfile: protectedProcedure.input(profileInput).mutation(({ ctx, input }) => updateProfile(ctx, input)),
  updateNotifications: protectedProcedure
    .input(notificationPreferencesInput)
    .mutation(({ ctx, input }) => updateNotificationPreferences(ctx, input)),
})
