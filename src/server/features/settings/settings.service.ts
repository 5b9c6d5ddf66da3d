import type { NotificationPreferencesInput, ProfileInput } from '../../../shared/schemas/settings.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { toViewer, viewerSelect, type Viewer } from '../auth/auth.service.ts'
import type { ServiceContext } from '../scope.ts'
import { lockRow } from '../versioned-write.ts'

// A user's own settings: every query is restricted to the caller, whatever their role.

const settingsSelect = { ...viewerSelect, mutedNotifications: true, version: true } as const

export interface Settings {
  profile: Viewer
  mutedNotifications: string[]
  /** Notifications by e-mail need an SMTP server, which this installation does not configure. */
  emailAvailable: boolean
}

export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.viewer.id }, select: settingsSelect })
  return { profile: toViewer(user), mutedNotifications: user.mutedNotifications, emailAvailable: false }
}

/** Renames the caller and sets the colour of their initials; teammates' screens hear of it from the event. */
export async function updateProfile(ctx: ServiceContext, input: ProfileInput): Promise<Viewer> {
  return ctx.prisma.$transaction(async (tx) => {
    await lockRow(tx, 'user', ctx.viewer.id)
    const before = await tx.user.findUniqueOrThrow({ where: { id: ctx.viewer.id }, select: settingsSelect })
    const keys = (['name', 'avatarColor'] as const).filter((key) => before[key] !== input[key])
    if (keys.length === 0) return toViewer(before)
    const after = await tx.user.update({
      where: { id: ctx.viewer.id },
      data: { name: input.name, avatarColor: input.avatarColor, version: { increment: 1 } },
      select: settingsSelect,
    })
    await appendEvent(tx, {
      type: 'user.updated',
      entity: 'user',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: {
        email: after.email,
        name: after.name,
        role: after.role,
        isActive: after.isActive,
        version: after.version,
        avatarColor: after.avatarColor,
        changes: diffFields(before, after, [...keys]),
      },
    })
    return toViewer(after)
  })
}

/** The notification kinds the caller no longer receives (in the app; e-mail follows the same choice). */
export async function updateNotificationPreferences(
  ctx: ServiceContext,
  input: { muted: NotificationPreferencesInput['muted'] },
): Promise<{ mutedNotifications: string[] }> {
  const user = await ctx.prisma.user.update({
    where: { id: ctx.viewer.id },
    data: { mutedNotifications: { set: input.muted } },
    select: { mutedNotifications: true },
  })
  return { mutedNotifications: user.mutedNotifications }
}
