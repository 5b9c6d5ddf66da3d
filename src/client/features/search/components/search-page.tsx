import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { ChevronLeft, ChevronRight, Search, SearchX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/schemas/search.ts'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { SearchField } from '../../../components/ui/search-field.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { KIND_ICONS, targetOf, type SearchItem } from '../search-display.ts'
import { PER_KIND_OVERVIEW, RESULTS_PER_PAGE, type SearchPageSearch } from '../search-page-search.ts'
import { SearchResultLine } from './search-result-line.tsx'

interface SearchPageProps {
  search: SearchPageSearch
  onSearchChange: (search: SearchPageSearch) => void
}

/** Every result of a query: all kinds at a glance, or one kind page by page. */
export function SearchPage({ search, onSearchChange }: SearchPageProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const q = search.q?.trim() ?? ''
  const page = search.page ?? 1
  const input = search.kind
    ? { q, kinds: [search.kind], limit: RESULTS_PER_PAGE, offset: (page - 1) * RESULTS_PER_PAGE }
    : { q, limit: PER_KIND_OVERVIEW }
  const results = useQuery({ ...trpc.search.query.queryOptions(input), enabled: q.length >= 2, placeholderData: keepPreviousData })
  const groups = results.data?.groups ?? []

  const kindOptions = [
    { value: 'all' as const, label: t('search.page.all') },
    ...SEARCH_KINDS.map((kind) => ({ value: kind, label: t(`search.kinds.${kind}`), icon: KIND_ICONS[kind] })),
  ]

  return (
    <div className="space-y-6">
      <PageHeader title={t('search.page.title')} description={t('search.page.description')} icon={Search} />
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <SearchField
          label={t('search.inputLabel')}
          placeholder={t('search.placeholder')}
          value={q}
          onChange={(next) => onSearchChange({ ...search, q: next || undefined, page: undefined })}
          delayMs={200}
          className="lg:max-w-md lg:flex-1"
        />
        <div className="max-w-full overflow-x-auto">
          <SegmentedControl
            legend={t('search.page.kindFilter')}
            options={kindOptions}
            value={search.kind ?? 'all'}
            onChange={(kind) => onSearchChange({ ...search, kind: kind === 'all' ? undefined : kind, page: undefined })}
          />
        </div>
      </div>

      {q.length < 2 ? (
        <EmptyState icon={Search} title={t('search.page.title')} description={t('search.page.empty')} />
      ) : results.isError ? (
        <RetryAlert
          title={t('search.error')}
          description={results.error.message}
          retryLabel={t('search.retry')}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      ) : results.isPending ? (
        <div className="space-y-3" aria-label={t('search.loading')}>
          {Array.from({ length: 6 }, (_, index) => (
            <Skeleton key={index} className="h-12" />
          ))}
        </div>
      ) : groups.length === 0 ? (
        <EmptyState icon={SearchX} title={t('search.noResultsTitle', { q })} description={t('search.noResultsHint')} />
      ) : (
        <div className="space-y-6" data-testid="search-results">
          {groups.map((group) => (
            <section key={group.kind} aria-labelledby={`search-group-${group.kind}`}>
              <h2 id={`search-group-${group.kind}`} className="mb-2 text-sm font-semibold text-zinc-900 dark:text-white">
                {t(`search.kinds.${group.kind}`)}
              </h2>
              <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl bg-white ring-1 ring-zinc-200 dark:divide-zinc-800 dark:bg-zinc-900 dark:ring-zinc-800">
                {group.items.map((item) => (
                  <li key={item.id}>
                    <ResultLink item={item} />
                  </li>
                ))}
              </ul>
              {!search.kind && group.hasMore && (
                <Button variant="ghost" size="sm" className="mt-2" onClick={() => onSearchChange({ ...search, kind: group.kind as SearchKind, page: undefined })}>
                  {t('search.page.more', { kind: t(`search.kinds.${group.kind}`).toLowerCase() })}
                  <ChevronRight aria-hidden className="size-4" />
                </Button>
              )}
              {search.kind && (page > 1 || group.hasMore) && (
                <nav className="mt-3 flex items-center justify-between gap-3" aria-label={t('search.page.pageNumber', { page })}>
                  <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onSearchChange({ ...search, page: page - 1 > 1 ? page - 1 : undefined })}>
                    <ChevronLeft aria-hidden className="size-4" />
                    {t('search.page.previous')}
                  </Button>
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">{t('search.page.pageNumber', { page })}</span>
                  <Button variant="secondary" size="sm" disabled={!group.hasMore} onClick={() => onSearchChange({ ...search, page: page + 1 })}>
                    {t('search.page.next')}
                    <ChevronRight aria-hidden className="size-4" />
                  </Button>
                </nav>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  )
}

function ResultLink({ item }: { item: SearchItem }) {
  const target = targetOf(item)
  const className = 'block px-4 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/60'
  if (!target) return <div className={className}><SearchResultLine item={item} /></div>
  return (
    <Link {...target} className={className}>
      <SearchResultLine item={item} />
    </Link>
  )
}
