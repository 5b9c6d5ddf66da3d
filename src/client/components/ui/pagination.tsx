import type { ReactNode } from 'react'
import { Button } from './button.tsx'

interface LoadMoreProps {
  /** What is shown so far, e.g. "25 of 140" — announced politely as it changes. */
  summary: ReactNode
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
  loadMoreLabel: string
}

/** Cursor pagination's footer: a running count and a button that appends the next page. */
export function LoadMore({ summary, hasMore, loading, onLoadMore, loadMoreLabel }: LoadMoreProps) {
  return (
    <div className="flex flex-col items-center justify-between gap-3 sm:flex-row">
      <p aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
        {summary}
      </p>
      {hasMore && (
        <Button variant="secondary" onClick={onLoadMore} loading={loading}>
          {loadMoreLabel}
        </Button>
      )}
    </div>
  )
}
