import { createContext, useContext } from 'react'
import type { PipelineStage } from '../../../../shared/pipeline.ts'
import type { BoardCard } from '../board-cache.ts'

/**
 * What cards and columns may ask of the board. The object never changes identity, so memoised
 * cards do not re-render when the board's own state (drag, menu) changes.
 */
export interface BoardActions {
  startDrag(card: BoardCard): void
  endDrag(): void
  /** The stage the dragged card comes from, if a card is being dragged. */
  dragSource(): PipelineStage | undefined
  hoverColumn(stage: PipelineStage | null): void
  drop(stage: PipelineStage): void
  /** Moves with the keyboard (Alt+arrows) or the menu, keeping focus on the card. */
  moveTo(card: BoardCard, stage: PipelineStage): void
  openMoveMenu(card: BoardCard, trigger: HTMLElement): void
}

export const BoardActionsContext = createContext<BoardActions | null>(null)

export function useBoardActions(): BoardActions {
  const actions = useContext(BoardActionsContext)
  if (!actions) throw new Error('Pipeline cards must be rendered inside the board')
  return actions
}

/** Keeps the hint read by screen readers on every card in one place. */
export const KEYBOARD_HINT_ID = 'pipeline-keyboard-hint'
