import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { Check, type LucideIcon } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { focusRing } from './button.tsx'

const MenuContext = createContext<{ close: () => void } | null>(null)

const ITEM_SELECTOR = '[role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"]'

interface MenuProps {
  /** Accessible name of the menu, and of the trigger unless `triggerLabel` says otherwise. */
  label: string
  /**
   * The trigger's name when it shows text of its own: it must contain that text (WCAG 2.5.3).
   * `'content'`: the trigger is named by its own content (visible and screen-reader-only text).
   */
  triggerLabel?: string | 'content'
  trigger: ReactNode
  triggerClassName?: string
  align?: 'start' | 'end'
  children: ReactNode
}

/** A WAI-ARIA menu button: arrows move, Escape closes and returns focus, outside clicks close. */
export function Menu({ label, triggerLabel, trigger, triggerClassName, align = 'end', children }: MenuProps) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const menuId = useId()

  const close = useCallback((restoreFocus = true) => {
    setOpen(false)
    if (restoreFocus) triggerRef.current?.focus()
  }, [])

  useEffect(() => {
    if (!open) return
    const items = menuItems(menuRef.current)
    ;(items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus()
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open, close])

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = menuItems(menuRef.current)
    const index = items.indexOf(document.activeElement as HTMLElement)
    const focusAt = (next: number) => items[(next + items.length) % items.length]?.focus()
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        focusAt(index + 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        focusAt(index - 1)
        break
      case 'Home':
        event.preventDefault()
        focusAt(0)
        break
      case 'End':
        event.preventDefault()
        focusAt(items.length - 1)
        break
      case 'Escape':
        event.preventDefault()
        close()
        break
      case 'Tab':
        close(false)
        break
    }
  }

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
    }
  }

  return (
    <MenuContext.Provider value={{ close }}>
      <div ref={rootRef} className="relative">
        <button
          ref={triggerRef}
          type="button"
          aria-label={triggerLabel === 'content' ? undefined : (triggerLabel ?? label)}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={() => setOpen((value) => !value)}
          onKeyDown={onTriggerKeyDown}
          className={cn(focusRing, triggerClassName)}
        >
          {trigger}
        </button>
        {open && (
          <div
            ref={menuRef}
            id={menuId}
            role="menu"
            aria-label={label}
            onKeyDown={onMenuKeyDown}
            className={cn(
              'absolute top-full z-50 mt-2 w-72 origin-top rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg',
              'dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40',
              align === 'end' ? 'right-0' : 'left-0',
            )}
          >
            {children}
          </div>
        )}
      </div>
    </MenuContext.Provider>
  )
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>(ITEM_SELECTOR)) : []
}

function useMenu() {
  const context = useContext(MenuContext)
  if (!context) throw new Error('Menu items must be rendered inside <Menu>')
  return context
}

const itemClassName = cn(
  'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-zinc-700 outline-none',
  'hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800',
)

interface MenuItemProps {
  icon?: LucideIcon
  onSelect: () => void
  children: ReactNode
}

/** An action: runs, then closes the menu. */
export function MenuItem({ icon: Icon, onSelect, children }: MenuItemProps) {
  const { close } = useMenu()
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={itemClassName}
      onClick={() => {
        close()
        onSelect()
      }}
    >
      {Icon && <Icon aria-hidden className="size-4 text-zinc-500 dark:text-zinc-400" />}
      {children}
    </button>
  )
}

interface MenuRadioItemProps extends MenuItemProps {
  checked: boolean
}

/** A choice within a group: stays open so the effect can be seen and other choices made. */
export function MenuRadioItem({ icon: Icon, checked, onSelect, children }: MenuRadioItemProps) {
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      tabIndex={-1}
      className={cn(itemClassName, checked && 'font-medium text-zinc-900 dark:text-white')}
      onClick={onSelect}
    >
      {Icon && <Icon aria-hidden className="size-4 text-zinc-500 dark:text-zinc-400" />}
      <span className="flex-1">{children}</span>
      {checked && <Check aria-hidden className="size-4 text-indigo-600 dark:text-indigo-400" />}
    </button>
  )
}

interface MenuCheckboxItemProps extends MenuItemProps {
  checked: boolean
}

/** An on/off choice: stays open so several can be toggled in a row. */
export function MenuCheckboxItem({ icon: Icon, checked, onSelect, children }: MenuCheckboxItemProps) {
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      aria-checked={checked}
      tabIndex={-1}
      className={itemClassName}
      onClick={onSelect}
    >
      {Icon && <Icon aria-hidden className="size-4 text-zinc-500 dark:text-zinc-400" />}
      <span
        aria-hidden
        className={cn(
          'flex size-4 items-center justify-center rounded border',
          checked ? 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-500 dark:bg-indigo-500' : 'border-zinc-400 dark:border-zinc-500',
        )}
      >
        {checked && <Check className="size-3" />}
      </span>
      <span className="flex-1">{children}</span>
    </button>
  )
}

export function MenuGroup({ label, children }: { label: string; children: ReactNode }) {
  const labelId = useId()
  return (
    <div role="group" aria-labelledby={labelId} className="py-1">
      <div
        id={labelId}
        className="px-2.5 pt-1 pb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        {label}
      </div>
      {children}
    </div>
  )
}

export function MenuSeparator() {
  return <div role="separator" className="-mx-1.5 my-1.5 h-px bg-zinc-200 dark:bg-zinc-800" />
}

/** Non-interactive content at the top of a menu (who is signed in, for instance). */
export function MenuHeader({ children }: { children: ReactNode }) {
  return <div className="px-2.5 pt-2 pb-2.5">{children}</div>
}
