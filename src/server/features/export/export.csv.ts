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

/** RFC 4180: a field holding the delimiter, a quote or a line break is quoted, quotes doubled. */
function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvField(value: CellValue, column: ExportColumn<unknown>, delimiter: string, language: string): string {
  if (value === null || value === '') return ''
  switch (column.kind) {
    case 'number':
    case 'currency': {
      // With `;` (French Excel) the decimal separator is a comma.
      const text = String(value)
      return delimiter === ';' ? text.replace('.', ',') : text
    }
    case 'date':
    case 'datetime':
      return quote(formatDate(value as Date, column.kind, language), delimiter)
    default:
      return quote(neutraliseFormula(String(value)), delimiter)
  }
}

/** UTF-8 with a BOM (Excel reads the encoding from it), CRLF line ends, a header row of labels. */
export async function writeCsv(run: ExportRun, out: ExportOutput, delimiter: ';' | ','): Promise<void> {
  const { columns, labels, language } = run
  const header = columns.map((column) => quote(neutraliseFormula(labels.columns[column.key]), delimiter)).join(delimiter)
  await out.write(`\uFEFF${header}\r\n`)
  for await (const batch of run.batches()) {
    let chunk = ''
    for (const row of batch) {
      chunk += columns.map((column) => csvField(column.value(row, labels), column, delimiter, language)).join(delimiter) + '\r\n'
    }
    await out.write(chunk)
  }
}
