import { memo, useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react'
import { Link, useNavigate } from '@tanstack/react-router'
import { ArrowLeftRight } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { focusRing } from '../../../components/ui/button.tsx'
import { cn } from '../../../lib/cn.ts'
import { LogActivityButton } from '../../activity/components/log-activity-button.tsx'
import type { BoardCard } from '../board-cache.ts'
import { formatAmount, TYPE_ACCENTS } from '../format.ts'
import { useRecentMove } from '../recent-moves.ts'
import { KEYBOARD_HINT_ID, useBoardActions } from './board-actions.ts'

interface PipelineCardProps {
  card: BoardCard
  canMove: boolean
  /** Offers "log activity" on the card. */
  canWrite?: boolean
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** One organisation on the board; re-renders only when its own data or recent move changes. */
export const PipelineCard = memo(function PipelineCard({ card, canMove, canWrite = canMove }: PipelineCardProps) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const actions = useBoardActions()
  const recent = useRecentMove(card.id)
  const ref = useRef<HTMLLIElement>(null)

  useEffect(() => {
    if (!recent || prefersReducedMotion()) return
    ref.current?.animate(
      [
        { transform: 'scale(1.04)', boxShadow: '0 0 0 4px rgb(99 102 241 / 0.55)' },
        { transform: 'scale(1)', boxShadow: '0 0 0 2px rgb(99 102 241 / 0.35)' },
      ],
      { duration: 900, easing: 'ease-out' },
    )
  }, [recent])

  const stageIndex = PIPELINE_STAGES.indexOf(card.stage)
  const open = () => void navigate({ to: '/organisations/$id', params: { id: card.id } })
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault()
      open()
      return
    }
    if (!canMove || !event.altKey || event.target !== event.currentTarget) return
    const next =
      event.key === 'ArrowRight' ? PIPELINE_STAGES[stageIndex + 1] : event.key === 'ArrowLeft' ? PIPELINE_STAGES[stageIndex - 1] : undefined
    if (!next) return
    event.preventDefault()
    actions.moveTo(card, next)
  }

  // A click anywhere on the card opens the organisation, except on its own buttons and menus.
  const onClick = (event: MouseEvent<HTMLLIElement>) => {
    if ((event.target as HTMLElement).closest('button, a, [role="menu"], dialog')) return
    open()
  }

  const onDragStart = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.effectAllowed = 'move'
    event.dataTransfer.setData('text/plain', card.id)
    actions.startDrag(card)
  }

  return (
    <li
      ref={ref}
      tabIndex={0}
      draggable={canMove}
      data-testid="pipeline-card"
      data-card-id={card.id}
      data-stage={card.stage}
      aria-describedby={canMove ? KEYBOARD_HINT_ID : undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDragStart={canMove ? onDragStart : undefined}
      onDragEnd={canMove ? () => actions.endDrag() : undefined}
      className={cn(
        'group relative cursor-pointer rounded-lg border p-3 text-left shadow-xs transition-colors',
        '[contain-intrinsic-size:auto_6.5rem] [content-visibility:auto]',
        focusRing,
        canMove && 'cursor-grab active:cursor-grabbing',
        recent
          ? 'border-indigo-300 bg-indigo-50 ring-2 ring-indigo-400/40 dark:border-indigo-500/60 dark:bg-indigo-950/60'
          : 'border-zinc-200 bg-white hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700',
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <p data-testid="pipeline-card-name" className="line-clamp-2 min-w-0 text-sm font-medium text-zinc-900 dark:text-white">
          {/* A real link (new tab, copy address); not draggable, so dragging moves the card. */}
          <Link to="/organisations/$id" params={{ id: card.id }} draggable={false} tabIndex={-1} className="hover:underline">
            {card.name}
          </Link>
        </p>
        <div className="-mt-1 -mr-1 flex shrink-0 items-center">
        {canWrite && (
          <LogActivityButton
            compact
            subject={{ teamId: card.teamId, organisation: { id: card.id, name: card.name }, people: [] }}
          />
        )}
        {canMove && (
          <button
            type="button"
            aria-label={t('pipeline.card.moveTo')}
            title={t('pipeline.card.moveTo')}
            aria-haspopup="menu"
            onClick={(event) => actions.openMoveMenu(card, event.currentTarget)}
            className={cn(
              'flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-400 transition',
              'opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100 pointer-coarse:opacity-100',
              'hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200',
              focusRing,
            )}
          >
            <ArrowLeftRight aria-hidden className="size-3.5" />
          </button>
        )}
        </div>
      </div>
      <p className="mt-1 flex min-w-0 items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        <span aria-hidden className={cn('size-1.5 shrink-0 rounded-full', TYPE_ACCENTS[card.type])} />
        <span className="truncate">
          {t(`pipeline.types.${card.type}`)}
          {card.city && ` · ${card.city}`}
        </span>
      </p>
      <div className="mt-2 flex items-center justify-between gap-2">
        {card.potentialAmount !== null ? (
          <span className="text-sm font-semibold text-zinc-800 tabular-nums dark:text-zinc-100">
            {formatAmount(card.potentialAmount, i18n.language)}
          </span>
        ) : (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{t('pipeline.card.noAmount')}</span>
        )}
        {card.owner ? (
          <span title={t('pipeline.card.owner', { name: card.owner.name })} className="shrink-0">
            <Avatar name={card.owner.name || '?'} />
            <span className="sr-only">{t('pipeline.card.owner', { name: card.owner.name })}</span>
          </span>
        ) : (
          <span
            title={t('pipeline.card.noOwner')}
            className="size-8 shrink-0 rounded-full border border-dashed border-zinc-300 dark:border-zinc-600"
          >
            <span className="sr-only">{t('pipeline.card.noOwner')}</span>
          </span>
        )}
      </div>
      {recent && (
        <p
          data-testid="pipeline-card-moved-by"
          className="mt-2 inline-flex max-w-full items-center rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200"
        >
          <span className="truncate">
            {recent.actorName ? t('pipeline.card.movedBy', { name: recent.actorName }) : t('pipeline.card.movedBySomeone')}
          </span>
        </p>
      )}
    </li>
  )
})
