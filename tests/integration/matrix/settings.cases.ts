import { teamRule, type MatrixCase } from './types.ts'

// Settings are the caller's own: every role reaches only itself (no id in the input), so no team
// target can fail; that one user's call never changes another is checked in settings.test.ts.
const everyone = (role: Parameters<ReturnType<typeof teamRule>>[0]) => teamRule('VIEWER')(role, 'own')

export const settingsCases: MatrixCase[] = [
  { path: 'settings.get', input: async () => undefined, expected: everyone },
  {
    path: 'settings.updateProfile',
    // The caller's own name, unchanged: other tests read the demo users' names.
    input: async (fixture, caller) => {
      const user = await fixture.prisma.user.findUniqueOrThrow({ where: { id: caller.id }, select: { name: true, avatarColor: true } })
      return { name: user.name, avatarColor: user.avatarColor }
    },
    expected: everyone,
  },
  { path: 'settings.updateNotifications', input: async () => ({ muted: [] }), expected: everyone },
]
