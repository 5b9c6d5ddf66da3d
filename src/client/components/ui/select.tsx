import { useId, type ComponentProps } from 'react'
import { ChevronDown } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { FieldError } from './field-error.tsx'
import { Label } from './label.tsx'

interface SelectProps extends ComponentProps<'select'> {
  invalid?: boolean
}

/** A native <select>, styled like Input: keyboard, screen readers and phones handle it natively. */
export function Select({ invalid = false, className, children, ...props }: SelectProps) {
  return (
    <div className={cn('relative', className)}>
      <select
        aria-invalid={invalid || undefined}
        className={cn(
          'block h-10 w-full appearance-none rounded-lg border bg-white py-0 pr-9 pl-3 text-sm text-zinc-900 shadow-xs transition-colors',
          'dark:bg-zinc-900 dark:text-zinc-100 dark:[color-scheme:dark]',
          'focus:outline-2 focus:-outline-offset-1',
          'disabled:cursor-not-allowed disabled:opacity-60',
          invalid
            ? 'border-red-500 focus:outline-red-500 dark:border-red-400 dark:focus:outline-red-400'
            : 'border-zinc-300 focus:outline-indigo-500 dark:border-zinc-700 dark:focus:outline-indigo-400',
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-zinc-500 dark:text-zinc-400"
      />
    </div>
  )
}

interface SelectFieldProps extends Omit<SelectProps, 'id' | 'invalid'> {
  label: string
  errors?: string[]
}

/** Label, select and error message wired together for assistive technology. */
export function SelectField({ label, errors, className, ...props }: SelectFieldProps) {
  const id = useId()
  const errorId = `${id}-error`
  const invalid = Boolean(errors?.length)
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        className="mt-1.5"
        {...props}
      />
      <FieldError id={errorId} messages={errors} />
    </div>
  )
}
