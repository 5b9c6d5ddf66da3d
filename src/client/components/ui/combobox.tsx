import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import { Check, ChevronDown, X } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { FieldError } from './field-error.tsx'
import { Input } from './input.tsx'
import { Label } from './label.tsx'
import { Spinner } from './spinner.tsx'

const SEARCH_DELAY_MS = 250

interface ComboboxProps<T> {
  label: string
  /** Keeps the label for assistive technology only (a filter in a toolbar, say). */
  labelHidden?: boolean
  value: T | null
  onChange: (item: T | null) => void
  /** The options matching the latest search; the caller fetches them. */
  items: readonly T[]
  getKey: (item: T) => string
  getLabel: (item: T) => string
  /** Richer content for an option (a second line, a badge); defaults to its label. */
  renderItem?: (item: T) => ReactNode
  /** Called with what the user typed, once they pause. */
  onSearch: (query: string) => void
  loading?: boolean
  placeholder?: string
  emptyText: string
  loadingText: string
  /** Accessible name of the button that clears the choice; without it the choice cannot be cleared. */
  clearLabel?: string
  errors?: string[]
  disabled?: boolean
  /** Receives focus when its dialog opens. */
  autoFocus?: boolean
  className?: string
}

/**
 * A WAI-ARIA combobox over options fetched as the user types: arrows move, Enter picks, Escape
 * closes the list (not the surrounding dialog). The list is positioned against the viewport so a
 * scrolling dialog body cannot clip it.
 */
export function Combobox<T>({
  label,
  labelHidden = false,
  value,
  onChange,
  items,
  getKey,
  getLabel,
  renderItem,
  onSearch,
  loading = false,
  placeholder,
  emptyText,
  loadingText,
  clearLabel,
  errors,
  disabled = false,
  autoFocus = false,
  className,
}: ComboboxProps<T>) {
  const id = useId()
  const listId = `${id}-list`
  const errorId = `${id}-error`
  const inputRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [activeIndex, setActiveIndex] = useState(0)
  const position = useListPosition(inputRef, open)
  const invalid = Boolean(errors?.length)

  // Read through a ref: a new onSearch identity on each render must not restart the delay.
  const onSearchRef = useRef(onSearch)
  useEffect(() => {
    onSearchRef.current = onSearch
  })
  useEffect(() => {
    if (!open) return
    const timer = setTimeout(() => onSearchRef.current(query.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, open])

  const itemsKey = items.map(getKey).join(' ')
  useEffect(() => setActiveIndex(0), [itemsKey])

  const openList = () => {
    if (disabled || open) return
    setQuery('')
    setOpen(true)
  }

  const choose = (item: T) => {
    onChange(item)
    setOpen(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!open) openList()
        else setActiveIndex((index) => Math.min(index + 1, items.length - 1))
        break
      case 'ArrowUp':
        event.preventDefault()
        setActiveIndex((index) => Math.max(index - 1, 0))
        break
      case 'Enter':
        if (open) {
          // Enter picks an option; it must not submit the surrounding form as well.
          event.preventDefault()
          if (items[activeIndex]) choose(items[activeIndex])
        }
        break
      case 'Escape':
        if (open) {
          event.preventDefault()
          event.stopPropagation()
          setOpen(false)
        }
        break
      case 'Tab':
        setOpen(false)
        break
    }
  }

  const activeId = open && items[activeIndex] ? `${id}-option-${activeIndex}` : undefined

  return (
    <div className={className}>
      <Label htmlFor={id} className={cn(labelHidden && 'sr-only')}>
        {label}
      </Label>
      <div className={cn('relative', !labelHidden && 'mt-1.5')}>
        <Input
          ref={inputRef}
          id={id}
          role="combobox"
          autoComplete="off"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={invalid ? errorId : undefined}
          invalid={invalid}
          disabled={disabled}
          data-autofocus={autoFocus || undefined}
          placeholder={placeholder}
          value={open ? query : value ? getLabel(value) : ''}
          onChange={(event) => {
            setQuery(event.target.value)
            setOpen(true)
          }}
          onClick={openList}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          className="pr-16"
        />
        <div className="absolute inset-y-0 right-0 flex items-center gap-0.5 pr-2">
          {clearLabel && value && !disabled && (
            <button
              type="button"
              aria-label={clearLabel}
              onClick={() => {
                onChange(null)
                inputRef.current?.focus()
              }}
              className="rounded p-1 text-zinc-400 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-zinc-200"
            >
              <X aria-hidden className="size-4" />
            </button>
          )}
          <ChevronDown aria-hidden className="pointer-events-none size-4 text-zinc-500 dark:text-zinc-400" />
        </div>
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        style={position}
        // Keeps focus in the input, so a click on an option does not blur (and close) first.
        onMouseDown={(event) => event.preventDefault()}
        className={cn(
          'fixed z-50 max-h-64 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 shadow-lg',
          'dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40',
        )}
      >
        {loading && items.length === 0 ? (
          <li className="flex items-center gap-2 px-2.5 py-2 text-sm text-zinc-500 dark:text-zinc-400">
            <Spinner size="sm" />
            {loadingText}
          </li>
        ) : items.length === 0 ? (
          <li className="px-2.5 py-2 text-sm text-zinc-500 dark:text-zinc-400">{emptyText}</li>
        ) : (
          items.map((item, index) => {
            const selected = value !== null && getKey(value) === getKey(item)
            return (
              <li
                key={getKey(item)}
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={selected}
                onClick={() => choose(item)}
                onMouseMove={() => setActiveIndex(index)}
                className={cn(
                  'flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-sm text-zinc-700 dark:text-zinc-200',
                  index === activeIndex && 'bg-zinc-100 dark:bg-zinc-800',
                )}
              >
                <span className="min-w-0 flex-1">{renderItem ? renderItem(item) : getLabel(item)}</span>
                {selected && <Check aria-hidden className="size-4 shrink-0 text-indigo-600 dark:text-indigo-400" />}
              </li>
            )
          })
        )}
      </ul>
      <FieldError id={errorId} messages={errors} />
    </div>
  )
}

/** Follows the input while the list is open (scrolling, resizing), below it or above if there is no room. */
function useListPosition(anchorRef: RefObject<HTMLElement | null>, open: boolean): CSSProperties {
  const [style, setStyle] = useState<CSSProperties>({})
  useLayoutEffect(() => {
    if (!open) return
    const place = () => {
      const anchor = anchorRef.current?.getBoundingClientRect()
      if (!anchor) return
      const below = window.innerHeight - anchor.bottom
      const placeAbove = below < 200 && anchor.top > below
      setStyle({
        left: anchor.left,
        width: anchor.width,
        ...(placeAbove ? { bottom: window.innerHeight - anchor.top + 4 } : { top: anchor.bottom + 4 }),
      })
    }
    place()
    window.addEventListener('resize', place)
    window.addEventListener('scroll', place, true)
    return () => {
      window.removeEventListener('resize', place)
      window.removeEventListener('scroll', place, true)
    }
  }, [anchorRef, open])
  return style
}
