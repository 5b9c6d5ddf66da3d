import type { PipelineStage } from '../../../shared/pipeline.ts'
import type { RouterOutputs } from '../../lib/trpc.ts'

export type Board = RouterOutputs['pipeline']['board']
export type BoardColumn = Board['columns'][number]
export type BoardCard = BoardColumn['cards'][number]
export type OrganisationType = BoardCard['type']

/** The filters a cached board was loaded with (the `pipeline.board` input). */
export interface BoardFilter {
  type?: readonly OrganisationType[]
  ownerId?: string
  teamId?: string
}

/** What the board needs to know about an organisation to place and total it. */
export interface CardState {
  id: string
  name: string
  type: OrganisationType
  stage: PipelineStage
  potentialAmount: number | null
  ownerId: string | null
  version: number
  teamId?: string | null
  city?: string | null
}

/**
 * One organisation going from `before` to `after` (null: did not exist / no longer exists).
 * `force` applies it even if the cached card looks newer (local rollbacks and corrections).
 */
export interface CardChange {
  id: string
  before: CardState | null
  after: CardState | null
  at?: Date
  force?: boolean
}

export type OwnerLookup = (ownerId: string) => { id: string; name: string } | undefined

function matches(filter: BoardFilter, state: CardState): boolean {
  if (filter.type?.length && !filter.type.includes(state.type)) return false
  if (filter.ownerId && state.ownerId !== filter.ownerId) return false
  if (filter.teamId && state.teamId !== undefined && state.teamId !== filter.teamId) return false
  return true
}

export function findCard(board: Board, id: string): BoardCard | undefined {
  for (const column of board.columns) {
    const card = column.cards.find((candidate) => candidate.id === id)
    if (card) return card
  }
  return undefined
}

export function stateOf(card: BoardCard): CardState {
  return {
    id: card.id,
    name: card.name,
    type: card.type,
    stage: card.stage,
    potentialAmount: card.potentialAmount,
    ownerId: card.owner?.id ?? null,
    version: card.version,
    city: card.city,
    teamId: card.teamId,
  }
}

/** The server's order: largest potential amount first, unknown amounts last, then by id. */
function comesBefore(a: BoardCard, b: BoardCard): boolean {
  const amountA = a.potentialAmount ?? -1
  const amountB = b.potentialAmount ?? -1
  return amountA !== amountB ? amountA > amountB : a.id < b.id
}

function insertSorted(cards: BoardCard[], card: BoardCard, truncated: boolean): BoardCard[] {
  const index = cards.findIndex((other) => comesBefore(card, other))
  // A column cut at the server's limit only shows its top cards: one that sorts below them stays out.
  if (index === -1) return truncated ? cards : [...cards, card]
  return [...cards.slice(0, index), card, ...cards.slice(index)]
}

function buildCard(state: CardState, existing: BoardCard | undefined, at: Date | undefined, owners: OwnerLookup): BoardCard {
  const owner =
    state.ownerId === null
      ? null
      : existing?.owner?.id === state.ownerId
        ? existing.owner
        : (owners(state.ownerId) ?? { id: state.ownerId, name: '' })
  return {
    id: state.id,
    name: state.name,
    type: state.type,
    stage: state.stage,
    potentialAmount: state.potentialAmount,
    version: state.version,
    updatedAt: at ?? existing?.updatedAt ?? new Date(),
    city: state.city !== undefined ? state.city : (existing?.city ?? null),
    teamId: state.teamId ?? existing?.teamId ?? '',
    owner,
  }
}

/**
 * Applies one organisation change to a cached board and recomputes the totals of the columns it
 * touches. Returns the same board when nothing changes; untouched columns and cards keep their
 * identity, so memoised components do not re-render.
 */
export function applyCardChange(board: Board, filter: BoardFilter, change: CardChange, owners: OwnerLookup): Board {
  const existing = findCard(board, change.id)
  if (existing && change.after && !change.force && existing.version >= change.after.version) return board

  // Where the card is counted now: where it is shown, or (if absent) in a column cut at the limit.
  let removeFrom: { stage: PipelineStage; amount: number | null } | null = null
  if (existing) {
    removeFrom = { stage: existing.stage, amount: existing.potentialAmount }
  } else if (change.before && matches(filter, change.before)) {
    const column = board.columns.find((candidate) => candidate.stage === change.before?.stage)
    if (column && column.cards.length < column.count) {
      removeFrom = { stage: change.before.stage, amount: change.before.potentialAmount }
    }
  }
  const addTo = change.after && matches(filter, change.after) ? change.after : null
  if (!removeFrom && !addTo) return board
  const card = addTo ? buildCard(addTo, existing, change.at, owners) : undefined

  const columns = board.columns.map((column) => {
    const removes = removeFrom?.stage === column.stage
    const adds = addTo?.stage === column.stage
    if (!removes && !adds) return column
    const truncated = column.cards.length < column.count
    let { count, totalAmount, cards } = column
    if (removes) {
      count -= 1
      totalAmount -= removeFrom?.amount ?? 0
      if (existing) cards = cards.filter((candidate) => candidate.id !== change.id)
    }
    if (adds && card) {
      count += 1
      totalAmount += card.potentialAmount ?? 0
      cards = insertSorted(cards, card, truncated)
    }
    return { ...column, count, totalAmount, weightedAmount: Math.round(totalAmount * column.probability), cards }
  })
  return { ...board, columns }
}

function sameCard(a: BoardCard, b: BoardCard): boolean {
  return (
    a.id === b.id &&
    a.version === b.version &&
    a.name === b.name &&
    a.type === b.type &&
    a.stage === b.stage &&
    a.potentialAmount === b.potentialAmount &&
    a.city === b.city &&
    a.owner?.id === b.owner?.id &&
    a.owner?.name === b.owner?.name &&
    new Date(a.updatedAt).getTime() === new Date(b.updatedAt).getTime()
  )
}

function sameColumn(a: BoardColumn | undefined, b: BoardColumn, cards: BoardCard[]): a is BoardColumn {
  return (
    a !== undefined &&
    a.stage === b.stage &&
    a.count === b.count &&
    a.totalAmount === b.totalAmount &&
    a.weightedAmount === b.weightedAmount &&
    a.cards.length === cards.length &&
    a.cards.every((card, index) => card === cards[index])
  )
}

/**
 * Structural sharing for boards: keeps the previous object of every unchanged card and column.
 * React Query's default compares arrays by position, so one card leaving a column would give every
 * card below it a new identity and re-render them all.
 */
export function shareBoard(previous: unknown, next: unknown): unknown {
  const old = previous as Board | undefined
  const fresh = next as Board | undefined
  if (!old?.columns || !fresh?.columns) return next
  const known = new Map<string, BoardCard>()
  for (const column of old.columns) for (const card of column.cards) known.set(card.id, card)
  const columns = fresh.columns.map((column, index) => {
    const cards = column.cards.map((card) => {
      const previousCard = known.get(card.id)
      return previousCard && sameCard(previousCard, card) ? previousCard : card
    })
    const previousColumn = old.columns[index]
    return sameColumn(previousColumn, column, cards) ? previousColumn : { ...column, cards }
  })
  return columns.every((column, index) => column === old.columns[index]) ? old : { ...fresh, columns }
}
