import { Skeleton } from './skeleton.tsx'

interface TableSkeletonProps {
  columns: number
  rows?: number
  /** Announced while the table loads. */
  label: string
}

/** The outline of a table while its rows load, so nothing jumps when they arrive. */
export function TableSkeleton({ columns, rows = 6, label }: TableSkeletonProps) {
  return (
    <div
      aria-busy="true"
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <span role="status" className="sr-only">
        {label}
      </span>
      <div className="flex gap-6 border-b border-zinc-200 bg-zinc-50 px-4 py-3.5 dark:border-zinc-800 dark:bg-zinc-950/40">
        {Array.from({ length: columns }, (_, column) => (
          <Skeleton key={column} className="h-3 flex-1" />
        ))}
      </div>
      <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="flex items-center gap-6 px-4 py-4">
            {Array.from({ length: columns }, (_, column) => (
              <Skeleton key={column} className={column === 0 ? 'h-4 flex-[2]' : 'h-4 flex-1'} />
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}
