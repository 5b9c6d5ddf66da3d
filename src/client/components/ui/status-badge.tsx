import type { ComponentProps } from 'react'
import { cn } from '../../lib/cn.ts'

const TONES = {
  neutral: {
    badge: 'bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
    dot: 'bg-zinc-400 dark:bg-zinc-500',
  },
  accent: {
    badge: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-500/30',
    dot: 'bg-indigo-500 dark:bg-indigo-400',
  },
  info: {
    badge: 'bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/30',
    dot: 'bg-sky-500 dark:bg-sky-400',
  },
  success: {
    badge:
      'bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/30',
    dot: 'bg-emerald-500 dark:bg-emerald-400',
  },
  warning: {
    badge: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30',
    dot: 'bg-amber-500 dark:bg-amber-400',
  },
  danger: {
    badge: 'bg-red-50 text-red-700 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/30',
    dot: 'bg-red-500 dark:bg-red-400',
  },
} as const

export type StatusTone = keyof typeof TONES

interface StatusBadgeProps extends ComponentProps<'span'> {
  tone: StatusTone
  /** A coloured dot before the text, so the state reads even where colour alone would not. */
  dot?: boolean
}

/** A small pill whose colour says how things stand (a status, a priority, a level). */
export function StatusBadge({ tone, dot = false, className, children, ...props }: StatusBadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[tone].badge,
        className,
      )}
      {...props}
    >
      {dot && <span aria-hidden className={cn('size-1.5 rounded-full', TONES[tone].dot)} />}
      {children}
    </span>
  )
}
