import { useTranslation } from 'react-i18next'
import type { PipelineStage } from '../../../../shared/pipeline.ts'
import type { ORGANISATION_TYPES } from '../../../../shared/schemas/organisation.ts'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.tsx'

// One colour per stage, wherever a stage is shown: grey to start, warming up, green won, red lost.
const STAGE_TONES: Record<PipelineStage, StatusTone> = {
  PROSPECT: 'neutral',
  QUALIFIED: 'info',
  PROPOSAL: 'accent',
  NEGOTIATION: 'warning',
  WON: 'success',
  LOST: 'danger',
}

export function StageBadge({ stage }: { stage: PipelineStage }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone={STAGE_TONES[stage]} dot data-testid="stage-badge">
      {t(`organisation.stages.${stage}`)}
    </StatusBadge>
  )
}

export function TypeBadge({ type }: { type: (typeof ORGANISATION_TYPES)[number] }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone="neutral" data-testid="type-badge">
      {t(`organisation.types.${type}`)}
    </StatusBadge>
  )
}

export function InactiveBadge({ label }: { label: string }) {
  return (
    <StatusBadge tone="neutral" className="opacity-80">
      {label}
    </StatusBadge>
  )
}
