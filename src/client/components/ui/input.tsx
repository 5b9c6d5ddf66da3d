import type { ComponentProps } from 'react'
import { cn } from '../../lib/cn.ts'

interface InputProps extends ComponentProps<'input'> {
  invalid?: boolean
}

export function Input({ invalid = false, className, ...props }: InputProps) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={cn(
        'block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors',
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
