import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Check } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES, type PipelineStage } from '../../../../shared/pipeline.ts'
import { cn } from '../../../lib/cn.ts'
import type { BoardCard } from '../board-cache.ts'
import { STAGE_ACCENTS } from '../format.ts'

interface MoveMenuProps {
  card: BoardCard
  trigger: HTMLElement
  onSelect: (stage: PipelineStage) => void
  /** `restoreFocus`: give focus back to the trigger (Escape), not on an outside click. */
  onClose: (restoreFocus: boolean) => void
}

const MENU_WIDTH = 224

/** "Move to…" for one card: a single menu for the whole board, placed next to the card's button. */
export function MoveMenu({ card, trigger, onSelect, onClose }: MoveMenuProps) {
  const { t } = useTranslation()
  const menuRef = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState<{ top: number; left: number }>()

  const place = useCallback(() => {
    const rect = trigger.getBoundingClientRect()
    const height = menuRef.current?.offsetHeight ?? 0
    const below = rect.bottom + 4
    const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 4) : below
    const left = Math.min(Math.max(8, rect.right - MENU_WIDTH), window.innerWidth - MENU_WIDTH - 8)
    setPosition({ top, left })
  }, [trigger])

  useLayoutEffect(place, [place])

  useEffect(() => {
    const items = menuItems(menuRef.current)
    items.find((item) => !item.hasAttribute('aria-disabled'))?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      // The trigger toggles the menu itself.
      if (!menuRef.current?.contains(target) && !trigger.contains(target)) onClose(false)
    }
    // Fixed on screen, so it follows its trigger when a column or the page scrolls.
    document.addEventListener('pointerdown', onPointerDown)
    window.addEventListener('scroll', place, true)
    window.addEventListener('resize', place)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      window.removeEventListener('scroll', place, true)
      window.removeEventListener('resize', place)
    }
  }, [onClose, place, trigger])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = menuItems(menuRef.current)
    const index = items.indexOf(document.activeElement as HTMLElement)
    const focusAt = (next: number) => items[(next + items.length) % items.length]?.focus()
    if (event.key === 'ArrowDown') focusAt(index + 1)
    else if (event.key === 'ArrowUp') focusAt(index - 1)
    else if (event.key === 'Home') focusAt(0)
    else if (event.key === 'End') focusAt(items.length - 1)
    else if (event.key === 'Escape') onClose(true)
    else if (event.key === 'Tab') onClose(false)
    else return
    if (event.key !== 'Tab') event.preventDefault()
  }

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={t('pipeline.card.moveMenu', { name: card.name })}
      onKeyDown={onKeyDown}
      style={{ top: position?.top ?? 0, left: position?.left ?? 0, width: MENU_WIDTH, visibility: position ? 'visible' : 'hidden' }}
      className="fixed z-50 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40"
    >
      {PIPELINE_STAGES.map((stage) => {
        const current = stage === card.stage
        return (
          <button
            key={stage}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-disabled={current || undefined}
            onClick={() => (current ? undefined : onSelect(stage))}
            className={cn(
              'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm outline-none',
              current
                ? 'cursor-default text-zinc-500 dark:text-zinc-400'
                : 'text-zinc-700 hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800',
            )}
          >
            <span aria-hidden className={cn('size-2 rounded-full', STAGE_ACCENTS[stage])} />
            <span className="flex-1">{t(`pipeline.stages.${stage}`)}</span>
            {current && (
              <>
                <Check aria-hidden className="size-4" />
                <span className="sr-only">({t('pipeline.card.current')})</span>
              </>
            )}
          </button>
        )
      })}
    </div>
  )
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]')) : []
}
