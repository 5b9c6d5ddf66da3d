import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '../../lib/cn.ts'

const TONES = {
  error: {
    icon: CircleAlert,
    className: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-200',
  },
  warning: {
    icon: TriangleAlert,
    className:
      'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
  },
  info: {
    icon: Info,
    className:
      'border-indigo-200 bg-indigo-50 text-indigo-900 dark:border-indigo-900/60 dark:bg-indigo-950/50 dark:text-indigo-200',
  },
  success: {
    icon: CircleCheck,
    className:
      'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200',
  },
} satisfies Record<string, { icon: LucideIcon; className: string }>

interface AlertProps {
  tone?: keyof typeof TONES
  title?: string
  children: ReactNode
  className?: string
  'data-testid'?: string
}

/** Errors and warnings interrupt screen readers; information waits its turn. */
export function Alert({ tone = 'info', title, children, className, ...props }: AlertProps) {
  const { icon: Icon, className: toneClassName } = TONES[tone]
  const urgent = tone === 'error' || tone === 'warning'
  return (
    <div
      role={urgent ? 'alert' : 'status'}
      className={cn('flex gap-3 rounded-lg border px-4 py-3 text-sm', toneClassName, className)}
      {...props}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">
        {title && <p className="font-semibold">{title}</p>}
        <div className={cn(title && 'mt-0.5')}>{children}</div>
      </div>
    </div>
  )
}
