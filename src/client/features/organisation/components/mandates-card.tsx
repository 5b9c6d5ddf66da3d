import { FileSignature } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge.tsx'
import type { OrganisationDetail } from '../form.ts'
import { useFormatters } from '../format.ts'
import { RelatedCard } from './related-card.tsx'

type Mandate = OrganisationDetail['mandates'][number]

const STATUS_TONES: Record<Mandate['status'], StatusTone> = {
  DRAFT: 'neutral',
  NEGOTIATION: 'warning',
  SIGNED: 'success',
  EXPIRED: 'neutral',
  TERMINATED: 'danger',
}

// Start and end are calendar days (no time zone): formatted in UTC so the day never shifts.
const CALENDAR_DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' }

export function MandatesCard({ mandates }: { mandates: OrganisationDetail['mandates'] }) {
  const { t, i18n } = useTranslation()
  const format = useFormatters()
  const day = (value: Date) => new Intl.DateTimeFormat(i18n.language, CALENDAR_DAY).format(value)

  const period = (mandate: Mandate) => {
    if (mandate.startDate && mandate.endDate) {
      return t('organisation.mandates.period', { start: day(mandate.startDate), end: day(mandate.endDate) })
    }
    return mandate.startDate ? t('organisation.mandates.since', { start: day(mandate.startDate) }) : null
  }

  return (
    <RelatedCard
      icon={FileSignature}
      title={t('organisation.mandates.title')}
      count={mandates.length}
      empty={t('organisation.mandates.empty')}
      data-testid="organisation-mandates"
    >
      {mandates.map((mandate) => {
        const when = period(mandate)
        return (
          <li key={mandate.id} className="space-y-2 px-5 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium text-zinc-900 dark:text-white">
                {mandate.reference ?? t('organisation.mandates.noReference')}
                <span className="font-normal text-zinc-500 dark:text-zinc-400">
                  {' · '}
                  {t(`organisation.mandates.types.${mandate.type}`)}
                </span>
              </p>
              <StatusBadge tone={STATUS_TONES[mandate.status]} dot>
                {t(`organisation.mandates.statuses.${mandate.status}`)}
              </StatusBadge>
            </div>
            {(when || mandate.signedAt) && (
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {[when, mandate.signedAt && t('organisation.mandates.signedAt', { date: format.date(mandate.signedAt) })]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            )}
            {mandate.products.length ? (
              <ul className="flex flex-wrap gap-1.5">
                {mandate.products.map(({ product }) => (
                  <li
                    key={product.id}
                    title={product.isin}
                    className="rounded-md bg-zinc-100 px-2 py-1 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                  >
                    {product.name}
                    <span className="ml-1.5 font-mono text-[0.6875rem] text-zinc-600 dark:text-zinc-400">
                      {product.isin}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-xs text-zinc-500 italic dark:text-zinc-400">{t('organisation.mandates.noProducts')}</p>
            )}
          </li>
        )
      })}
    </RelatedCard>
  )
}
