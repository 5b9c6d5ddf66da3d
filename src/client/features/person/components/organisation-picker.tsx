import { useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ORGANISATION_TYPES } from '../../../../shared/schemas/organisation.ts'
import { Combobox } from '../../../components/ui/combobox.tsx'
import { useTRPC } from '../../../lib/trpc.ts'

export interface PickedOrganisation {
  id: string
  name: string
}

type OrganisationType = (typeof ORGANISATION_TYPES)[number]

/** What a search result adds to a choice: enough to tell two similar names apart. */
type OrganisationOption = PickedOrganisation & { type?: OrganisationType; city?: string | null }

interface OrganisationPickerProps {
  label: string
  labelHidden?: boolean
  value: PickedOrganisation | null
  onChange: (organisation: PickedOrganisation | null) => void
  /** Only organisations of these types are offered (mandates are signed with suppliers). */
  types?: OrganisationType[]
  /** Only organisations of this team are offered (an admin sees every team's). */
  teamId?: string
  /** Organisations that may not be picked again (those a person is already linked to). */
  excludeIds?: readonly string[]
  placeholder?: string
  errors?: string[]
  clearable?: boolean
  autoFocus?: boolean
  className?: string
}

const RESULT_LIMIT = 20

/** Searches the team's organisations by name as the user types (organisations.list). */
export function OrganisationPicker({
  label,
  labelHidden,
  value,
  onChange,
  types,
  teamId,
  excludeIds = [],
  placeholder,
  errors,
  clearable = false,
  autoFocus,
  className,
}: OrganisationPickerProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  // Nothing is fetched until the list is first opened.
  const [query, setQuery] = useState<string | null>(null)
  const results = useQuery({
    ...trpc.organisations.list.queryOptions({
      q: query || undefined,
      type: types,
      teamId,
      limit: RESULT_LIMIT,
      sort: { field: 'name', direction: 'asc' },
    }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  })
  const items: OrganisationOption[] = (results.data?.items ?? [])
    .filter((organisation) => !excludeIds.includes(organisation.id))
    .map(({ id, name, type, city }) => ({ id, name, type, city }))

  return (
    <Combobox<OrganisationOption>
      label={label}
      labelHidden={labelHidden}
      value={value}
      onChange={(picked) => onChange(picked && { id: picked.id, name: picked.name })}
      items={items}
      getKey={(organisation) => organisation.id}
      getLabel={(organisation) => organisation.name}
      renderItem={(organisation) => (
        <span className="flex flex-col">
          <span className="truncate font-medium text-zinc-900 dark:text-white">{organisation.name}</span>
          {organisation.type && (
            <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">
              {[t(`organisation.types.${organisation.type}`), organisation.city].filter(Boolean).join(' · ')}
            </span>
          )}
        </span>
      )}
      onSearch={setQuery}
      loading={results.isFetching}
      placeholder={placeholder ?? t('person.picker.organisationPlaceholder')}
      emptyText={results.isError ? t('person.picker.loadError') : t('person.picker.noOrganisation')}
      loadingText={t('common.loading')}
      clearLabel={clearable ? t('person.picker.clear') : undefined}
      errors={errors}
      autoFocus={autoFocus}
      className={className}
    />
  )
}
