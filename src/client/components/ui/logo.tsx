import { cn } from '../../lib/cn.ts'

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn('size-8 shrink-0', className)}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600 dark:fill-indigo-500" />
      <path
        d="M8 22l5.5-5.5 4 4L24 14M19 14h5v5"
        fill="none"
        stroke="white"
        strokeWidth="2.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}

/** `inverse` sits on the accent colour (the login page's brand panel). */
export function Logo({ className, inverse = false }: { className?: string; inverse?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2.5', className)}>
      <LogoMark className={inverse ? 'ring-1 ring-white/20 rounded-lg' : undefined} />
      <span
        className={cn(
          'text-lg font-semibold tracking-tight',
          inverse ? 'text-white' : 'text-zinc-900 dark:text-white',
        )}
      >
        Alforis{' '}
        <span className={inverse ? 'text-indigo-200' : 'text-indigo-600 dark:text-indigo-400'}>CRM</span>
      </span>
    </span>
  )
}
