import type { InfiniteData } from '@tanstack/react-query'

/** The rows of every page loaded so far, and how many match in all (counting stops at TOTAL_CAP). */
export function loadedRows<Item>(data: InfiniteData<{ items: Item[]; total: number; totalCapped?: boolean }> | undefined): {
  items: Item[]
  total: number
  totalCapped: boolean
} {
  const pages = data?.pages ?? []
  return { items: pages.flatMap((page) => page.items), total: pages[0]?.total ?? 0, totalCapped: pages[0]?.totalCapped ?? false }
}

/** A list's total as its summary shows it: `10 000+` when counting stopped there. */
export function totalText(total: number, capped: boolean | undefined, language: string): string {
  const text = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR').format(total)
  return capped ? `${text}+` : text
}
