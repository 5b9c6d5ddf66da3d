import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Card } from '../../../components/ui/card.tsx'

interface RelatedCardProps {
  icon: LucideIcon
  title: string
  count: number
  /** Shown instead of the list when there is nothing to list. */
  empty: string
  children: ReactNode
  'data-testid'?: string
}

/** A titled card listing records attached to the organisation (people, mandates, interactions, tasks). */
export function RelatedCard({ icon: Icon, title, count, empty, children, ...props }: RelatedCardProps) {
  return (
    <Card className="overflow-hidden" {...props}>
      <section aria-label={title}>
        <div className="flex items-center gap-2.5 border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
          <Icon aria-hidden className="size-4 text-indigo-600 dark:text-indigo-400" />
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-white">{title}</h2>
          <span className="ml-auto rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
            {count}
          </span>
        </div>
        {count === 0 ? (
          <p className="px-5 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</ul>
        )}
      </section>
    </Card>
  )
}
