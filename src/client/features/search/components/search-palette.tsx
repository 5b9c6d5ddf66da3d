import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { ArrowRight, Clock, CornerDownLeft, Search, SearchX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useDebouncedValue } from '../hooks/use-debounced-value.ts'
import { closeSearchPalette, useSearchPaletteOpen } from '../search-palette-store.ts'
import { targetOf, type SearchItem } from '../search-display.ts'
import { SearchResultLine } from './search-result-line.tsx'

const DEBOUNCE_MS = 150
const PER_KIND = 5

type Option = { type: 'item'; item: SearchItem } | { type: 'all'; q: string }

/** The global search palette (Ctrl+K, ⌘K, "/", or the header's search icon). */
export function SearchPalette() {
  const open = useSearchPaletteOpen()
  return open ? <OpenPalette /> : null
}

function OpenPalette() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const navigate = useNavigate()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const listId = useId()
  const [text, setText] = useState('')
  const [active, setActive] = useState(0)
  const typed = text.trim()
  const q = useDebouncedValue(typed, DEBOUNCE_MS)

  // Answers are keyed by query: an answer to an older query is never shown for a newer one.
  const results = useQuery({
    ...trpc.search.query.queryOptions({ q, limit: PER_KIND }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  })
  const recent = useQuery({ ...trpc.search.recent.queryOptions({ limit: 8 }), enabled: typed === '' })

  const groups = typed && q.length >= 2 ? (results.data?.groups ?? []) : []
  const options: Option[] =
    typed === ''
      ? (recent.data ?? []).map((item) => ({ type: 'item' as const, item }))
      : groups.length > 0
        ? [...groups.flatMap((group) => group.items.map((item) => ({ type: 'item' as const, item }))), { type: 'all' as const, q }]
        : []
  const activeIndex = Math.min(active, Math.max(options.length - 1, 0))
  useEffect(() => setActive(0), [q, typed === ''])

  useLayoutEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    inputRef.current?.focus()
    return () => {
      if (dialog.open) dialog.close()
      if (previouslyFocused?.isConnected) previouslyFocused.focus()
    }
  }, [])

  useEffect(() => {
    document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' })
  }, [activeIndex, listId])

  const choose = (option: Option | undefined) => {
    if (!option) return
    closeSearchPalette()
    if (option.type === 'all') {
      void navigate({ to: '/search', search: { q: option.q } })
      return
    }
    const target = targetOf(option.item)
    if (target) void navigate(target)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1
    const moves: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, Home: 0, End: last }
    if (event.key in moves && options.length > 0) {
      event.preventDefault()
      setActive(Math.max(0, Math.min(last, moves[event.key])))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      choose(options[activeIndex])
    }
  }

  const searching = typed !== '' && (typed !== q || results.isFetching)
  let index = -1
  const renderOption = (option: Option) => {
    index++
    const selected = index === activeIndex
    const position = index
    return (
      <li
        key={option.type === 'item' ? `${option.item.kind}:${option.item.id}` : 'all'}
        id={`${listId}-${position}`}
        role="option"
        aria-selected={selected}
        onMouseMove={() => setActive(position)}
        onClick={() => choose(option)}
        className={cn('cursor-pointer rounded-lg px-2 py-1.5', selected && 'bg-indigo-50 dark:bg-indigo-500/15')}
      >
        {option.type === 'item' ? (
          <SearchResultLine item={option.item} active={selected} />
        ) : (
          <span className="flex items-center gap-3 py-1 text-sm font-medium text-indigo-700 dark:text-indigo-300">
            <span className="flex size-8 items-center justify-center">
              <ArrowRight aria-hidden className="size-4" />
            </span>
            <span className="truncate">{t('search.seeAll', { q: option.q })}</span>
          </span>
        )}
      </li>
    )
  }

  return (
    <dialog
      ref={dialogRef}
      aria-label={t('search.dialogLabel')}
      aria-modal="true"
      data-testid="search-palette"
      onCancel={(event) => {
        event.preventDefault()
        closeSearchPalette()
      }}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) closeSearchPalette()
      }}
      className={cn(
        'mx-auto mt-3 mb-auto w-[calc(100%-1.5rem)] max-w-2xl overflow-hidden rounded-xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-200 sm:mt-[12vh]',
        'backdrop:bg-zinc-950/60 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800',
      )}
    >
      <div className="flex max-h-[calc(100dvh-1.5rem)] flex-col sm:max-h-[70vh]">
        <div className="flex items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
          {searching ? <Spinner size="sm" /> : <Search aria-hidden className="size-4 shrink-0 text-zinc-500" />}
          <input
            ref={inputRef}
            type="text"
            role="combobox"
            aria-label={t('search.inputLabel')}
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-activedescendant={options.length > 0 ? `${listId}-${activeIndex}` : undefined}
            aria-autocomplete="list"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            className="h-14 min-w-0 flex-1 bg-transparent text-base text-zinc-900 outline-none placeholder:text-zinc-500 dark:text-white dark:placeholder:text-zinc-400"
          />
          <button
            type="button"
            onClick={closeSearchPalette}
            className="rounded-md border border-zinc-200 px-1.5 py-0.5 text-xs text-zinc-500 hover:text-zinc-900 dark:border-zinc-700 dark:text-zinc-400 dark:hover:text-white"
          >
            <span aria-hidden>Esc</span>
            <span className="sr-only">{t('search.close')}</span>
          </button>
        </div>

        <div className="min-h-0 flex-1 overflow-y-auto p-2" aria-live="polite">
          {typed === '' ? (
            <>
              <p className="flex items-center gap-2 px-2 pt-1 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                <Clock aria-hidden className="size-3.5" />
                {t('search.recent')}
              </p>
              {recent.isPending ? (
                <PaletteMessage>{t('common.loading')}</PaletteMessage>
              ) : recent.isError ? (
                <PaletteError onRetry={() => void recent.refetch()} />
              ) : options.length === 0 ? (
                <PaletteMessage>{t('search.noRecent')}</PaletteMessage>
              ) : (
                <ul id={listId} role="listbox" aria-label={t('search.recent')}>
                  {options.map(renderOption)}
                </ul>
              )}
            </>
          ) : typed.length < 2 ? (
            <PaletteMessage>{t('search.tooShort')}</PaletteMessage>
          ) : results.isError && !results.isFetching ? (
            <PaletteError onRetry={() => void results.refetch()} />
          ) : results.data === undefined || (results.isPlaceholderData && groups.length === 0) ? (
            <PaletteMessage>{t('search.loading')}</PaletteMessage>
          ) : groups.length === 0 ? (
            <div className="flex flex-col items-center px-6 py-10 text-center" data-testid="search-empty">
              <SearchX aria-hidden className="size-8 text-zinc-400" />
              <p className="mt-3 text-sm font-medium text-zinc-900 dark:text-white">{t('search.noResultsTitle', { q })}</p>
              <p className="mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">{t('search.noResultsHint')}</p>
            </div>
          ) : (
            <ul id={listId} role="listbox" aria-label={t('search.dialogLabel')} className={cn(results.isPlaceholderData && 'opacity-70')}>
              {groups.map((group) => (
                <li key={group.kind} role="presentation" className="pb-1">
                  <p className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400" role="presentation">
                    {t(`search.kinds.${group.kind}`)}
                  </p>
                  <ul role="group" aria-label={t(`search.kinds.${group.kind}`)}>
                    {group.items.map((item) => renderOption({ type: 'item', item }))}
                  </ul>
                </li>
              ))}
              {renderOption({ type: 'all', q })}
            </ul>
          )}
        </div>

        <div className="hidden items-center gap-4 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500 sm:flex dark:border-zinc-800 dark:text-zinc-400">
          <span><kbd className="font-sans">↑↓</kbd> {t('search.hints.navigate')}</span>
          <span className="flex items-center gap-1"><CornerDownLeft aria-hidden className="size-3" /> {t('search.hints.open')}</span>
          <span><kbd className="font-sans">Esc</kbd> {t('search.hints.close')}</span>
        </div>
      </div>
    </dialog>
  )
}

function PaletteMessage({ children }: { children: React.ReactNode }) {
  return <p className="px-2 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
}

function PaletteError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="px-2 py-6 text-center text-sm" role="alert">
      <p className="text-red-700 dark:text-red-400">{t('search.error')}</p>
      <button type="button" onClick={onRetry} className="mt-2 font-medium text-indigo-700 underline dark:text-indigo-300">
        {t('search.retry')}
      </button>
    </div>
  )
}
