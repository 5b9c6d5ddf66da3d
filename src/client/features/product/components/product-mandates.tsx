import { Link } from '@tanstack/react-router'
import { FileSignature } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { focusRing } from '../../../components/ui/button.tsx'
import { Card, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { cn } from '../../../lib/cn.ts'
import { MANDATE_STATUS_TONES } from '../../mandate/mandate-display.ts'
import type { ProductDetail } from '../product-display.ts'

interface ProductMandatesProps {
  mandates: ProductDetail['mandates']
  className?: string
}

/** The mandates under which the product is distributed. */
export function ProductMandates({ mandates, className }: ProductMandatesProps) {
  const { t } = useTranslation()
  return (
    <Card className={className} data-testid="product-mandates">
      <CardHeader className="pb-4">
        <CardTitle>{t('product.detail.mandates', { count: mandates.length })}</CardTitle>
      </CardHeader>
      {mandates.length === 0 ? (
        <div className="flex flex-col items-center border-t border-zinc-200 px-5 py-10 text-center dark:border-zinc-800">
          <FileSignature aria-hidden className="size-6 text-zinc-400 dark:text-zinc-500" />
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('product.detail.noMandates')}</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-100 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {mandates.map((mandate) => (
            <li key={mandate.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
              <div className="min-w-0 flex-1">
                <Link
                  to="/mandates/$id"
                  params={{ id: mandate.id }}
                  className={cn(
                    'rounded text-sm font-medium text-zinc-900 hover:text-indigo-600 dark:text-white dark:hover:text-indigo-400',
                    focusRing,
                  )}
                >
                  {mandate.organisation.name}
                </Link>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {[mandate.reference, t(`mandate.types.${mandate.type}`)].filter(Boolean).join(' · ')}
                </p>
              </div>
              {mandate.signedAt && (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {t('product.detail.signedOn')} <FormattedDate value={mandate.signedAt} />
                </span>
              )}
              <StatusBadge tone={MANDATE_STATUS_TONES[mandate.status]} dot>
                {t(`mandate.statuses.${mandate.status}`)}
              </StatusBadge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
