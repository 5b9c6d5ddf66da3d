import { LoaderCircle } from 'lucide-react'
import { cn } from '../../lib/cn.ts'

const SIZES = { sm: 'size-4', md: 'size-5', lg: 'size-8' } as const

interface SpinnerProps {
  size?: keyof typeof SIZES
  /** Announced to assistive technology; omit when the surrounding element already says it. */
  label?: string
  className?: string
}

export function Spinner({ size = 'md', label, className }: SpinnerProps) {
  const icon = <LoaderCircle aria-hidden className={cn('animate-spin', SIZES[size], className)} />
  if (!label) return icon
  return (
    <span role="status" className="inline-flex items-center">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  )
}
