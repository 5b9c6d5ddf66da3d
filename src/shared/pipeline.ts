// Pipeline stages in board order, with the win probability used for weighted totals.
export const PIPELINE_STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const
export type PipelineStage = (typeof PIPELINE_STAGES)[number]

export const STAGE_PROBABILITY: Record<PipelineStage, number> = {
  PROSPECT: 0.1,
  QUALIFIED: 0.25,
  PROPOSAL: 0.5,
  NEGOTIATION: 0.75,
  WON: 1,
  LOST: 0,
}
