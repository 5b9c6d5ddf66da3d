import { teamRule, type MatrixCase } from './types.ts'

// Notifications are personal: every role reaches only its own, so no team target can fail; that
// nobody reads or marks another's is checked in notification.test.ts.
const everyone = (role: Parameters<ReturnType<typeof teamRule>>[0]) => teamRule('VIEWER')(role, 'own')

export const notificationCases: MatrixCase[] = [
  { path: 'notifications.list', input: async () => ({}), expected: everyone },
  { path: 'notifications.unreadCount', input: async () => undefined, expected: everyone },
  {
    path: 'notifications.markRead',
    input: async (fixture, caller, target) => {
      const recipientId = target === 'own' ? caller.id : target === 'sameTeam' ? caller.teammateId : caller.otherTeamUserId
      const notification = await fixture.prisma.notification.create({ data: { recipientId, type: 'SYSTEM', title: 'Matrix' } })
      return { ids: [notification.id] }
    },
    expected: everyone,
  },
  { path: 'notifications.markAllRead', input: async () => undefined, expected: everyone },
  { path: 'notifications.onNew', input: async () => undefined, expected: everyone },
]
