import { useTranslation } from 'react-i18next'
import type { Role } from '../../../../shared/permissions.ts'
import { SelectField } from '../../../components/ui/select.tsx'

/** The role of a user being created or edited: only the roles the viewer may grant. */
export function RoleSelect({ roles, value, onChange, disabled, errors }: {
  roles: readonly Role[]
  value: Role
  onChange: (role: Role) => void
  disabled?: boolean
  errors?: string[]
}) {
  const { t } = useTranslation()
  return (
    <SelectField
      label={t('admin.users.fields.role')}
      name="role"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as Role)}
      disabled={disabled}
      errors={errors}
    >
      {roles.map((option) => (
        <option key={option} value={option}>
          {t(`roles.${option}`)}
        </option>
      ))}
    </SelectField>
  )
}

/** The team of a user: any team for those who see all teams, otherwise the one it is, shown locked. */
export function TeamSelect({ teams, choosesTeam, value, onChange, fixed, errors }: {
  teams: readonly { id: string; name: string }[]
  choosesTeam: boolean
  value: string
  onChange: (teamId: string) => void
  /** The team shown to those who cannot choose. */
  fixed: { id: string | null; name: string | null | undefined }
  errors?: string[]
}) {
  const { t } = useTranslation()
  return (
    <SelectField
      label={t('admin.users.fields.team')}
      name="teamId"
      value={choosesTeam ? value : (fixed.id ?? '')}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={!choosesTeam}
      errors={errors}
    >
      {choosesTeam ? (
        teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))
      ) : (
        <option value={fixed.id ?? ''}>{fixed.name ?? '—'}</option>
      )}
    </SelectField>
  )
}
