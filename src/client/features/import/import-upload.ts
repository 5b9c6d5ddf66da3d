import type { importMessages } from '../../locales/features/import.ts'

type UploadErrorCode = keyof (typeof importMessages)['fr']['uploadErrors']

export interface UploadedImport {
  id: string
  sheets: string[]
}

export class UploadError extends Error {
  constructor(readonly code: UploadErrorCode) {
    super(code)
  }
}

/**
 * Sends the file to `POST /api/imports` (raw body, name in a header): files are too large for a
 * tRPC JSON body. The session cookie authenticates it; refusals come back with a code to translate.
 */
export async function uploadImportFile(file: File, teamId?: string): Promise<UploadedImport> {
  let response: Response
  try {
    response = await fetch(`/api/imports${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
    })
  } catch {
    throw new UploadError('unknown')
  }
  const body = (await response.json().catch(() => null)) as { id?: string; sheets?: string[]; error?: { code?: string } } | null
  if (response.ok && body?.id) return { id: body.id, sheets: body.sheets ?? [] }
  const code = body?.error?.code
  throw new UploadError(isKnownCode(code) ? code : 'unknown')
}

const KNOWN: readonly string[] = [
  'FILE_TOO_LARGE',
  'FILE_EMPTY',
  'UNSUPPORTED_FORMAT',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'XLSX_TOO_LARGE_UNCOMPRESSED',
  'XLSX_TOO_MANY_ENTRIES',
  'XLSX_UNREADABLE',
  'SHEET_NOT_FOUND',
  'NO_HEADER',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'INVALID',
]

function isKnownCode(code: string | undefined): code is UploadErrorCode {
  return code !== undefined && KNOWN.includes(code)
}

/** Saves a text as a file (the error report), with a BOM already in the text for Excel. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}
