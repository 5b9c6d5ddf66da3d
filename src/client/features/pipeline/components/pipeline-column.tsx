import { memo, startTransition, useEffect, useId, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../../lib/cn.ts'
import type { BoardColumn } from '../board-cache.ts'
import { formatAmount, STAGE_ACCENTS } from '../format.ts'
import { useBoardActions } from './board-actions.ts'
import { PipelineCard } from './pipeline-card.tsx'

interface PipelineColumnProps {
  column: BoardColumn
  canMove: boolean
  /** A card from another column is being dragged: this column accepts it. */
  acceptsDrop: boolean
  /** The dragged card is over this column. */
  dropHover: boolean
}

// A first screenful per column paints at once; the rest (up to 500) renders in an interruptible
// transition, so a large board shows quickly and stays responsive while it fills in.
const FIRST_CARDS = 30

export const PipelineColumn = memo(function PipelineColumn({ column, canMove, acceptsDrop, dropHover }: PipelineColumnProps) {
  const { t, i18n } = useTranslation()
  const actions = useBoardActions()
  const headingId = useId()
  const { stage, count, totalAmount, weightedAmount, cards } = column
  const [showAll, setShowAll] = useState(cards.length <= FIRST_CARDS)
  useEffect(() => {
    if (!showAll) startTransition(() => setShowAll(true))
  }, [showAll])
  const shown = showAll ? cards : cards.slice(0, FIRST_CARDS)

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    const source = actions.dragSource()
    if (!source || source === stage) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    actions.hoverColumn(stage)
  }
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) actions.hoverColumn(null)
  }
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    actions.drop(stage)
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid={`pipeline-column-${stage}`}
      data-count={count}
      data-total={totalAmount}
      data-weighted={weightedAmount}
      onDragOver={canMove ? onDragOver : undefined}
      onDragLeave={canMove ? onDragLeave : undefined}
      onDrop={canMove ? onDrop : undefined}
      className={cn(
        'flex w-64 shrink-0 snap-start flex-col rounded-xl border bg-zinc-100/70 transition-colors dark:bg-zinc-900/50',
        dropHover
          ? 'border-indigo-400 bg-indigo-50/80 ring-2 ring-indigo-400/30 dark:border-indigo-500 dark:bg-indigo-500/10'
          : acceptsDrop
            ? 'border-dashed border-indigo-300 dark:border-indigo-500/50'
            : 'border-zinc-200 dark:border-zinc-800',
      )}
    >
      <header className="border-b border-zinc-200 px-3 pt-3 pb-2.5 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-2">
          <h2 id={headingId} className="flex min-w-0 items-center gap-2 text-sm font-semibold text-zinc-900 dark:text-white">
            <span aria-hidden className={cn('size-2 shrink-0 rounded-full', STAGE_ACCENTS[stage])} />
            <span className="truncate">{t(`pipeline.stages.${stage}`)}</span>
          </h2>
          <span
            data-testid="pipeline-column-count"
            title={t('pipeline.column.count', { count })}
            className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-zinc-700 tabular-nums ring-1 ring-zinc-200 ring-inset dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700"
          >
            {count}
            <span className="sr-only"> {t('pipeline.column.count', { count })}</span>
          </span>
        </div>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-xs">
          <div className="min-w-0">
            <dt className="text-zinc-600 dark:text-zinc-400">{t('pipeline.column.total')}</dt>
            <dd
              data-testid="pipeline-column-total"
              title={formatAmount(totalAmount, i18n.language)}
              className="truncate font-semibold text-zinc-900 tabular-nums dark:text-zinc-100"
            >
              {formatAmount(totalAmount, i18n.language, true)}
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="truncate text-zinc-600 dark:text-zinc-400">
              {t('pipeline.column.weighted', { probability: Math.round(column.probability * 100) })}
            </dt>
            <dd
              data-testid="pipeline-column-weighted"
              title={formatAmount(weightedAmount, i18n.language)}
              className="truncate font-semibold text-indigo-700 tabular-nums dark:text-indigo-300"
            >
              {formatAmount(weightedAmount, i18n.language, true)}
            </dd>
          </div>
        </dl>
      </header>
      <ol
        aria-labelledby={headingId}
        className="flex max-h-[calc(100dvh-21rem)] min-h-40 flex-1 flex-col gap-2 overflow-y-auto p-2 [scrollbar-width:thin]"
      >
        {shown.map((card) => (
          <PipelineCard key={card.id} card={card} canMove={canMove} />
        ))}
        {cards.length === 0 && (
          <li className="flex flex-1 items-center justify-center rounded-lg border border-dashed border-zinc-300 px-3 py-8 text-center text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
            {acceptsDrop ? t('pipeline.column.dropHere') : t('pipeline.column.empty')}
          </li>
        )}
      </ol>
      {cards.length < count && (
        <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          {t('pipeline.column.truncated', { shown: cards.length, count })}
        </p>
      )}
    </section>
  )
})
