import { expect } from 'vitest'

// Paging checks shared by every list: fixtures of a dozen rows with ties and missing values, paged
// through one row at a time and five at a time, against one long page.

export type Direction = 'asc' | 'desc'
type SortValue = string | number | Date
/** What a row is sorted by: one value, or several compared in turn (last name, then first name). */
export type SortKey = SortValue | SortValue[]

interface ListPage<Item> {
  items: Item[]
  nextCursor: string | null
  total: number
}

/** Every field in both directions, as a list's `sort` input. */
export function everySort<Field extends string>(fields: readonly Field[]): { field: Field; direction: Direction }[] {
  return fields.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ field, direction })))
}

/**
 * Times with ties for the fixture row `index`: rows share creation and update times in small groups,
 * so that the sort's tie-break by id is exercised on every page boundary.
 */
export function tiedTimestamps(index: number): { createdAt: Date; updatedAt: Date } {
  const base = Date.UTC(2025, 0, 15, 9)
  return { createdAt: new Date(base + (index % 3) * 60_000), updatedAt: new Date(base + ((index * 7) % 4) * 60_000) }
}

/**
 * Pages through a list one row at a time and five at a time: every row appears exactly once, in
 * the order of one long page, and every page tells the same total. With `sortKey`, the long page
 * must also be in that order, ties by id, rows without a key last in either direction.
 * Resolves to the long page's rows.
 */
export async function expectPagingInSortOrder<Item extends { id: string }>(
  list: (page: { limit: number; cursor?: string | null }) => Promise<ListPage<Item>>,
  expected: { total: number; label: string; direction?: Direction; sortKey?: (item: Item) => SortKey | null },
): Promise<Item[]> {
  const { total, label } = expected
  const whole = await list({ limit: 50 })
  expect(whole.items, label).toHaveLength(total)
  expect(whole.nextCursor, label).toBeNull()
  if (expected.sortKey) {
    const { sortKey, direction = 'asc' } = expected
    const inOrder = [...whole.items].sort((a, b) => compareRows(sortKey(a), sortKey(b), direction) || compareIds(a, b, direction))
    expect(whole.items.map((item) => item.id), `${label}: the order of the long page`).toEqual(inOrder.map((item) => item.id))
  }
  for (const limit of [1, 5]) {
    const seen: string[] = []
    let cursor: string | null | undefined
    do {
      const page = await list({ limit, cursor })
      expect(page.total, label).toBe(total)
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor && seen.length <= total)
    expect(seen, `${label}, ${limit} per page`).toEqual(whole.items.map((item) => item.id))
  }
  return whole.items
}

/** Rows without a key come after the others whatever the direction. */
function compareRows(a: SortKey | null, b: SortKey | null, direction: Direction): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  const sign = direction === 'asc' ? 1 : -1
  const left = [a].flat()
  const right = [b].flat()
  for (const [index, value] of left.entries()) {
    const difference = compareValues(value, right[index])
    if (difference !== 0) return sign * difference
  }
  return 0
}

function compareValues(a: SortValue, b: SortValue): number {
  const left = a instanceof Date ? a.getTime() : a
  const right = b instanceof Date ? b.getTime() : b
  return left < right ? -1 : left > right ? 1 : 0
}

function compareIds(a: { id: string }, b: { id: string }, direction: Direction): number {
  return (direction === 'asc' ? 1 : -1) * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
