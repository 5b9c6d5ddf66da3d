import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import { KIND_ICONS, subtitleOf, type SearchItem } from '../search-display.ts'

/** The title with the matched parts marked. */
export function HighlightedTitle({ title, highlights }: { title: string; highlights: ReadonlyArray<readonly [number, number]> }) {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of highlights) {
    if (start > at) parts.push(title.slice(at, start))
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-100 px-0.5 text-inherit dark:bg-amber-400/25">
        {title.slice(start, end)}
      </mark>,
    )
    at = end
  }
  if (at < title.length) parts.push(title.slice(at))
  return <>{parts}</>
}

/** Icon, highlighted title and subtitle of one result, as the palette and the results page show it. */
export function SearchResultLine({ item, active = false }: { item: SearchItem; active?: boolean }) {
  const { t, i18n } = useTranslation()
  const Icon = KIND_ICONS[item.kind]
  const subtitle = subtitleOf(item, t, i18n.language)
  return (
    <span className="flex min-w-0 items-center gap-3">
      <span
        className={cn(
          'flex size-8 shrink-0 items-center justify-center rounded-lg',
          active ? 'bg-indigo-600 text-white' : 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
        )}
      >
        <Icon aria-hidden className="size-4" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium text-zinc-900 dark:text-white">
          <HighlightedTitle title={item.title} highlights={item.highlights} />
        </span>
        {subtitle && <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{subtitle}</span>}
      </span>
      {item.match === 'typo' && (
        <span className="hidden shrink-0 text-xs text-zinc-500 sm:inline dark:text-zinc-400">{t('search.typo')}</span>
      )}
    </span>
  )
}
