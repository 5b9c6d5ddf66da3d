import { z } from 'zod'

/** The lists that export, named as in their URL and file names. */
export const EXPORT_ENTITIES = ['organisations', 'people', 'mandates', 'products', 'tasks', 'interactions'] as const
export type ExportEntity = (typeof EXPORT_ENTITIES)[number]

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** `;` opens directly in a French Excel; `,` is the international default. */
export const CSV_DELIMITERS = [';', ','] as const

/** A PDF holds its whole document in memory while it is drawn: past this, export to Excel. */
export const PDF_ROW_LIMIT = 10_000

/** Query string of `GET /api/exports/<entity>.<format>` besides `filters` (the list's own input, as JSON). */
export const exportOptions = z.object({
  delimiter: z.enum(CSV_DELIMITERS).default(';'),
  /** Chosen by the client to follow the export's progress with `exports.progress`. */
  progressId: z.uuid().optional(),
})

export const exportProgressInput = z.object({ progressId: z.uuid() })

export const exportHistoryInput = z.object({ limit: z.number().int().min(1).max(100).default(20) })

export interface ExportProgress {
  done: number
  total: number
  status: 'running' | 'completed' | 'cancelled' | 'failed'
}
