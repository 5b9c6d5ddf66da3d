import { useId } from 'react'
import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { ORGANISATION_TYPES } from '../../../../shared/schemas/organisation.ts'
import { Button } from '../../../components/ui/button.tsx'
import { MultiSelect } from '../../../components/ui/multi-select.tsx'
import { Select } from '../../../components/ui/select.tsx'
import type { OrganisationType } from '../board-cache.ts'
import { hasFilters, type PipelineSearch } from '../board-input.ts'

interface PipelineFiltersProps {
  search: PipelineSearch
  owners: ReadonlyArray<{ id: string; name: string }> | undefined
  onChange: (search: PipelineSearch) => void
}

export function PipelineFilters({ search, owners, onChange }: PipelineFiltersProps) {
  const { t } = useTranslation()
  const ownerId = useId()
  const typeOptions = ORGANISATION_TYPES.map((value) => ({ value, label: t(`pipeline.types.${value}`) }))

  return (
    <div role="group" aria-label={t('pipeline.filters.label')} className="flex flex-wrap items-center gap-3">
      <MultiSelect<OrganisationType>
        label={t('pipeline.filters.type')}
        options={typeOptions}
        value={search.type ?? []}
        onChange={(type) => onChange({ ...search, type: type.length ? type : undefined })}
        clearLabel={t('pipeline.filters.allTypes')}
        className="w-full sm:w-56"
        data-testid="pipeline-filter-type"
      />
      <div className="flex w-full items-center gap-2 sm:w-64">
        <label htmlFor={ownerId} className="sr-only">
          {t('pipeline.filters.owner')}
        </label>
        <Select
          id={ownerId}
          value={search.ownerId ?? ''}
          disabled={!owners}
          onChange={(event) => onChange({ ...search, ownerId: event.currentTarget.value || undefined })}
          className="w-full"
          data-testid="pipeline-filter-owner"
        >
          <option value="">{t('pipeline.filters.allOwners')}</option>
          {/* An owner from an old link who is no longer listed: say so rather than show "all". */}
          {search.ownerId && owners && !owners.some((owner) => owner.id === search.ownerId) && (
            <option value={search.ownerId}>{t('pipeline.filters.unknownOwner')}</option>
          )}
          {owners?.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </Select>
      </div>
      {hasFilters(search) && (
        <Button variant="ghost" size="sm" onClick={() => onChange({})}>
          <X aria-hidden className="size-4" />
          {t('pipeline.filters.reset')}
        </Button>
      )}
    </div>
  )
}
