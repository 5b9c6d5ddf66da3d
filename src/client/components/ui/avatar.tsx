import { cn } from '../../lib/cn.ts'

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const letters = parts.length > 1 ? [parts[0][0], parts[parts.length - 1][0]] : [parts[0]?.[0] ?? '?']
  return letters.join('').toUpperCase()
}

/** Initials in a circle; `color` (a person's stable colour) fills it instead of the accent tint. */
export function Avatar({ name, color, className }: { name: string; color?: string; className?: string }) {
  return (
    <span
      aria-hidden
      style={color ? { backgroundColor: color } : undefined}
      className={cn(
        'flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
        color ? 'text-white' : 'bg-indigo-100 text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200',
        className,
      )}
    >
      {initialsOf(name)}
    </span>
  )
}
