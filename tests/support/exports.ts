import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { TestClient } from './client.ts'

const run = promisify(execFile)

export interface Downloaded {
  status: number
  headers: Headers
  body: Buffer
}

/** GET /api/exports/<entity>.<format> as the signed-in client (its session cookie). */
export async function download(
  baseUrl: string,
  client: TestClient | null,
  entity: string,
  format: string,
  query: { filters?: unknown; delimiter?: string; progressId?: string } = {},
  headers: Record<string, string> = {},
): Promise<Downloaded> {
  const params = new URLSearchParams()
  if (query.filters !== undefined) params.set('filters', typeof query.filters === 'string' ? query.filters : JSON.stringify(query.filters))
  if (query.delimiter) params.set('delimiter', query.delimiter)
  if (query.progressId) params.set('progressId', query.progressId)
  const response = await fetch(`${baseUrl}/api/exports/${entity}.${format}?${params}`, {
    headers: { ...(client ? { cookie: client.jar.header() } : {}), ...headers },
  })
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) }
}

async function withFile<T>(name: string, body: Buffer, read: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'export-test-'))
  try {
    const file = path.join(dir, name)
    await writeFile(file, body)
    return await read(file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export interface XlsxSheet {
  title: string
  freeze: string | null
  autoFilter: string | null
  widths: Record<string, number>
  headerBold: boolean
  headerFill: string | null
  rows: unknown[][]
  types: string[][]
  formats: string[][]
  charts: Array<{ type: string; barDir: string; series: string[]; categories: string[] }>
}

/** The workbook as openpyxl (an independent reader) sees it. */
export function readXlsx(body: Buffer): Promise<{ properties: { title: string; creator: string; created: string }; sheets: XlsxSheet[] }> {
  return withFile('export.xlsx', body, async (file) => {
    const { stdout } = await run('python3', [path.join(import.meta.dirname, 'read-xlsx.py'), file], { maxBuffer: 256 * 1024 * 1024 })
    return JSON.parse(stdout)
  })
}

/** The PDF's text (pdftotext, layout kept) and page count (pdfinfo). */
export function readPdf(body: Buffer): Promise<{ text: string; pages: number }> {
  return withFile('export.pdf', body, async (file) => {
    const [{ stdout: text }, { stdout: info }] = await Promise.all([
      run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 }),
      run('pdfinfo', [file]),
    ])
    return { text, pages: Number(info.match(/^Pages:\s+(\d+)/m)?.[1]) }
  })
}
