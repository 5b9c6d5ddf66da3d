import { useTranslation } from 'react-i18next'
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx'
import type { organisationMessages } from '../../../locales/features/organisation.ts'
import { changedByLabel, type FieldHighlight, type FieldHighlights } from '../collaboration/use-organisation-live.ts'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'

const LINK = 'text-indigo-600 hover:underline dark:text-indigo-400'

type FieldKey = keyof (typeof organisationMessages)['fr']['fields']

// Fields shown together: a change of any of them highlights their item.
const ITEM_FIELDS: Record<string, readonly string[]> = { address: ['address', 'postalCode', 'city', 'country'] }

/**
 * Every field of the organisation, read-only; empty ones say so instead of disappearing. Values
 * someone else just saved are tinted in their colour with their name (`highlights`). The notes
 * have their own, co-edited card.
 */
export function OrganisationInfo({ organisation, highlights = {} }: { organisation: OrganisationDetail; highlights?: FieldHighlights }) {
  const { t } = useTranslation()
  const live = (item: string) => {
    const highlight: FieldHighlight | undefined = (ITEM_FIELDS[item] ?? [item]).map((field) => highlights[field]).find(Boolean)
    if (!highlight) return {}
    return { highlight: { color: highlight.color, label: changedByLabel(t, highlight) } }
  }
  const format = useFormatters()
  const empty = t('organisation.detail.noValue')
  const field = (name: FieldKey) => t(`organisation.fields.${name}`)
  const cityLine = [organisation.postalCode, organisation.city].filter(Boolean).join(' ')

  return (
    <DescriptionList>
      <DescriptionItem label={field('type')} emptyText={empty} data-testid="field-type" {...live('type')}>
        {t(`organisation.types.${organisation.type}`)}
      </DescriptionItem>
      <DescriptionItem label={field('category')} emptyText={empty} data-testid="field-category" {...live('category')}>
        {organisation.category}
      </DescriptionItem>
      <DescriptionItem label={field('stage')} emptyText={empty} data-testid="field-stage" {...live('stage')}>
        {t(`organisation.stages.${organisation.stage}`)}
      </DescriptionItem>
      <DescriptionItem label={field('potentialAmount')} emptyText={empty} data-testid="field-potentialAmount" {...live('potentialAmount')}>
        {organisation.potentialAmount === null ? null : (
          <span className="tabular-nums">{format.amount(organisation.potentialAmount)}</span>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('ownerId')} emptyText={t('organisation.detail.noOwner')} data-testid="field-owner" {...live('ownerId')}>
        {organisation.owner?.name}
      </DescriptionItem>
      <DescriptionItem label={field('isActive')} emptyText={empty} data-testid="field-isActive" {...live('isActive')}>
        {organisation.isActive ? t('organisation.detail.active') : t('organisation.detail.inactive')}
      </DescriptionItem>
      <DescriptionItem label={field('email')} emptyText={empty} data-testid="field-email" {...live('email')}>
        {organisation.email && (
          <a href={`mailto:${organisation.email}`} className={LINK}>
            {organisation.email}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('phone')} emptyText={empty} data-testid="field-phone" {...live('phone')}>
        {organisation.phone && (
          <a href={`tel:${organisation.phone.replace(/[^\d+]/g, '')}`} className={LINK}>
            {organisation.phone}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('website')} emptyText={empty} data-testid="field-website" {...live('website')}>
        {organisation.website && (
          <a href={organisation.website} target="_blank" rel="noreferrer noopener" className={LINK}>
            {organisation.website.replace(/^https?:\/\//, '')}
          </a>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('address')} emptyText={empty} wide data-testid="field-address" {...live('address')}>
        {(organisation.address || cityLine || organisation.country) && (
          <address className="not-italic">
            {organisation.address && <span className="block">{organisation.address}</span>}
            {(cityLine || organisation.country) && (
              <span className="block">{[cityLine, organisation.country].filter(Boolean).join(', ')}</span>
            )}
          </address>
        )}
      </DescriptionItem>
      <DescriptionItem label={field('language')} emptyText={empty} data-testid="field-language" {...live('language')}>
        {organisation.language &&
          t(`organisation.languages.${organisation.language as 'fr'}`, { defaultValue: organisation.language })}
      </DescriptionItem>
      <DescriptionItem label={field('tags')} emptyText={empty} wide data-testid="field-tags" {...live('tags')}>
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
      <DescriptionItem label={field('team')} emptyText={empty} data-testid="field-team" {...live('team')}>
        {organisation.team.name}
      </DescriptionItem>
      <DescriptionItem label={field('createdAt')} emptyText={empty}>
        {format.dateTime(organisation.createdAt)}
      </DescriptionItem>
      <DescriptionItem label={field('updatedAt')} emptyText={empty}>
        {format.dateTime(organisation.updatedAt)}
      </DescriptionItem>
    </DescriptionList>
  )
}
