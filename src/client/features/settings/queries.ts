import type { Trpc } from '../../lib/trpc.ts'

export function settingsQueryOptions(trpc: Trpc) {
  return trpc.settings.get.queryOptions()
}
