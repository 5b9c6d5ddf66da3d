import type { InfiniteData } from '@tanstack/react-query'

/** The rows of every page loaded so far, and how many match in all. */
export function loadedRows<Item>(data: InfiniteData<{ items: Item[]; total: number }> | undefined): {
  items: Item[]
  total: number
} {
  const pages = data?.pages ?? []
  return { items: pages.flatMap((page) => page.items), total: pages[0]?.total ?? 0 }
}
