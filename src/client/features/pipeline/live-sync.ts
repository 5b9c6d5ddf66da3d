import type { QueryClient } from '@tanstack/react-query'
import type { Trpc } from '../../lib/trpc.ts'
import { liveSessionUserId, startLiveStream, subscribeLiveEvents, type LiveEvent } from '../live/live-stream.ts'
import { shareBoard, type CardChange } from './board-cache.ts'
import { ownerLookup, updateCachedBoards } from './board-queries.ts'
import { boardChangeOf, stageMoveOf } from './organisation-events.ts'
import { markRecentMove } from './recent-moves.ts'

// Bursts (an import, a bulk edit) are applied in one cache write per board rather than per event.
const FLUSH_MS = 40

let started = false
let deps: { queryClient: QueryClient; trpc: Trpc } | undefined
let pending: CardChange[] = []
let refetchNeeded = false
let timer: ReturnType<typeof setTimeout> | undefined

function flush() {
  timer = undefined
  if (!deps) return
  const changes = pending
  pending = []
  updateCachedBoards(deps.queryClient, deps.trpc, changes)
  if (refetchNeeded) {
    refetchNeeded = false
    void deps.queryClient.invalidateQueries(deps.trpc.pipeline.board.pathFilter())
  }
}

function onEvent(event: LiveEvent) {
  if (event.entity !== 'organisation' || !deps) return
  const change = boardChangeOf(event)
  if (change === 'refetch') refetchNeeded = true
  else if (change) pending.push(change)

  const move = stageMoveOf(event)
  if (move && event.actorId !== liveSessionUserId()) {
    const actorName = event.actorId ? (ownerLookup(deps.queryClient, deps.trpc)(event.actorId)?.name ?? null) : null
    markRecentMove(event.entityId, { ...move, actorName, at: Date.now() })
  }
  timer ??= setTimeout(flush, FLUSH_MS)
}

/**
 * Keeps every cached pipeline board in step with the event log, from the first board load on,
 * whether or not the board is on screen (so coming back to it never shows a stale column).
 */
export function startBoardLiveSync(queryClient: QueryClient, trpc: Trpc): void {
  deps = { queryClient, trpc }
  startLiveStream(queryClient)
  if (started) return
  started = true
  // For every board query, whoever creates it (loader, page, cache writes below).
  queryClient.setQueryDefaults(trpc.pipeline.board.pathKey(), { structuralSharing: shareBoard })
  subscribeLiveEvents(onEvent)
}
