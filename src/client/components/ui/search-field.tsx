import { useEffect, useRef, useState } from 'react'
import { Search } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { Input } from './input.tsx'

const DEFAULT_DELAY_MS = 300

interface SearchFieldProps {
  /** Accessible name; also the placeholder unless one is given. */
  label: string
  placeholder?: string
  /** The search in effect (from the URL, typically). */
  value: string
  /** Called once the user pauses typing (or leaves the box), with the trimmed text. */
  onChange: (value: string) => void
  delayMs?: number
  className?: string
}

/** A search box that reports what was typed after a short pause, so a list is not refetched per keystroke. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  delayMs = DEFAULT_DELAY_MS,
  className,
}: SearchFieldProps) {
  const [text, setText] = useState(value)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // Read through a ref so that a delayed report uses the latest props, not those of the keystroke.
  const latest = useRef({ value, onChange })
  useEffect(() => {
    latest.current = { value, onChange }
  })
  useEffect(() => () => clearTimeout(timer.current), [])

  // Follows changes made elsewhere (back button, a "clear filters" button) without fighting the typing.
  const [previousValue, setPreviousValue] = useState(value)
  if (value !== previousValue) {
    setPreviousValue(value)
    if (value !== text.trim()) setText(value)
  }

  const report = (next: string) => {
    clearTimeout(timer.current)
    if (next !== latest.current.value) latest.current.onChange(next)
  }

  return (
    <div className={cn('relative', className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400 dark:text-zinc-500"
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={text}
        onChange={(event) => {
          const next = event.target.value
          setText(next)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => report(next.trim()), delayMs)
        }}
        // Leaving the box (to click a result, say) reports at once: a late report would undo that click.
        onBlur={() => report(text.trim())}
        className="pl-9"
      />
    </div>
  )
}
