import type { ReactNode } from 'react'
import { X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/button.tsx'

interface SelectionBarProps {
  count: number
  onClear: () => void
  /** While a bulk action runs: what it does ("Mise à jour de 20 organisations…"). */
  busy?: string | null
  /** The bulk actions offered for the ticked rows. */
  children: ReactNode
}

/** What can be done to the ticked rows; stays in view while the list scrolls. */
export function SelectionBar({ count, onClear, busy, children }: SelectionBarProps) {
  const { t } = useTranslation()
  if (count === 0) return null
  return (
    <div
      role="region"
      aria-label={t('list.bulk.label')}
      className="sticky top-18 z-20 space-y-2 rounded-xl border border-indigo-200 bg-indigo-50 px-3 py-2 shadow-sm dark:border-indigo-900/60 dark:bg-indigo-950"
      data-testid="selection-bar"
    >
      <div className="flex flex-wrap items-center gap-2">
        <p aria-live="polite" className="mr-auto text-sm font-medium text-indigo-900 dark:text-indigo-100" data-testid="selection-count">
          {t('list.bulk.selected', { count })}
        </p>
        {children}
        <Button variant="ghost" size="sm" onClick={onClear} disabled={Boolean(busy)}>
          <X aria-hidden className="size-4" />
          {t('list.bulk.clear')}
        </Button>
      </div>
      {busy && (
        <div className="space-y-1">
          <p className="text-xs text-indigo-900 dark:text-indigo-100">{busy}</p>
          {/* One transaction: the server says nothing until it commits, so the bar runs without a value. */}
          <div
            role="progressbar"
            aria-label={busy}
            className="h-1.5 overflow-hidden rounded-full bg-indigo-200 dark:bg-indigo-900"
            data-testid="bulk-progress"
          >
            <div className="h-full w-1/3 animate-[bulk-progress_1.2s_ease-in-out_infinite] rounded-full bg-indigo-600 dark:bg-indigo-400" />
          </div>
        </div>
      )}
    </div>
  )
}
