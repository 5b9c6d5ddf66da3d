import type { ExportSummary } from './export.definitions.ts'
import type { ExportLabels } from './export.labels.ts'

export interface SummaryLine {
  label: string
  count: number
  /** Organisations only: the potential amount, and weighted by the stage's probability. */
  amount: number | null
  weighted: number | null
}

/** Counts (and sums) rows per group as they stream by: the summary sheet, chart and PDF table. */
export function createSummary<R>(summary: ExportSummary<R>, labels: ExportLabels) {
  const groups = new Map<string, { count: number; amount: number }>()
  for (const group of summary.order ?? []) groups.set(group, { count: 0, amount: 0 })
  const hasAmount = summary.amount !== undefined
  return {
    hasAmount,
    add(row: R) {
      const group = summary.group(row, labels)
      let entry = groups.get(group)
      if (!entry) groups.set(group, (entry = { count: 0, amount: 0 }))
      entry.count += 1
      if (summary.amount) entry.amount += summary.amount(row) ?? 0
    },
    lines(): SummaryLine[] {
      const entries = [...groups]
      if (!summary.order) entries.sort((a, b) => b[1].count - a[1].count)
      return entries.map(([group, { count, amount }]) => ({
        label: summary.label(group, labels),
        count,
        amount: hasAmount ? amount : null,
        weighted: hasAmount ? Math.round(amount * (summary.probability?.[group] ?? 1)) : null,
      }))
    },
  }
}

export type Summary = ReturnType<typeof createSummary>
