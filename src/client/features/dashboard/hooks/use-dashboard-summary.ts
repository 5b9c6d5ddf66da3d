import { useEffect, useRef } from 'react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DashboardSummaryInput } from '../../../../shared/schemas/dashboard.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useLiveEvents } from '../../live/hooks/use-live-events.ts'

/** Entities whose events move a figure of the dashboard. */
const LIVE_ENTITIES = new Set(['organisation', 'interaction', 'mandate', 'task'])
/** A burst of events (a bulk move, an import) refreshes the figures once. */
const REFRESH_DELAY_MS = 250

/**
 * The dashboard's figures, kept current by the live channel: every event of the viewer's scope that
 * can change a figure refetches the summary (the server only sends events the viewer may see, and
 * catches up after a disconnection, refetching everything when it cannot).
 */
export function useDashboardSummary(input: DashboardSummaryInput) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const options = trpc.dashboard.summary.queryOptions(input, { placeholderData: keepPreviousData })
  const query = useQuery(options)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useLiveEvents((event) => {
    if (!LIVE_ENTITIES.has(event.entity)) return
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: trpc.dashboard.summary.queryKey() })
    }, REFRESH_DELAY_MS)
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  return query
}
