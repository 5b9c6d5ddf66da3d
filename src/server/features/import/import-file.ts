import { isUtf8 } from 'node:buffer'
import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import Papa from 'papaparse'
import yauzl from 'yauzl'
import { IMPORT_LIMITS } from '../../../shared/schemas/import.ts'
import { DomainError } from '../../errors.ts'
import type { Cell } from './import-values.ts'

// Reading an uploaded file into a header row and data rows, with every limit checked before the
// expensive part: size and row count for CSV; for `.xlsx`, the zip's entry count and declared
// uncompressed sizes (read from the central directory by yauzl), then the actual sizes while
// inflating in a stream, so a zip bomb is refused in milliseconds without filling memory.

export type ImportFormat = 'csv' | 'xlsx'

export interface ParsedFile {
  format: ImportFormat
  /** Worksheet names (`.xlsx` only). */
  sheets: string[]
  sheet: string | null
  headers: string[]
  /** Data rows (the header excluded). */
  rowCount: number
  /** Detected text encoding and delimiter (CSV only). */
  encoding?: TextEncoding
  delimiter?: string
}

/** Why a file cannot be read, in words a salesperson understands (codes map to both locales). */
export type FileErrorCode =
  | 'FILE_TOO_LARGE'
  | 'FILE_EMPTY'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'XLSX_TOO_LARGE_UNCOMPRESSED'
  | 'XLSX_TOO_MANY_ENTRIES'
  | 'XLSX_UNREADABLE'
  | 'SHEET_NOT_FOUND'
  | 'NO_HEADER'

export function fileError(code: FileErrorCode, message: string): DomainError {
  return new DomainError('INVALID', message, { fileError: code })
}

export function detectFormat(fileName: string, data: Buffer): ImportFormat {
  const isZip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50
  if (/\.xlsx$/i.test(fileName) || isZip) {
    if (!isZip) throw fileError('XLSX_UNREADABLE', 'This Excel file is damaged or is not an .xlsx workbook')
    return 'xlsx'
  }
  if (/\.xls$/i.test(fileName) || data.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) {
    throw fileError('UNSUPPORTED_FORMAT', 'Old Excel files (.xls) are not supported: save the workbook as .xlsx or CSV')
  }
  return 'csv'
}

/**
 * Given a readable header (not blank, not too wide), what to do with each data row as it is read
 * (`index` from 0, line `index + 2`); nothing to only count them. A row's cells are its own: it may
 * keep them, but a large file's rows are never all kept (the file is read to be counted, previewed
 * or validated row by row).
 */
export type RowReader = (headers: string[]) => ((row: Cell[], index: number) => void) | undefined

export async function readImportFile(fileName: string, data: Buffer, sheet?: string | null, rows?: RowReader): Promise<ParsedFile> {
  if (data.length === 0) throw fileError('FILE_EMPTY', 'The file is empty')
  if (data.length > IMPORT_LIMITS.fileBytes) throw fileError('FILE_TOO_LARGE', 'The file is too large')
  const format = detectFormat(fileName, data)
  return format === 'xlsx' ? readXlsx(data, sheet ?? null, rows) : readCsv(data, rows)
}

type TextEncoding = 'utf-8' | 'utf-16' | 'windows-1252'

/**
 * Bytes decoded at a time: small enough for V8 to allocate a slice's text in the young generation
 * (a string over 128 kB goes to the old space, and stays there until the next full collection).
 */
const SLICE_BYTES = 32 * 1024
/** Papa guesses the line endings from the first 1M characters of its first chunk: that chunk holds as many. */
const FIRST_CHUNK_CHARACTERS = 1024 * 1024

/**
 * The file's text a slice at a time, with its encoding: BOM first, then strict UTF-8, then
 * Windows-1252 (which decodes any byte, so it comes last). A character cut by a slice's end is
 * decoded with the next slice. Decoded whole, a 12 MB file was a 24 MB string (two bytes a character
 * as soon as it holds one `€`), allocated in the old space for each read.
 */
export function decodedSlices(data: Buffer): { encoding: TextEncoding; slices: Iterable<string> } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { encoding: 'utf-8', slices: sliced(data.subarray(3), new StringDecoder('utf8')) }
  if (data[0] === 0xff && data[1] === 0xfe) return { encoding: 'utf-16', slices: sliced(data.subarray(2), iconv.getDecoder('utf16le')) }
  if (data[0] === 0xfe && data[1] === 0xff) return { encoding: 'utf-16', slices: sliced(data.subarray(2), iconv.getDecoder('utf16be')) }
  // Node's TextDecoder maps 0x80–0x9F of Windows-1252 wrongly (€ → U+0080): iconv-lite does not.
  if (isUtf8(data)) return { encoding: 'utf-8', slices: sliced(data, new StringDecoder('utf8')) }
  return { encoding: 'windows-1252', slices: sliced(data, iconv.getDecoder('win1252')) }
}

function* sliced(data: Buffer, decoder: { write(bytes: Buffer): string; end(): string | undefined }): Generator<string> {
  let start = 0
  let first = ''
  for (; start < data.length && first.length < FIRST_CHUNK_CHARACTERS; start += SLICE_BYTES) first += decoder.write(data.subarray(start, start + SLICE_BYTES))
  const ended = start >= data.length
  if (ended) first += decoder.end() ?? ''
  // As Papa does for a whole text: a BOM left at the start of the decoded text is dropped.
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1)
  if (first !== '') yield first
  if (ended) return
  for (; start < data.length; start += SLICE_BYTES) {
    const text = decoder.write(data.subarray(start, start + SLICE_BYTES))
    if (text !== '') yield text
  }
  const rest = decoder.end()
  if (rest) yield rest
}

/** The whole text (small files and tests); a file being read goes through `decodedSlices`. */
export function decodeText(data: Buffer): { text: string; encoding: TextEncoding } {
  const { encoding, slices } = decodedSlices(data)
  return { text: [...slices].join(''), encoding }
}

async function readCsv(data: Buffer, rows: RowReader | undefined): Promise<ParsedFile> {
  const { encoding, slices } = decodedSlices(data)
  // Decoded and parsed a slice at a time, row by row (`step`): a row is handed over (its cells
  // copied) or only counted as it is read, so neither the file's text nor its rows are ever all in
  // memory; the limits are checked in the same order as before reading, once the rows are counted.
  let header: string[] | undefined
  let readRow: ((row: Cell[], index: number) => void) | undefined
  let rowCount = 0
  let delimiter: string | undefined
  // A Node stream of the slices: Papa parses it chunk by chunk, keeping a row cut by a chunk's end (its types only know browser Files).
  const input = Readable.from(slices)
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input as unknown as File, {
      delimitersToGuess: [';', ',', '\t', '|'],
      skipEmptyLines: 'greedy',
      step: ({ data: row, meta }, parser) => {
        delimiter ??= meta.delimiter
        if (header === undefined) {
          header = row.map(ownCopy)
          if (!isBlank(header) && header.length <= IMPORT_LIMITS.columns) readRow = rows?.(uniqueHeaders(header))
        } else {
          if (readRow && rowCount < IMPORT_LIMITS.rows) readRow(row.map((cell) => (cell === '' ? null : ownCopy(cell))), rowCount)
          rowCount += 1
          // One more than allowed tells "too many" from "exactly the limit" without reading the rest.
          // Not Papa's `preview`: on a stream, it stops the rows but never completes.
          if (rowCount > IMPORT_LIMITS.rows) parser.abort()
        }
      },
      // A reader's error (a refused mapping) comes here, and ends the reading.
      error: (error: Error) => reject(error),
      complete: () => resolve(),
    })
  }).finally(() => input.destroy())
  if (!header || isBlank(header)) throw fileError('NO_HEADER', 'The first line must hold the column names')
  if (rowCount > IMPORT_LIMITS.rows) throw fileError('TOO_MANY_ROWS', 'The file has too many rows')
  if (header.length > IMPORT_LIMITS.columns) throw fileError('TOO_MANY_COLUMNS', 'The file has too many columns')
  return { format: 'csv', sheets: [], sheet: null, headers: uniqueHeaders(header), rowCount, encoding, delimiter }
}

function isBlank(header: string[]): boolean {
  return header.every((cell) => cell.trim() === '')
}

/**
 * A cell as a string of its own: Papa's cells are V8 substrings of the decoded file, which keep all
 * of it alive as long as one of them is (the plan holds names until the last chunk is written), and
 * are two bytes a character when the file holds one character beyond Latin-1 (a `€`); re-decoded,
 * they are one byte a character where they can be.
 */
function ownCopy(cell: string): string {
  return Buffer.from(cell).toString()
}

/** Blank or repeated header names get a position suffix so each column keeps its own mapping. */
function uniqueHeaders(header: Cell[]): string[] {
  const seen = new Map<string, number>()
  return header.map((cell, index) => {
    let name = cell === null ? '' : String(cell).replace(/\s+/g, ' ').trim()
    if (name === '') name = `Colonne ${index + 1}`
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    return count > 1 ? `${name} (${count})` : name
  })
}

/**
 * Refuses a zip whose entries are too many or declare too much, from the central directory alone;
 * then inflates every entry as a stream (yauzl compares actual and declared sizes) and discards it,
 * so an entry lying about its size is caught as soon as it exceeds what it declared.
 */
export async function checkZip(data: Buffer): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (error, file) => (error ? reject(error) : resolve(file))),
  ).catch(() => {
    throw fileError('XLSX_UNREADABLE', 'This Excel file is damaged or is not an .xlsx workbook')
  })
  if (zip.entryCount > IMPORT_LIMITS.xlsxEntries) {
    zip.close()
    throw fileError('XLSX_TOO_MANY_ENTRIES', 'This Excel file has too many parts to be a normal workbook')
  }
  const entries: yauzl.Entry[] = []
  let declared = 0
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize
      if (declared > IMPORT_LIMITS.xlsxUncompressedBytes) {
        zip.close()
        return reject(fileError('XLSX_TOO_LARGE_UNCOMPRESSED', 'This Excel file is too large once uncompressed'))
      }
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', resolve)
    zip.on('error', () => reject(fileError('XLSX_UNREADABLE', 'This Excel file is damaged or is not an .xlsx workbook')))
    zip.readEntry()
  })
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue
    await new Promise<void>((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(fileError('XLSX_UNREADABLE', 'This Excel file is damaged or is not an .xlsx workbook'))
        stream.on('data', () => undefined)
        stream.on('end', resolve)
        stream.on('error', () => reject(fileError('XLSX_TOO_LARGE_UNCOMPRESSED', 'This Excel file is damaged or larger than it declares')))
      })
    })
  }
  zip.close()
}

async function readXlsx(data: Buffer, sheetName: string | null, reader: RowReader | undefined): Promise<ParsedFile> {
  await checkZip(data)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw fileError('XLSX_UNREADABLE', 'This Excel file is damaged or is not an .xlsx workbook')
  }
  const sheets = workbook.worksheets.map((worksheet) => worksheet.name)
  const worksheet = sheetName ? workbook.getWorksheet(sheetName) : (workbook.worksheets.find((candidate) => candidate.actualRowCount > 0) ?? workbook.worksheets[0])
  if (!worksheet) throw fileError('SHEET_NOT_FOUND', 'This sheet does not exist in the workbook')
  if (worksheet.actualRowCount - 1 > IMPORT_LIMITS.rows) throw fileError('TOO_MANY_ROWS', 'The file has too many rows')
  if (worksheet.columnCount > IMPORT_LIMITS.columns) throw fileError('TOO_MANY_COLUMNS', 'The file has too many columns')
  const rows: Cell[][] = []
  const width = worksheet.columnCount
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = []
    for (let column = 1; column <= width; column++) cells.push(cellValue(row.getCell(column).value))
    if (cells.some((cell) => cell !== null && cell !== '')) rows.push(cells)
  })
  const header = rows.shift()
  if (!header) throw fileError('NO_HEADER', 'The first line must hold the column names')
  const headers = uniqueHeaders(header)
  const readRow = reader?.(headers)
  if (readRow) rows.forEach((row, index) => readRow(row, index))
  return { format: 'xlsx', sheets, sheet: worksheet.name, headers, rowCount: rows.length }
}

/** A cell as its value: formulas give their computed result, dates stay dates, rich text is joined. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'object') {
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null)
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return cellValue((value as { text: ExcelJS.CellValue }).text)
    if ('error' in value) return null
  }
  return null
}
