import { pipelineBoardInput, pipelineMoveInput, pipelineOnChangeInput } from '../../../shared/schemas/pipeline.ts'
import { liveEvents, RESET_EVENT_TYPE } from '../../events/subscription.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { getBoard, moveCard } from './pipeline.service.ts'

export const pipelineRouter = router({
  board: authorizedProcedure('record:read')
    .input(pipelineBoardInput)
    .query(({ ctx, input }) => ctx.readCache.answer('pipeline.board', ctx.viewer, input, () => getBoard(ctx, input))),
  move: authorizedProcedure('record:write')
    .input(pipelineMoveInput)
    .mutation(({ ctx, input }) => moveCard(ctx, input)),
  /** Organisation changes of the caller's scope, live; resumes after `lastEventId`. */
  onChange: authorizedProcedure('record:read')
    .input(pipelineOnChangeInput)
    .subscription(({ ctx, input, signal }) =>
      liveEvents(ctx.liveFeed, ctx.viewer, {
        lastEventId: input?.lastEventId,
        signal,
        filter: (event) => {
          if (event.type === RESET_EVENT_TYPE) return true
          if (event.entity !== 'organisation') return false
          const payload = event.payload as { type?: string; ownerId?: string | null }
          if (input?.type?.length && payload.type && !input.type.includes(payload.type as never)) return false
          if (input?.ownerId && payload.ownerId !== input.ownerId) return false
          return true
        },
      }),
    ),
})
