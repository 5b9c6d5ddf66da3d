import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { parisWallClock, type CellValue, type ColumnKind } from './export.format.ts'
import type { ExportOutput, ExportRun } from './export.run.ts'
import type { SummaryLine } from './export.summary.ts'
import { addBarChart } from './export.xlsx-chart.ts'

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1E3A8A' } } as const
const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } }
const HEADER_BORDER = { bottom: { style: 'thin', color: { argb: 'FF94A3B8' } } } as const

function numberFormat(kind: ColumnKind, language: string): string | undefined {
  switch (kind) {
    case 'currency':
      return '#,##0 "€"'
    case 'number':
      return '#,##0'
    case 'date':
      return language === 'en' ? 'yyyy-mm-dd' : 'dd/mm/yyyy'
    case 'datetime':
      return language === 'en' ? 'yyyy-mm-dd hh:mm' : 'dd/mm/yyyy hh:mm'
    default:
      return undefined
  }
}

/** Characters XML 1.0 cannot carry at all: left in, they would make the file unreadable. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function cellValue(value: CellValue, kind: ColumnKind): CellValue {
  if (value === null) return null
  // A cell's line break is LF (XML would turn a bare CR into one anyway).
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').replace(XML_INVALID, '')
  // Spreadsheets have no time zone: a moment is written as the Paris wall-clock time.
  if (kind === 'datetime') return parisWallClock(value as Date)
  return value
}

/**
 * The data sheet streams row by row through exceljs's WorkbookWriter into a compressed buffer (a few
 * MB for 100k rows); the "Pipeline" sheet follows with the summary, and its chart (which exceljs
 * cannot write) is added to the finished zip, rewriting only the small parts it touches.
 */
export async function writeXlsx(run: ExportRun, out: ExportOutput): Promise<void> {
  const { columns, labels, language } = run
  const chunks: Buffer[] = []
  const zipped = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk)
      callback()
    },
  })
  const finished = new Promise<void>((resolve, reject) => zipped.on('finish', resolve).on('error', reject))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipped, useStyles: true, useSharedStrings: false })
  workbook.creator = run.generatedBy
  workbook.lastModifiedBy = run.generatedBy
  workbook.created = run.generatedAt
  workbook.modified = run.generatedAt
  Object.assign(workbook, {
    title: run.title,
    subject: run.filters.map(([label, value]) => `${label}: ${value}`).join(' · '),
    company: 'Alforis',
  })

  const sheet = workbook.addWorksheet(run.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    // Printed landscape, all columns on the page width, the header on every page.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  })
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    style: numberFormat(column.kind, language) ? { numFmt: numberFormat(column.kind, language) } : {},
  }))
  writeHeader(sheet.addRow(columns.map((column) => labels.columns[column.key])))
  const styles = sharedStyles(columns.map((column) => numberFormat(column.kind, language)))
  let rows = 0
  for await (const batch of run.batches()) {
    for (const row of batch) {
      const added = sheet.addRow(columns.map((column) => cellValue(column.value(row, labels), column.kind)))
      added.eachCell((cell, column) => (cell.style = styles(column, cell.type)))
      added.commit()
    }
    rows += batch.length
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } }
  sheet.commit()

  const lines = run.summary.lines()
  const hasAmount = run.summary.hasAmount
  const pipeline = workbook.addWorksheet(labels.summary.sheet, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // The table and its chart print on one page.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 },
  })
  pipeline.columns = [
    { key: 'group', width: 22 },
    { key: 'count', width: 12, style: { numFmt: '#,##0' } },
    ...(hasAmount
      ? [
          { key: 'amount', width: 20, style: { numFmt: '#,##0 "€"' } },
          { key: 'weighted', width: 22, style: { numFmt: '#,##0 "€"' } },
        ]
      : []),
  ]
  const summaryHeader = [labels.summary.group[run.entity], labels.summary.count]
  if (hasAmount) summaryHeader.push(labels.summary.amount, labels.summary.weighted)
  writeHeader(pipeline.addRow(summaryHeader))
  for (const line of lines) pipeline.addRow(summaryValues(line, hasAmount)).commit()
  const totalRow = pipeline.addRow(
    summaryValues(
      {
        label: labels.summary.total,
        count: lines.reduce((sum, line) => sum + line.count, 0),
        amount: hasAmount ? lines.reduce((sum, line) => sum + (line.amount ?? 0), 0) : null,
        weighted: hasAmount ? lines.reduce((sum, line) => sum + (line.weighted ?? 0), 0) : null,
      },
      hasAmount,
    ),
  )
  totalRow.font = { bold: true }
  totalRow.commit()
  pipeline.commit()
  await workbook.commit()
  await finished

  const zip = await JSZip.loadAsync(Buffer.concat(chunks))
  await addBarChart(zip, {
    sheetIndex: 2,
    sheetName: labels.summary.sheet,
    title: hasAmount ? labels.summary.chartTitle.amount : labels.summary.chartTitle.count,
    categories: lines.map((line) => line.label),
    series: hasAmount
      ? [
          { name: labels.summary.amount, column: 'C', values: lines.map((line) => line.amount ?? 0), color: '2563EB' },
          { name: labels.summary.weighted, column: 'D', values: lines.map((line) => line.weighted ?? 0), color: 'F59E0B' },
        ]
      : [{ name: labels.summary.count, column: 'B', values: lines.map((line) => line.count), color: '2563EB' }],
    anchor: { fromColumn: hasAmount ? 5 : 3, toColumn: hasAmount ? 14 : 12, fromRow: 1, toRow: 20 },
  })
  // Unchanged entries keep their compressed bytes: only the small new and edited parts are deflated.
  await out.write(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
}

/**
 * One style object per column and cell type, given to every cell: exceljs recognises an object it has
 * seen and reuses its style id, where a cell's own copy of the column style is rendered to XML and
 * looked up again (most of the time of a 100,000-row sheet). The type is part of the key because
 * exceljs gives a cell without a number format one by its type.
 */
function sharedStyles(formats: Array<string | undefined>) {
  const styles = formats.map(() => new Map<number, Partial<ExcelJS.Style>>())
  return (column: number, type: number): Partial<ExcelJS.Style> => {
    const byType = styles[column - 1]
    let style = byType.get(type)
    if (!style) {
      const numFmt = formats[column - 1]
      byType.set(type, (style = numFmt ? { numFmt } : {}))
    }
    return style
  }
}

function writeHeader(row: ExcelJS.Row) {
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL
    cell.font = HEADER_FONT
    cell.border = HEADER_BORDER
    cell.alignment = { vertical: 'middle' }
  })
  row.height = 20
  row.commit()
}

function summaryValues(line: SummaryLine, hasAmount: boolean): CellValue[] {
  return hasAmount ? [line.label, line.count, line.amount, line.weighted] : [line.label, line.count]
}
