import { useTranslation } from 'react-i18next'
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx'
import type { organisationMessages } from '../../../locales/features/organisation.ts'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'

const LINK = 'text-indigo-600 hover:underline dark:text-indigo-400'

type FieldKey = keyof (typeof organisationMessages)['fr']['fields']

/** Every field of the organisation, read-only; empty ones say so instead of disappearing. */
export function OrganisationInfo({ organisation }: { organisation: OrganisationDetail }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const empty = t('organisation.detail.noValue')
  const field = (name: FieldKey) => t(`organisation.fields.${name}`)
  const cityLine = [organisation.postalCode, organisation.city].filter(Boolean).join(' ')

  return (
    <DescriptionList>
      <DescriptionItem label={field('type')} emptyText={empty} data-testid="field-type">
        {t(`organisation.types.${organisation.type}`)}
      </DescriptionItem>
      <DescriptionItem label={field('category')} emptyText={empty} data-testid="field-category">
        {organisation.category}
      </DescriptionItem>
      <DescriptionItem label={field('stage')} emptyText={empty} data-testid="field-stage">
        {t(`organisation.stages.${organisation.stage}`)}
      </DescriptionItem>
      <DescriptionItem label={field('potentialAmount')} emptyText={empty} data-testid="field-potentialAmount">
        {organisation.potentialAmount === null ? null : (
          <span className="tabular-nums">{format.amount(organisation.potentialAmount)}</span>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('ownerId')} emptyText={t('organisation.detail.noOwner')} data-testid="field-owner">
        {organisation.owner?.name}
      </DescriptionItem>
      <DescriptionItem label={field('isActive')} emptyText={empty} data-testid="field-isActive">
        {organisation.isActive ? t('organisation.detail.active') : t('organisation.detail.inactive')}
      </DescriptionItem>
      <DescriptionItem label={field('email')} emptyText={empty} data-testid="field-email">
        {organisation.email && (
          <a href={`mailto:${organisation.email}`} className={LINK}>
            {organisation.email}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('phone')} emptyText={empty} data-testid="field-phone">
        {organisation.phone && (
          <a href={`tel:${organisation.phone.replace(/[^\d+]/g, '')}`} className={LINK}>
            {organisation.phone}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('website')} emptyText={empty} data-testid="field-website">
        {organisation.website && (
          <a href={organisation.website} target="_blank" rel="noreferrer noopener" className={LINK}>
            {organisation.website.replace(/^https?:\/\//, '')}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('address')} emptyText={empty} wide data-testid="field-address">
        {(organisation.address || cityLine || organisation.country) && (
          <address className="not-italic">
            {organisation.address && <span className="block">{organisation.address}</span>}
            {(cityLine || organisation.country) && (
              <span className="block">{[cityLine, organisation.country].filter(Boolean).join(', ')}</span>
            )}
          </address>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('language')} emptyText={empty} data-testid="field-language">
        {organisation.language &&
          t(`organisation.languages.${organisation.language as 'fr'}`, { defaultValue: organisation.language })}
      </DescriptionItem>
      <DescriptionItem label={field('tags')} emptyText={empty} wide data-testid="field-tags">
        {organisation.tags.length === 0 ? null : (
          <span className="flex flex-wrap gap-1.5">
            {organisation.tags.map((tag) => (
              <span
                key={tag}
                className="rounded-md bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300"
              >
                {tag}
              </span>
            ))}
          </span>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('team')} emptyText={empty} data-testid="field-team">
        {organisation.team.name}
      </DescriptionItem>
      <DescriptionItem label={field('createdAt')} emptyText={empty}>
        {format.dateTime(organisation.createdAt)}
      </DescriptionItem>
      <DescriptionItem label={field('updatedAt')} emptyText={empty}>
        {format.dateTime(organisation.updatedAt)}
      </DescriptionItem>
      <DescriptionItem label={field('notes')} emptyText={empty} wide data-testid="field-notes">
        {organisation.notes && <span className="whitespace-pre-wrap">{organisation.notes}</span>}
      </DescriptionItem>
    </DescriptionList>
  )
}
