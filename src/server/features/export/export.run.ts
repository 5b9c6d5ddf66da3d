import type { ExportEntity } from '../../../shared/schemas/export.ts'
import type { ExportColumn, ExportDefinition } from './export.definitions.ts'
import type { ExportLabels } from './export.labels.ts'
import type { Summary } from './export.summary.ts'

/** Where a writer sends the file; resolves when the receiver can take more (backpressure). */
export interface ExportOutput {
  write(chunk: string | Uint8Array): Promise<void>
}

/** One export being written: what the writers need, whatever the format. */
export interface ExportRun {
  entity: ExportEntity
  definition: ExportDefinition
  columns: ExportColumn<unknown>[]
  labels: ExportLabels
  language: string
  /** Rows matching the filters when the export started. */
  total: number
  title: string
  generatedBy: string
  generatedAt: Date
  /** The filters applied, named and valued for a reader (ids resolved to names). */
  filters: Array<[label: string, value: string]>
  sort: string | null
  /** The rows, batch after batch; counted into `summary` as they pass. Stops once cancelled. */
  batches(): AsyncGenerator<unknown[]>
  summary: Summary
  /** Rows read so far. */
  readonly rowCount: number
}
