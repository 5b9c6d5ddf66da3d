import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { TestClient } from './client.ts'

// Import files built by the tests themselves: real encodings, real workbooks, real zip bombs.

/** A French Excel export: Windows-1252, `;`, French headers, accents, `€`, `’` and French amounts. */
export function windows1252Csv(lines: string[]): Buffer {
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1252')
}

export function utf8BomCsv(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
}

/** A workbook with a first empty-ish "Notes" sheet and the data sheet, with formulas and dates. */
export async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

interface ZipEntry {
  name: string
  /** Raw deflate data, its CRC-32 and real size. */
  compressed: Buffer
  crc: number
  size: number
  /** The size the zip declares (a bomb may lie). */
  declaredSize?: number
}

export function deflated(name: string, data: Buffer): ZipEntry {
  return { name, compressed: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length }
}

/**
 * Megabytes of zeros as raw deflate, built in milliseconds: one megabyte compressed with a full
 * flush (an independent, byte-aligned run of blocks) repeated, then an empty final block.
 */
export function deflatedZeros(name: string, megabytes: number): ZipEntry {
  const megabyte = Buffer.alloc(1024 * 1024)
  const block = zlib.deflateRawSync(megabyte, { finishFlush: zlib.constants.Z_FULL_FLUSH })
  let crc = 0
  for (let index = 0; index < megabytes; index++) crc = zlib.crc32(megabyte, crc)
  return { name, compressed: Buffer.concat([...Array(megabytes).fill(block), Buffer.from([0x03, 0x00])]), crc, size: megabytes * megabyte.length }
}

/** A zip of deflated entries. */
export function zipFile(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const { compressed, crc } = entry
    const name = Buffer.from(entry.name)
    const size = entry.declaredSize ?? entry.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, compressed)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')

/** An `.xlsx`-looking zip whose sheet inflates to `megabytes` of zeros (declared honestly, or not). */
export function zipBomb(megabytes: number, options: { lie?: boolean } = {}): Buffer {
  const sheet = deflatedZeros('xl/worksheets/sheet1.xml', megabytes)
  return zipFile([deflated('[Content_Types].xml', CONTENT_TYPES), { ...sheet, declaredSize: options.lie ? 1_000 : undefined }])
}

/** Uploads a file as the browser does (`POST /api/imports`), with the client's session. */
export async function upload(baseUrl: string, client: TestClient, fileName: string, data: Buffer, teamId?: string) {
  const response = await fetch(`${baseUrl}/api/imports${teamId ? `?teamId=${teamId}` : ''}`, {
    method: 'POST',
    headers: { cookie: client.jar.header(), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(data),
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** Waits until the import is no longer queued or running. */
export async function settled(client: TestClient, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const current = await client.trpc.imports.byId.query({ id })
    if (!['QUEUED', 'RUNNING'].includes(current.status)) return current
    if (Date.now() > deadline) throw new Error(`import still ${current.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
