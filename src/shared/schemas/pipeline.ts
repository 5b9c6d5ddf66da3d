import { z } from 'zod'
import { idSchema } from './common.ts'
import { organisationType, pipelineStage } from './organisation.ts'

export const pipelineBoardInput = z.object({
  type: z.array(organisationType).max(5).optional(),
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
})
export type PipelineBoardInput = z.input<typeof pipelineBoardInput>

export const pipelineMoveInput = z.object({
  id: idSchema,
  /** The stage the user saw: if someone moved the card meanwhile, the move is refused. */
  fromStage: pipelineStage,
  toStage: pipelineStage,
})
export type PipelineMoveInput = z.input<typeof pipelineMoveInput>

/** Resume point for subscriptions: the id of the last event received. */
export const lastEventIdSchema = z.string().regex(/^\d{1,19}$/, 'event_id').nullish()

export const pipelineOnChangeInput = z
  .object({
    lastEventId: lastEventIdSchema,
    type: z.array(organisationType).max(5).optional(),
    ownerId: idSchema.optional(),
  })
  .optional()
