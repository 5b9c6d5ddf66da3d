import { useId, type ComponentProps } from 'react'
import { cn } from '../../lib/cn.ts'
import { FieldError } from './field-error.tsx'
import { Label } from './label.tsx'

interface TextareaProps extends ComponentProps<'textarea'> {
  invalid?: boolean
}

export function Textarea({ invalid = false, className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || undefined}
      className={cn(
        'block w-full resize-y rounded-lg border bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs transition-colors',
        'placeholder:text-zinc-400 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500',
        'focus:outline-2 focus:-outline-offset-1',
        'disabled:cursor-not-allowed disabled:opacity-60',
        invalid
          ? 'border-red-500 focus:outline-red-500 dark:border-red-400 dark:focus:outline-red-400'
          : 'border-zinc-300 focus:outline-indigo-500 dark:border-zinc-700 dark:focus:outline-indigo-400',
        className,
      )}
      {...props}
    />
  )
}

interface TextareaFieldProps extends Omit<TextareaProps, 'id' | 'invalid'> {
  label: string
  errors?: string[]
}

/** Label, textarea and error message wired together for assistive technology. */
export function TextareaField({ label, errors, className, ...props }: TextareaFieldProps) {
  const id = useId()
  const errorId = `${id}-error`
  const invalid = Boolean(errors?.length)
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <Textarea
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
