import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '../../../lib/trpc.ts'
import { OrganisationPicker } from './organisation-picker.tsx'

interface OrganisationFilterProps {
  organisationId: string | undefined
  onChange: (organisationId: string | undefined) => void
}

/** Narrows the list to the people of one organisation; the URL holds its id, the name is looked up. */
export function OrganisationFilter({ organisationId, onChange }: OrganisationFilterProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const chosen = useQuery({
    ...trpc.organisations.byId.queryOptions({ id: organisationId ?? '' }),
    enabled: Boolean(organisationId),
  })
  const value = organisationId && chosen.data ? { id: chosen.data.id, name: chosen.data.name } : null

  return (
    <OrganisationPicker
      label={t('person.list.organisationFilter')}
      labelHidden
      placeholder={t('person.list.organisationFilter')}
      value={value}
      onChange={(organisation) => onChange(organisation?.id)}
      clearable
      className="sm:w-72"
    />
  )
}
