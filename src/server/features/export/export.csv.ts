import type { ExportColumn } from './export.definitions.ts'
import { formatDate, type CellValue } from './export.format.ts'
import type { ExportRun, ExportOutput } from './export.run.ts'

/**
 * A spreadsheet runs a cell that begins with one of these as a formula (CWE-1236); a leading
 * apostrophe makes it text. Only text columns are neutralised: a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** What makes a field need quotes (RFC 4180), per delimiter. */
const NEEDS_QUOTES = { ';': /[;"\r\n]/, ',': /[,"\r\n]/ }

/** RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled. */
function quote(text: string, delimiter: ';' | ','): string {
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** How one column's values are written, chosen once per export rather than per cell. */
function csvCell(column: ExportColumn<unknown>, delimiter: ';' | ',', language: string): (value: CellValue) => string {
  switch (column.kind) {
    case 'number':
    case 'currency':
      // With `;` (French Excel) the decimal separator is a comma.
      return delimiter === ';' ? (value) => String(value).replace('.', ',') : (value) => String(value)
    case 'date':
    case 'datetime': {
      const kind = column.kind
      return (value) => quote(formatDate(value as Date, kind, language), delimiter)
    }
    default:
      return (value) => quote(neutraliseFormula(String(value)), delimiter)
  }
}

export function csvField(value: CellValue, column: ExportColumn<unknown>, delimiter: ';' | ',', language: string): string {
  return value === null || value === '' ? '' : csvCell(column, delimiter, language)(value)
}

/** UTF-8 with a BOM (Excel reads the encoding from it), CRLF line ends, a header row of labels. */
export async function writeCsv(run: ExportRun, out: ExportOutput, delimiter: ';' | ','): Promise<void> {
  const { columns, labels, language } = run
  const header = columns.map((column) => quote(neutraliseFormula(labels.columns[column.key]), delimiter)).join(delimiter)
  await out.write(`\uFEFF${header}\r\n`)
  const values = columns.map((column) => column.value)
  const cells = columns.map((column) => csvCell(column, delimiter, language))
  const last = columns.length - 1
  for await (const batch of run.batches()) {
    // One string per batch, built cell by cell: no array per row to allocate, join and collect.
    let chunk = ''
    for (const row of batch) {
      for (let index = 0; index <= last; index++) {
        const value = values[index](row, labels)
        if (value !== null && value !== '') chunk += cells[index](value)
        chunk += index === last ? '\r\n' : delimiter
      }
    }
    await out.write(chunk)
  }
}
