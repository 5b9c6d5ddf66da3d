import { Link } from '@tanstack/react-router'
import { TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { SimilarityReason } from '../../../shared/schemas/duplicates.ts'
import { Button } from '../../components/ui/button.tsx'

interface DuplicateWarningProps {
  matches: { id: string; name: string; reasons: SimilarityReason[] }[]
  /** Where a match's page is. */
  to: '/organisations/$id' | '/people/$id'
  /** Creates the record all the same. */
  onCreateAnyway: () => void
  busy?: boolean
}

/** "This looks like an existing record": links to the look-alikes, and "créer quand même". */
export function DuplicateWarning({ matches, to, onCreateAnyway, busy = false }: DuplicateWarningProps) {
  const { t } = useTranslation()
  if (matches.length === 0) return null
  return (
    <div
      role="alert"
      data-testid="duplicate-warning"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p className="flex items-center gap-2 font-semibold">
        <TriangleAlert aria-hidden className="size-4 shrink-0 text-amber-700 dark:text-amber-300" />
        {t('activity.duplicates.title')}
      </p>
      <p className="mt-1">{t('activity.duplicates.text')}</p>
      <ul className="mt-2 space-y-1">
        {matches.map((match) => (
          <li key={match.id}>
            <Link to={to} params={{ id: match.id }} className="font-medium underline underline-offset-2" aria-label={t('activity.duplicates.open', { name: match.name })}>
              {match.name}
            </Link>{' '}
            <span className="text-amber-900 dark:text-amber-200">({match.reasons.map((reason) => t(`activity.duplicates.reasons.${reason}`)).join(', ')})</span>
          </li>
        ))}
      </ul>
      <Button variant="secondary" size="sm" className="mt-3" onClick={onCreateAnyway} loading={busy}>
        {t('activity.duplicates.createAnyway')}
      </Button>
    </div>
  )
}
