import { useTranslation } from 'react-i18next'
import type { ApiTokenCreateInput } from '../../../../shared/schemas/api-token.ts'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import type { TokenStatus } from '../token-status.ts'

type Scope = NonNullable<ApiTokenCreateInput['scope']>

export function ScopeBadge({ scope }: { scope: Scope }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone={scope === 'READ' ? 'info' : 'accent'} data-testid="token-scope">
      {t(`admin.tokens.scopes.${scope}.short`)}
    </StatusBadge>
  )
}

const STATUS_TONES = { active: 'success', expired: 'warning', revoked: 'neutral' } as const

export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone={STATUS_TONES[status]} dot data-testid="token-status">
      {t(`admin.tokens.status.${status}`)}
    </StatusBadge>
  )
}
