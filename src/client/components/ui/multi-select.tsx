import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { ChevronDown } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { focusRing } from './button.tsx'
import { Checkbox } from './checkbox.tsx'

export interface MultiSelectOption<T extends string> {
  value: T
  label: string
}

interface MultiSelectProps<T extends string> {
  /** Shown on the button and used as the accessible name of the group. */
  label: string
  options: readonly MultiSelectOption<T>[]
  value: readonly T[]
  onChange: (value: T[]) => void
  /** Clears the selection; without it, no clear button is shown. */
  clearLabel?: string
  align?: 'start' | 'end'
  className?: string
  'data-testid'?: string
}

/**
 * A filter button opening a list of checkboxes (native, so Space toggles and Tab moves); the button
 * shows the single choice or how many are chosen. Escape or a click elsewhere closes it.
 */
export function MultiSelect<T extends string>({
  label,
  options,
  value,
  onChange,
  clearLabel,
  align = 'start',
  className,
  ...props
}: MultiSelectProps<T>) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!open) return
    panelRef.current?.querySelector<HTMLInputElement>('input')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault()
      event.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
    }
  }

  const toggle = (option: T, checked: boolean) => {
    const next = checked ? [...value, option] : value.filter((item) => item !== option)
    // Keep the options' order so the URL and the query key do not depend on the clicking order.
    onChange(options.map((candidate) => candidate.value).filter((candidate) => next.includes(candidate)))
  }

  const chosen = options.filter((option) => value.includes(option.value))
  const summary = chosen.length === 1 ? chosen[0].label : chosen.length > 1 ? String(chosen.length) : null

  return (
    <div
      ref={rootRef}
      className={cn('relative', className)}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (open && !rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
      {...props}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((current) => !current)}
        className={cn(
          'inline-flex h-10 w-full items-center justify-between gap-2 rounded-lg border bg-white px-3 text-sm shadow-xs transition-colors',
          'hover:bg-zinc-50 dark:bg-zinc-900 dark:hover:bg-zinc-800',
          chosen.length
            ? 'border-indigo-300 text-zinc-900 dark:border-indigo-500/50 dark:text-white'
            : 'border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300',
          focusRing,
        )}
      >
        <span className="flex min-w-0 items-center gap-1.5">
          <span className={cn('truncate', summary && 'text-zinc-500 dark:text-zinc-400')}>{label}</span>
          {summary && (
            <span className="truncate rounded-md bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300">
              {summary}
            </span>
          )}
        </span>
        <ChevronDown aria-hidden className="size-4 shrink-0 text-zinc-500 dark:text-zinc-400" />
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className={cn(
            'absolute top-full z-40 mt-2 w-60 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg',
            'dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40',
            align === 'end' ? 'right-0' : 'left-0',
          )}
        >
          <fieldset>
            <legend className="sr-only">{label}</legend>
            {options.map((option) => (
              <label
                key={option.value}
                className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800"
              >
                <Checkbox
                  checked={value.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          {clearLabel && chosen.length > 0 && (
            <>
              <div className="-mx-1.5 my-1.5 h-px bg-zinc-200 dark:bg-zinc-800" />
              <button
                type="button"
                onClick={() => onChange([])}
                className={cn(
                  'w-full rounded-lg px-2.5 py-2 text-left text-sm font-medium text-indigo-600 hover:bg-zinc-100 dark:text-indigo-400 dark:hover:bg-zinc-800',
                  focusRing,
                )}
              >
                {clearLabel}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  )
}
