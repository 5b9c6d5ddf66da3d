import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/permissions.ts'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.tsx'

const TONES: Record<Role, StatusTone> = { ADMIN: 'accent', MANAGER: 'info', SALES: 'success', VIEWER: 'neutral' }

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone={TONES[role]} data-testid="role-badge">
      {t(`roles.${role}`)}
    </StatusBadge>
  )
}

export function ActiveStatus({ active }: { active: boolean }) {
  const { t } = useTranslation()
  return (
    <StatusBadge tone={active ? 'success' : 'neutral'} dot data-testid="user-status">
      {active ? t('admin.users.active') : t('admin.users.inactive')}
    </StatusBadge>
  )
}
