import type { ReactNode } from 'react'
import { cn } from '../../lib/cn.ts'
import { PersonTag, personTint } from './person-tag.tsx'

/** Label/value pairs of a record, in one or two columns. */
export function DescriptionList({ className, children }: { className?: string; children: ReactNode }) {
  return <dl className={cn('grid gap-x-6 gap-y-4 sm:grid-cols-2', className)}>{children}</dl>
}

interface DescriptionItemProps {
  label: string
  children: ReactNode
  /** Spans the whole row, whatever the number of columns (long text such as notes). */
  wide?: boolean
  /** Shown in a muted style when there is no value. */
  emptyText?: string
  /** Someone just changed this value: tinted in their colour, with a label saying who. */
  highlight?: { color: string; label: string }
  'data-testid'?: string
}

export function DescriptionItem({ label, children, wide = false, emptyText = '—', highlight, ...props }: DescriptionItemProps) {
  const empty = children === null || children === undefined || children === ''
  return (
    <div
      className={cn('-m-1.5 min-w-0 rounded-md p-1.5 transition-[background-color,box-shadow] duration-700', wide && 'col-span-full')}
      style={highlight ? personTint(highlight.color) : undefined}
      data-highlighted={highlight ? 'true' : undefined}
    >
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd
        className={cn(
          'mt-1 text-sm break-words',
          empty ? 'text-zinc-500 dark:text-zinc-400' : 'text-zinc-900 dark:text-zinc-100',
        )}
        {...props}
      >
        {empty ? emptyText : children}
      </dd>
      {highlight && (
        <p className="mt-1.5">
          <PersonTag color={highlight.color} data-testid="field-highlight">
            {highlight.label}
          </PersonTag>
        </p>
      )}
    </div>
  )
}
