import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import { ORGANISATION_TYPES } from '../../../../shared/schemas/organisation.ts'
import { Button } from '../../../components/ui/button.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { Select } from '../../../components/ui/select.tsx'
import { hasFilters, type OrganisationSearch } from '../search.ts'
import type { OwnerOption } from './organisation-form-fields.tsx'

interface OrganisationFiltersProps {
  search: OrganisationSearch
  onSearch: (changes: Partial<OrganisationSearch>) => void
  owners: readonly OwnerOption[]
}

export function OrganisationFilters({ search, onSearch, owners }: OrganisationFiltersProps) {
  const { t } = useTranslation()
  const status = search.active === undefined ? '' : String(search.active)

  return (
    <div className="flex flex-wrap gap-3">
      <SearchField
        label={t('organisation.list.searchLabel')}
        placeholder={t('organisation.list.searchPlaceholder')}
        value={search.q ?? ''}
        onChange={(q) => onSearch({ q: q || undefined })}
        className="min-w-0 flex-[2_1_16rem]"
      />
      <MultiSelect
        label={t('organisation.filters.type')}
        options={ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`organisation.types.${type}`) }))}
        value={search.type ?? []}
        onChange={(type) => onSearch({ type: type.length ? type : undefined })}
        clearLabel={t('organisation.filters.clearChoice')}
        className="flex-[1_1_8rem]"
        data-testid="filter-type"
      />
      <MultiSelect
        label={t('organisation.filters.stage')}
        options={PIPELINE_STAGES.map((stage) => ({ value: stage, label: t(`organisation.stages.${stage}`) }))}
        value={search.stage ?? []}
        onChange={(stage) => onSearch({ stage: stage.length ? stage : undefined })}
        clearLabel={t('organisation.filters.clearChoice')}
        className="flex-[1_1_8rem]"
        data-testid="filter-stage"
      />
      <Select
        className="flex-[1_1_9rem]"
        aria-label={t('organisation.filters.status')}
        value={status}
        onChange={(event) => {
          const { value } = event.currentTarget
          onSearch({ active: value === '' ? undefined : value === 'true' })
        }}
      >
        <option value="">{t('organisation.filters.allStatuses')}</option>
        <option value="true">{t('organisation.filters.activeOnly')}</option>
        <option value="false">{t('organisation.filters.inactiveOnly')}</option>
      </Select>
      <Select
        className="flex-[1.4_1_12rem]"
        aria-label={t('organisation.filters.owner')}
        value={search.owner ?? ''}
        onChange={(event) => onSearch({ owner: event.currentTarget.value || undefined })}
      >
        <option value="">{t('organisation.filters.allOwners')}</option>
        {owners.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name}
          </option>
        ))}
      </Select>
      {hasFilters(search) && (
        <Button
          variant="ghost"
          onClick={() =>
            onSearch({ q: undefined, type: undefined, stage: undefined, active: undefined, owner: undefined })
          }
        >
          <X aria-hidden className="size-4" />
          {t('organisation.filters.reset')}
        </Button>
      )}
    </div>
  )
}
