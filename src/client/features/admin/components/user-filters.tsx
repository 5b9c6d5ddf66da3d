import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ROLES } from '../../../../shared/permissions.ts'
import { Button } from '../../../components/ui/button.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { Select } from '../../../components/ui/select.tsx'
import { hasUserFilters, USER_STATUSES, type AdminSearch } from '../admin-search.ts'

interface UserFiltersProps {
  search: AdminSearch
  /** Only an admin chooses among teams; everyone else sees their own. */
  teams?: readonly { id: string; name: string }[]
  onChange: (patch: Partial<AdminSearch>) => void
}

export function UserFilters({ search, teams, onChange }: UserFiltersProps) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center" data-testid="user-filters">
      <SearchField
        label={t('admin.users.filters.search')}
        placeholder={t('admin.users.filters.searchPlaceholder')}
        value={search.q ?? ''}
        onChange={(q) => onChange({ q: q || undefined })}
        className="lg:w-72"
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:flex lg:flex-1 lg:items-center">
        {teams && (
          <Select
            aria-label={t('admin.users.filters.team')}
            value={search.team ?? ''}
            onChange={(event) => onChange({ team: event.currentTarget.value || undefined })}
            className="lg:w-48"
          >
            <option value="">{t('admin.users.filters.allTeams')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        )}
        <MultiSelect
          label={t('admin.users.filters.role')}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={search.role ?? []}
          onChange={(role) => onChange({ role: role.length ? role : undefined })}
          clearLabel={t('admin.users.filters.clearRoles')}
          className="lg:w-52"
          data-testid="role-filter"
        />
        <Select
          aria-label={t('admin.users.filters.status')}
          value={search.status ?? ''}
          onChange={(event) =>
            onChange({ status: (event.currentTarget.value || undefined) as AdminSearch['status'] })
          }
          className="lg:w-44"
        >
          <option value="">{t('admin.users.filters.anyStatus')}</option>
          {USER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`admin.users.filters.${status}`)}
            </option>
          ))}
        </Select>
        {hasUserFilters(search) && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange({ team: undefined, role: undefined, status: undefined, q: undefined })}
            className="justify-self-start"
          >
            <X aria-hidden className="size-4" />
            {t('admin.users.filters.clear')}
          </Button>
        )}
      </div>
    </div>
  )
}
