import { Search } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { openSearchPalette } from '../search-palette-store.ts'

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The header's search entry: an icon on phones, a box with the shortcut on larger screens. */
export function SearchButton() {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      onClick={openSearchPalette}
      aria-keyshortcuts="Control+K Meta+K /"
      data-testid="search-button"
      className="flex h-9 items-center gap-2 rounded-lg px-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 sm:w-64 sm:border sm:border-zinc-200 sm:px-3 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white sm:dark:border-zinc-700"
    >
      <Search aria-hidden className="size-5 sm:size-4" />
      {/* Named by its text (hidden on phones, still read), so the name is always what is shown. */}
      <span className="sr-only sm:not-sr-only sm:flex-1 sm:text-left">{t('search.open')}…</span>
      <kbd aria-hidden className="hidden rounded border border-zinc-200 px-1.5 font-sans text-xs sm:inline dark:border-zinc-700">
        {IS_MAC ? '⌘K' : t('search.shortcut')}
      </kbd>
    </button>
  )
}
