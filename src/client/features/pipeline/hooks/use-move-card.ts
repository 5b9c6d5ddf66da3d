import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES, type PipelineStage } from '../../../../shared/pipeline.ts'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { stateOf, type BoardCard, type CardState } from '../board-cache.ts'
import { findCachedCard, updateCachedBoards } from '../board-queries.ts'
import { lastMoverOf, markRecentMove } from '../recent-moves.ts'

export interface MoveNotice {
  tone: 'warning' | 'error'
  title?: string
  message: string
  /** The card to bring into view: where it really is after a conflict. */
  reveal?: { id: string; stage: PipelineStage }
}

interface ConflictDetails {
  current?: Partial<BoardCard> & { owner?: { id: string; name: string } | null }
  /** Who made the move that won, when the server says so. */
  movedBy?: { name?: string } | null
}

function currentStateOf(details: ConflictDetails | null | undefined): CardState | undefined {
  const current = details?.current
  if (!current?.id || !current.stage || !(PIPELINE_STAGES as readonly string[]).includes(current.stage)) return undefined
  if (typeof current.version !== 'number' || !current.name || !current.type) return undefined
  return {
    id: current.id,
    name: current.name,
    type: current.type,
    stage: current.stage,
    potentialAmount: current.potentialAmount ?? null,
    ownerId: current.owner?.id ?? null,
    version: current.version,
    city: current.city ?? null,
  }
}

/**
 * Moves a card at once on every cached board, then asks the server; a refusal puts the card back
 * (or, on CONFLICT, where it really is) and explains why in `onRefused`.
 */
export function useMoveCard(onRefused: (notice: MoveNotice) => void) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { t } = useTranslation()
  const boards = trpc.pipeline.board.pathFilter()

  const mutation = useMutation(
    trpc.pipeline.move.mutationOptions({
      onMutate: async (input) => {
        // A refetch landing after the optimistic move would put the card back for a moment.
        const refreshing = queryClient.isFetching(boards) > 0
        await queryClient.cancelQueries(boards)
        const original = findCachedCard(queryClient, trpc, input.id)
        if (original) {
          const before = stateOf(original)
          updateCachedBoards(queryClient, trpc, [
            { id: input.id, before, after: { ...before, stage: input.toStage, version: before.version + 1 }, force: true },
          ])
        }
        return { original, refreshing }
      },
      onError: (error, input, context) => {
        const original = context?.original
        const name = original?.name ?? ''
        const kind = errorKind(error)
        const details = error.data?.details as ConflictDetails | null | undefined
        const current = kind === 'conflict' ? currentStateOf(details) : undefined
        const optimistic = original ? { ...stateOf(original), stage: input.toStage } : null
        if (current) {
          updateCachedBoards(queryClient, trpc, [{ id: input.id, before: optimistic, after: current, force: true }])
          const actor = details?.movedBy?.name ?? lastMoverOf(input.id)
          markRecentMove(input.id, { actorName: actor ?? null, from: input.fromStage, to: current.stage, at: Date.now() })
          const params = { name: current.name, actor, stage: t(`pipeline.stages.${current.stage}`) }
          onRefused({
            tone: 'warning',
            title: t('pipeline.moves.conflictTitle'),
            message: actor ? t('pipeline.moves.conflict', params) : t('pipeline.moves.conflictUnknownActor', params),
            reveal: { id: input.id, stage: current.stage },
          })
          return
        }
        if (original) {
          const restore = kind === 'notFound' ? null : stateOf(original)
          updateCachedBoards(queryClient, trpc, [{ id: input.id, before: optimistic, after: restore, force: true }])
        }
        if (kind === 'unauthorized') return // the whole session ends: no message needed
        const message =
          kind === 'forbidden'
            ? t('pipeline.moves.forbidden')
            : kind === 'notFound'
              ? t('pipeline.moves.notFound', { name })
              : kind === 'unreachable'
                ? t('pipeline.moves.unreachable', { name })
                : t('pipeline.moves.failed', { name })
        onRefused({ tone: 'error', message })
        // A conflict that did not say where the card is now: the server's boards will.
        if (kind === 'conflict') void queryClient.invalidateQueries(boards)
      },
      onSettled: (_data, _error, _input, context) => {
        if (context?.refreshing) void queryClient.invalidateQueries(boards)
      },
    }),
  )

  return (card: BoardCard, toStage: PipelineStage) => {
    if (card.stage === toStage) return
    mutation.mutate({ id: card.id, fromStage: card.stage, toStage })
  }
}
