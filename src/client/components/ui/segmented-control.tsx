import { useId } from 'react'
import type { LucideIcon } from 'lucide-react'
import { cn } from '../../lib/cn.ts'

export interface SegmentedOption<T extends string> {
  value: T
  label: string
  /** Shown instead of the label where space is short; the label stays the accessible name. */
  shortLabel?: string
  icon?: LucideIcon
}

interface SegmentedControlProps<T extends string> {
  legend: string
  options: readonly SegmentedOption<T>[]
  value: T | undefined
  onChange: (value: T) => void
  /** Shows icons only; labels remain the accessible names. */
  iconOnly?: boolean
}

/** Native radio buttons styled as a segmented control: arrow keys and forms work for free. */
export function SegmentedControl<T extends string>({
  legend,
  options,
  value,
  onChange,
  iconOnly = false,
}: SegmentedControlProps<T>) {
  const name = useId()
  return (
    <fieldset className="inline-flex">
      <legend className="sr-only">{legend}</legend>
      <div className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100/80 p-0.5 dark:border-zinc-800 dark:bg-zinc-900">
        {options.map(({ value: optionValue, label, shortLabel, icon: Icon }) => (
          <label
            key={optionValue}
            title={iconOnly || shortLabel ? label : undefined}
            className={cn(
              'relative flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium transition-colors',
              'has-focus-visible:outline-2 has-focus-visible:outline-indigo-500',
              value === optionValue
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-white'
                : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
            )}
          >
            <input
              type="radio"
              name={name}
              value={optionValue}
              checked={value === optionValue}
              onChange={() => onChange(optionValue)}
              aria-label={iconOnly || shortLabel ? label : undefined}
              // Covers the whole segment, so the radio itself is what gets clicked and focused.
              className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0"
            />
            {Icon && <Icon aria-hidden className="size-3.5" />}
            {!iconOnly && (shortLabel ?? label)}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
