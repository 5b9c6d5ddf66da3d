import { useEffect, useRef, useState, type ComponentProps } from 'react'
import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { focusRing } from './button.tsx'

/** Whether the box is narrower than its content, kept current as either resizes. */
function useOverflowsX<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  const [overflows, setOverflows] = useState(false)
  useEffect(() => {
    const box = ref.current
    if (!box || typeof ResizeObserver === 'undefined') return
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1)
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    if (box.firstElementChild) observer.observe(box.firstElementChild)
    measure()
    return () => observer.disconnect()
  }, [])
  return [ref, overflows] as const
}

/**
 * A bordered, horizontally scrollable table: wide tables never push the page wider than the screen.
 * When it does scroll, its box is a named region in the tab order, so the keyboard can scroll it.
 */
export function Table({ className, ...props }: ComponentProps<'table'>) {
  const [boxRef, scrolls] = useOverflowsX<HTMLDivElement>()
  return (
    // Positioned, so that visually hidden (absolute) labels inside scroll with it instead of widening the page.
    <div
      ref={boxRef}
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': props['aria-label'] } : {})}
      className={cn(
        'relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900',
        focusRing,
      )}
    >
      <table className={cn('min-w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  )
}

export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return (
    <thead
      className={cn('border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950/40', className)}
      {...props}
    />
  )
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-zinc-100 dark:divide-zinc-800', className)} {...props} />
}

interface TableRowProps extends ComponentProps<'tr'> {
  /** Highlights on hover and shows a pointer: the row opens something when clicked. */
  interactive?: boolean
}

export function TableRow({ interactive = false, className, ...props }: TableRowProps) {
  return (
    <tr
      className={cn(
        interactive && 'cursor-pointer transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800/50',
        className,
      )}
      {...props}
    />
  )
}

const ALIGN = { left: 'text-left', right: 'text-right', center: 'text-center' } as const

interface TableHeaderCellProps extends ComponentProps<'th'> {
  align?: keyof typeof ALIGN
}

export function TableHeaderCell({ align = 'left', className, ...props }: TableHeaderCellProps) {
  return (
    <th
      scope="col"
      className={cn(
        'px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:text-zinc-400',
        ALIGN[align],
        className,
      )}
      {...props}
    />
  )
}

interface TableCellProps extends ComponentProps<'td'> {
  align?: keyof typeof ALIGN
}

export function TableCell({ align = 'left', className, ...props }: TableCellProps) {
  return (
    <td className={cn('px-4 py-3 text-zinc-700 dark:text-zinc-300', ALIGN[align], className)} {...props} />
  )
}

export type SortDirection = 'asc' | 'desc'

interface SortableHeaderCellProps extends Omit<TableHeaderCellProps, 'children' | 'onClick'> {
  label: string
  /** The direction this column is sorted in, or undefined when the table is sorted by another one. */
  direction: SortDirection | undefined
  onSort: () => void
}

/** A column header that sorts when activated and tells assistive technology how it is sorted. */
export function SortableHeaderCell({ label, direction, onSort, align = 'left', ...props }: SortableHeaderCellProps) {
  const Icon = direction === 'asc' ? ArrowUp : direction === 'desc' ? ArrowDown : ChevronsUpDown
  return (
    <TableHeaderCell
      align={align}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
      {...props}
    >
      <button
        type="button"
        onClick={onSort}
        className={cn(
          'group -mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 uppercase transition-colors',
          'hover:text-zinc-900 dark:hover:text-white',
          direction && 'text-zinc-900 dark:text-white',
          align === 'right' && 'flex-row-reverse',
          focusRing,
        )}
      >
        {label}
        <Icon
          aria-hidden
          className={cn(
            'size-3.5',
            direction ? 'text-indigo-600 dark:text-indigo-400' : 'text-zinc-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100',
          )}
        />
      </button>
    </TableHeaderCell>
  )
}
