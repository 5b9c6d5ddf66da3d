import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PipelineStage } from '../../../../shared/pipeline.ts'
import { showToast } from '../../../components/ui/toast.tsx'
import type { Board, BoardCard } from '../board-cache.ts'
import { useMoveCard, type MoveNotice } from '../hooks/use-move-card.ts'
import { BoardActionsContext, KEYBOARD_HINT_ID, type BoardActions } from './board-actions.ts'
import { MoveMenu } from './move-menu.tsx'
import { PipelineColumn } from './pipeline-column.tsx'

interface PipelineBoardProps {
  board: Board
  /** VIEWERs may look but not move: no drag, no menu, no shortcuts. */
  canMove: boolean
}

export function PipelineBoard({ board, canMove }: PipelineBoardProps) {
  const { t } = useTranslation()
  const [dragFrom, setDragFrom] = useState<PipelineStage | null>(null)
  const [dropStage, setDropStage] = useState<PipelineStage | null>(null)
  const [menu, setMenu] = useState<{ card: BoardCard; trigger: HTMLElement } | null>(null)
  // Renders again once a refused move names a card to bring into view.
  const [, revealAgain] = useReducer((count: number) => count + 1, 0)
  const [announcement, setAnnouncement] = useState('')
  // Read by the stable actions below, so that handing them to cards never re-renders a card.
  const dragged = useRef<BoardCard | null>(null)
  // A card to focus (or only show) once it is rendered in its new column.
  const pendingTarget = useRef<{ id: string; stage: PipelineStage; focus: boolean } | null>(null)
  const showNotice = useCallback(({ reveal, ...toast }: MoveNotice) => {
    showToast(toast)
    if (reveal) {
      pendingTarget.current = { ...reveal, focus: false }
      revealAgain()
    }
  }, [])
  const move = useMoveCard(showNotice)
  const latest = useRef({ move, t })
  useLayoutEffect(() => {
    latest.current = { move, t }
  })

  const actions = useMemo<BoardActions>(() => {
    const commit = (card: BoardCard, stage: PipelineStage, keepFocus: boolean) => {
      if (card.stage === stage) return
      const { move: moveCard, t: translate } = latest.current
      if (keepFocus) pendingTarget.current = { id: card.id, stage, focus: true }
      moveCard(card, stage)
      setAnnouncement(translate('pipeline.moves.moved', { name: card.name, stage: translate(`pipeline.stages.${stage}`) }))
    }
    const stopDrag = () => {
      dragged.current = null
      setDragFrom(null)
      setDropStage(null)
    }
    return {
      startDrag: (card) => {
        dragged.current = card
        setDragFrom(card.stage)
      },
      endDrag: stopDrag,
      dragSource: () => dragged.current?.stage,
      hoverColumn: (stage) => setDropStage(stage),
      drop: (stage) => {
        const card = dragged.current
        stopDrag()
        if (card) commit(card, stage, false)
      },
      moveTo: (card, stage) => commit(card, stage, true),
      openMoveMenu: (card, trigger) => setMenu((open) => (open?.trigger === trigger ? null : { card, trigger })),
    }
  }, [])

  // A moved card is a new element in another column: give it focus back once it is there.
  useLayoutEffect(() => {
    const target = pendingTarget.current
    if (!target) return
    const element = document.querySelector<HTMLElement>(
      `[data-card-id="${CSS.escape(target.id)}"][data-stage="${target.stage}"]`,
    )
    if (!element) return
    pendingTarget.current = null
    // A card that lost focus by moving (its element was replaced) gets it back, too.
    if (target.focus || document.activeElement === document.body) element.focus()
    else element.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  })

  const closeMenu = useCallback(
    (restoreFocus: boolean) => {
      if (restoreFocus) menu?.trigger.focus()
      setMenu(null)
    },
    [menu],
  )

  return (
    <BoardActionsContext.Provider value={actions}>
      <p id={KEYBOARD_HINT_ID} className="sr-only">
        {t('pipeline.card.keyboardHint')}
      </p>
      <p role="status" aria-live="polite" className="sr-only" data-testid="pipeline-announcement">
        {announcement}
      </p>
      <div className="relative -mx-4 overflow-x-auto px-4 pb-3 sm:-mx-6 sm:px-6 lg:mx-0 lg:px-0" data-testid="pipeline-board">
        <div className="flex snap-x gap-3">
          {board.columns.map((column) => (
            <PipelineColumn
              key={column.stage}
              column={column}
              canMove={canMove}
              acceptsDrop={dragFrom !== null && dragFrom !== column.stage}
              dropHover={dropStage === column.stage}
            />
          ))}
        </div>
      </div>
      {menu && (
        <MoveMenu
          card={menu.card}
          trigger={menu.trigger}
          onClose={closeMenu}
          onSelect={(stage) => {
            setMenu(null)
            actions.moveTo(menu.card, stage)
          }}
        />
      )}
    </BoardActionsContext.Provider>
  )
}
