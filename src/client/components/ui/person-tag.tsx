import type { ComponentProps, CSSProperties } from 'react'
import { cn } from '../../lib/cn.ts'

/** A short label filled with a person's colour: who edits a field, who just changed it. */
export function PersonTag({ color, className, style, ...props }: ComponentProps<'span'> & { color: string }) {
  return (
    <span
      className={cn('rounded px-1.5 py-px text-[0.6875rem] font-medium text-white', className)}
      style={{ backgroundColor: color, ...style }}
      {...props}
    />
  )
}

/** Tints a block in a person's colour, to show they just changed it. */
export function personTint(color: string): CSSProperties {
  return { backgroundColor: `${color}1a`, boxShadow: `inset 0 0 0 1px ${color}80` }
}
