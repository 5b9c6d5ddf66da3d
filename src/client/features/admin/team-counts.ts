import type { RouterOutputs } from '../../lib/trpc.ts'

export type AdminTeam = RouterOutputs['teams']['list']['items'][number]
export type TeamCounts = AdminTeam['counts']

/** What keeps a team from being deleted, in the order a reader cares about. */
export const TEAM_COUNT_KINDS = [
  'users',
  'organisations',
  'people',
  'mandates',
  'products',
  'interactions',
  'tasks',
] as const satisfies readonly (keyof TeamCounts)[]
