import { useRef, type KeyboardEvent, type ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { focusRing } from './button.tsx'

export interface TabItem<T extends string> {
  value: T
  label: string
  icon?: LucideIcon
}

interface TabsProps<T extends string> {
  /** Accessible name of the tab list. */
  label: string
  /** Prefix of the tab and panel ids; TabPanel must be given the same one. */
  idBase: string
  items: readonly TabItem<T>[]
  value: T
  onChange: (value: T) => void
  className?: string
}

const tabId = (idBase: string, value: string) => `${idBase}-tab-${value}`
const panelId = (idBase: string, value: string) => `${idBase}-panel-${value}`

/** WAI-ARIA tabs with automatic activation: arrows, Home and End move and select. */
export function Tabs<T extends string>({ label, idBase, items, value, onChange, className }: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.value === value)
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % items.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + items.length) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : undefined
    if (target === undefined) return
    event.preventDefault()
    onChange(items[target].value)
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(idBase, items[target].value))}`)?.focus()
  }

  return (
    <div
      ref={listRef}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      className={cn('flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800', className)}
    >
      {items.map(({ value: itemValue, label: itemLabel, icon: Icon }) => {
        const selected = itemValue === value
        return (
          <button
            key={itemValue}
            id={tabId(idBase, itemValue)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId(idBase, itemValue)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(itemValue)}
            className={cn(
              '-mb-px inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
              selected
                ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-white',
              focusRing,
            )}
          >
            {Icon && <Icon aria-hidden className="size-4" />}
            {itemLabel}
          </button>
        )
      })}
    </div>
  )
}

interface TabPanelProps {
  idBase: string
  value: string
  children: ReactNode
  className?: string
}

/** The content of the selected tab, labelled by it. */
export function TabPanel({ idBase, value, children, className }: TabPanelProps) {
  return (
    <div
      id={panelId(idBase, value)}
      role="tabpanel"
      aria-labelledby={tabId(idBase, value)}
      tabIndex={-1}
      className={cn('outline-none', className)}
    >
      {children}
    </div>
  )
}
