import type { ExportEntity, ExportFormat } from '../../../shared/schemas/export.ts'

export type ExportChoice = { format: ExportFormat; delimiter?: ';' | ',' }

/** The download address: the list's own input as JSON, so the file holds exactly what the list shows. */
export function exportUrl(entity: ExportEntity, choice: ExportChoice, filters: object, progressId: string): string {
  const params = new URLSearchParams({ filters: JSON.stringify(filters), progressId })
  if (choice.delimiter) params.set('delimiter', choice.delimiter)
  return `/api/exports/${entity}.${choice.format}?${params}`
}

/** The file name the server chose (`organisations-2026-11-27.xlsx`). */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? ''
  const encoded = header.match(/filename\*=UTF-8''([^;]+)/i)?.[1]
  if (encoded) return decodeURIComponent(encoded)
  return header.match(/filename="([^"]+)"/i)?.[1] ?? fallback
}

/** Hands a downloaded file to the browser's "save" as if it had been a link. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

export class ExportFailure extends Error {
  constructor(
    readonly kind: 'pdfLimit' | 'invalid' | 'session' | 'forbidden' | 'server' | 'unreachable',
    readonly limit?: number,
  ) {
    super(kind)
  }
}

export async function failureOf(response: Response): Promise<ExportFailure> {
  const body = (await response.json().catch(() => null)) as { details?: { code?: string; limit?: number } } | null
  if (response.status === 413 || body?.details?.code === 'PDF_ROW_LIMIT') return new ExportFailure('pdfLimit', body?.details?.limit)
  if (response.status === 401) return new ExportFailure('session')
  if (response.status === 403) return new ExportFailure('forbidden')
  if (response.status === 400) return new ExportFailure('invalid')
  return new ExportFailure('server')
}
