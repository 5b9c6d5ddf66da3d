import { useEffect, useRef, useSyncExternalStore } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import {
  connectionStatus,
  startLiveStream,
  subscribeConnectionStatus,
  subscribeLiveEvents,
  type ConnectionStatus,
  type LiveEventListener,
} from '../live-stream.ts'

/** Calls `handler` for every new live event (deduplicated, in id order) while the component is mounted. */
export function useLiveEvents(handler: LiveEventListener): void {
  const queryClient = useQueryClient()
  const handlerRef = useRef(handler)
  useEffect(() => {
    handlerRef.current = handler
  })
  useEffect(() => {
    startLiveStream(queryClient)
    return subscribeLiveEvents((event) => handlerRef.current(event))
  }, [queryClient])
}

export function useConnectionStatus(): ConnectionStatus {
  const queryClient = useQueryClient()
  useEffect(() => startLiveStream(queryClient), [queryClient])
  return useSyncExternalStore(subscribeConnectionStatus, connectionStatus)
}
