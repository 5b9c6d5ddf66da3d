import { useId, type ComponentProps, type ReactNode } from 'react'
import { cn } from '../../lib/cn.ts'

type CheckboxProps = Omit<ComponentProps<'input'>, 'type'>

/** A native checkbox in the accent colour. */
export function Checkbox({ className, ...props }: CheckboxProps) {
  return (
    <input
      type="checkbox"
      className={cn(
        'size-4 shrink-0 cursor-pointer rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600 dark:accent-indigo-500',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
        'disabled:cursor-not-allowed disabled:opacity-60',
        className,
      )}
      {...props}
    />
  )
}

interface CheckboxFieldProps extends Omit<CheckboxProps, 'id'> {
  label: ReactNode
  description?: ReactNode
}

/** A checkbox with its label (and an optional hint) beside it; the whole label toggles it. */
export function CheckboxField({ label, description, className, ...props }: CheckboxFieldProps) {
  const id = useId()
  const descriptionId = `${id}-description`
  return (
    <div className={cn('flex items-start gap-3', className)}>
      <Checkbox id={id} aria-describedby={description ? descriptionId : undefined} className="mt-0.5" {...props} />
      <div className="min-w-0 text-sm">
        <label htmlFor={id} className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="text-zinc-500 dark:text-zinc-400">
            {description}
          </p>
        )}
      </div>
    </div>
  )
}
