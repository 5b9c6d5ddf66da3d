import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

interface StatusScreenProps {
  icon: LucideIcon
  eyebrow?: string
  title: string
  description: ReactNode
  actions: ReactNode
  tone?: 'neutral' | 'danger'
  'data-testid'?: string
}

/** Centred message used by the 404 and error screens, inside or outside the app layout. */
export function StatusScreen({ icon: Icon, eyebrow, title, description, actions, tone = 'neutral', ...props }: StatusScreenProps) {
  return (
    <div className="flex min-h-[70dvh] items-center justify-center px-4 py-16" {...props}>
      <div className="flex max-w-md flex-col items-center text-center">
        <span
          className={
            tone === 'danger'
              ? 'flex size-14 items-center justify-center rounded-2xl bg-red-50 text-red-600 ring-1 ring-red-100 dark:bg-red-500/10 dark:text-red-400 dark:ring-red-500/20'
              : 'flex size-14 items-center justify-center rounded-2xl bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100 dark:bg-indigo-500/10 dark:text-indigo-400 dark:ring-indigo-500/20'
          }
        >
          <Icon aria-hidden className="size-7" />
        </span>
        {eyebrow && (
          <p className="mt-6 text-sm font-semibold text-indigo-600 dark:text-indigo-400">{eyebrow}</p>
        )}
        <h1 className={eyebrow ? 'mt-2 text-2xl font-semibold tracking-tight' : 'mt-6 text-2xl font-semibold tracking-tight'}>
          {title}
        </h1>
        <p className="mt-3 text-sm/6 text-zinc-600 dark:text-zinc-400">{description}</p>
        <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{actions}</div>
      </div>
    </div>
  )
}
