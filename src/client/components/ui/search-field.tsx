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
  /** Called once the user pauses typing, with the trimmed text. */
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
  const onChangeRef = useRef(onChange)
  useEffect(() => {
    onChangeRef.current = onChange
  })

  // Follows changes made elsewhere (back button, a link) without fighting the user's typing.
  const [previousValue, setPreviousValue] = useState(value)
  if (value !== previousValue) {
    setPreviousValue(value)
    if (value !== text.trim()) setText(value)
  }

  useEffect(() => {
    const trimmed = text.trim()
    if (trimmed === value) return
    const timer = setTimeout(() => onChangeRef.current(trimmed), delayMs)
    return () => clearTimeout(timer)
  }, [text, value, delayMs])

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
        onChange={(event) => setText(event.target.value)}
        className="pl-9"
      />
    </div>
  )
}
