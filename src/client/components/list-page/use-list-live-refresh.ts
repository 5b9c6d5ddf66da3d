import { useEffect, useRef } from 'react'
import { useQueryClient, type QueryFilters } from '@tanstack/react-query'
import { useLiveEvents } from '../../features/live/hooks/use-live-events.ts'

// A bulk edit or an import arrives as a burst of events: one refetch for the lot.
const SETTLE_MS = 300

/** Refetches an open list when others change records of its kind (events from the log, scoped). */
export function useListLiveRefresh(entity: string, filters: QueryFilters) {
  const queryClient = useQueryClient()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const filtersRef = useRef(filters)
  filtersRef.current = filters
  useEffect(() => () => clearTimeout(timer.current), [])
  useLiveEvents((event) => {
    if (event.entity !== entity) return
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void queryClient.invalidateQueries(filtersRef.current), SETTLE_MS)
  })
}
