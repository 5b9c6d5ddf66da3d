import { parisWallClock, xmlText, type CellValue, type ColumnKind } from './export.format.ts'
import type { ExportOutput, ExportRun } from './export.run.ts'
import type { SummaryLine } from './export.summary.ts'
import { barChartParts, CHART_CONTENT_TYPES, CHART_DRAWING_TARGET } from './export.xlsx-chart.ts'
import { createZipWriter } from './export.zip.ts'

// The workbook is written by hand (SpreadsheetML, ECMA-376): a library's cell objects cost more than
// the rows themselves at 100,000 rows. The data sheet's XML is built batch by batch as rows are read
// and deflated into the zip as it comes; the "Pipeline" sheet and its chart follow once every row has
// been counted. Text cells are inline strings, numbers and dates real numbers with a number format.

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CURRENCY = '#,##0 "€"'
const INTEGER = '#,##0'
/** Excel's day number of 1970-01-01 (its dates count days from 1900). */
const EXCEL_EPOCH_DAYS = 25_569
/** The data sheet reaches the zip in pieces of this size. */
const CHUNK_BYTES = 256 * 1024

function numberFormat(kind: ColumnKind, language: string): string | undefined {
  switch (kind) {
    case 'currency':
      return CURRENCY
    case 'number':
      return INTEGER
    case 'date':
      return language === 'en' ? 'yyyy-mm-dd' : 'dd/mm/yyyy'
    case 'datetime':
      return language === 'en' ? 'yyyy-mm-dd hh:mm' : 'dd/mm/yyyy hh:mm'
    default:
      return undefined
  }
}

export async function writeXlsx(run: ExportRun, out: ExportOutput): Promise<void> {
  const { columns, labels, language } = run
  const hasAmount = run.summary.hasAmount
  const styles = createStyles()
  const dataColumns = columns.map((column) => ({ width: column.width, style: styles.id(numberFormat(column.kind, language)) }))
  const summaryFormats = [undefined, INTEGER, ...(hasAmount ? [CURRENCY, CURRENCY] : [])]
  const summaryColumns = summaryFormats.map((format, index) => ({ width: [22, 12, 20, 22][index], style: styles.id(format) }))
  const totalStyles = summaryFormats.map((format) => styles.id(format, true))
  const dataName = run.title.slice(0, 31)
  const summaryName = labels.summary.sheet

  // Spreadsheets have no time zone: moments are written as the Paris wall-clock time.
  const zip = createZipWriter(out, parisWallClock(run.generatedAt))
  await zip.add('[Content_Types].xml', contentTypes())
  await zip.add('_rels/.rels', relationships([
    ['officeDocument', 'xl/workbook.xml'],
    ['http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
    ['extended-properties', 'docProps/app.xml'],
  ]))
  await zip.add('docProps/core.xml', coreProperties(run))
  await zip.add('docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Alforis</Application><Company>Alforis</Company></Properties>`)
  await zip.add(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_DOC_RELS}"><sheets>` +
      `<sheet name="${xmlText(dataName)}" sheetId="1" r:id="rId1"/><sheet name="${xmlText(summaryName)}" sheetId="2" r:id="rId2"/></sheets>` +
      // The header row printed on every page.
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${xmlText(`'${dataName.replaceAll("'", "''")}'!$1:$1`)}</definedName></definedNames></workbook>`,
  )
  await zip.add('xl/_rels/workbook.xml.rels', relationships([
    ['worksheet', 'worksheets/sheet1.xml'],
    ['worksheet', 'worksheets/sheet2.xml'],
    ['styles', 'styles.xml'],
  ]))
  await zip.add('xl/styles.xml', styles.xml())

  const headers = columns.map((column) => labels.columns[column.key])
  const last = columnName(columns.length - 1)
  await zip.add(
    'xl/worksheets/sheet1.xml',
    (async function* () {
      yield sheetStart(dataColumns, headers, true)
      let rowNumber = 1
      let chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      let used = 0
      for await (const batch of run.batches()) {
        for (const row of batch) {
          const values = columns.map((column) => {
            const value = column.value(row, labels)
            return column.kind === 'datetime' && value instanceof Date ? parisWallClock(value) : value
          })
          const xml = rowXml(++rowNumber, values, dataColumns)
          // Rows go into a buffer one by one: gathered into a long string first, they cost several times
          // more (a rope of small strings to flatten, then to collect). UTF-8 takes ≤ 3 bytes per UTF-16 unit.
          if (used + 3 * xml.length > chunk.length) {
            yield chunk.subarray(0, used)
            chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, 3 * xml.length))
            used = 0
          }
          used += chunk.write(xml, used)
        }
      }
      yield chunk.subarray(0, used)
      yield sheetEnd({ autoFilter: `A1:${last}${rowNumber}`, fitToHeight: 0 })
    })(),
  )

  const lines = run.summary.lines()
  const total: SummaryLine = {
    label: labels.summary.total,
    count: lines.reduce((sum, line) => sum + line.count, 0),
    amount: hasAmount ? lines.reduce((sum, line) => sum + (line.amount ?? 0), 0) : null,
    weighted: hasAmount ? lines.reduce((sum, line) => sum + (line.weighted ?? 0), 0) : null,
  }
  const summaryHeader = [labels.summary.group[run.entity], labels.summary.count]
  if (hasAmount) summaryHeader.push(labels.summary.amount, labels.summary.weighted)
  await zip.add(
    'xl/worksheets/sheet2.xml',
    sheetStart(summaryColumns, summaryHeader, false) +
      lines.map((line, index) => rowXml(index + 2, summaryValues(line, hasAmount), summaryColumns)).join('') +
      rowXml(lines.length + 2, summaryValues(total, hasAmount), totalStyles.map((style) => ({ style }))) +
      // The table and its chart print on one page.
      sheetEnd({ fitToHeight: 1, drawing: true }),
  )
  await zip.add('xl/worksheets/_rels/sheet2.xml.rels', relationships([['drawing', CHART_DRAWING_TARGET]]))
  const chart = barChartParts({
    sheetName: summaryName,
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
  for (const [name, xml] of Object.entries(chart)) await zip.add(name, xml)
  await zip.finish()
}

function summaryValues(line: SummaryLine, hasAmount: boolean): CellValue[] {
  return hasAmount ? [line.label, line.count, line.amount, line.weighted] : [line.label, line.count]
}

/** `A` for 0, `Z` for 25, `AA` for 26. */
function columnName(index: number): string {
  return (index >= 26 ? columnName(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26))
}

/** The sheet up to its first row, the header: frozen, bold on the header fill, 20 points high. */
function sheetStart(columns: Array<{ width: number; style: number }>, header: string[], selected: boolean): string {
  const widths = columns
    .map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"${column.style ? ` style="${column.style}"` : ''}/>`)
    .join('')
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_DOC_RELS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData>` +
    `<row r="1" ht="20" customHeight="1">${header.map((label, index) => cellXml(`${columnName(index)}1`, label, HEADER_STYLE)).join('')}</row>`
  )
}

/** Printed landscape, all columns on the page width, the header on every page. */
function sheetEnd(options: { autoFilter?: string; fitToHeight: 0 | 1; drawing?: boolean }): string {
  return (
    `</sheetData>${options.autoFilter ? `<autoFilter ref="${options.autoFilter}"/>` : ''}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="${options.fitToHeight}"/>` +
    `${options.drawing ? '<drawing r:id="rId1"/>' : ''}</worksheet>`
  )
}

const columnNames: string[] = []

function rowXml(rowNumber: number, values: CellValue[], columns: Array<{ style: number }>): string {
  let xml = `<row r="${rowNumber}">`
  for (let index = 0; index < values.length; index++) {
    xml += cellXml(`${(columnNames[index] ??= columnName(index))}${rowNumber}`, values[index], columns[index].style)
  }
  return `${xml}</row>`
}

/** Text as an inline string, a number or a date (days since 1900) as a number; an empty cell keeps its column's format. */
function cellXml(ref: string, value: CellValue, style: number): string {
  const styled = style ? ` s="${style}"` : ''
  if (typeof value === 'string' && value !== '') {
    const text = xmlText(value)
    // Without it, a reader trims the text's leading and trailing spaces.
    const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''
    return `<c r="${ref}"${styled} t="inlineStr"><is><t${space}>${text}</t></is></c>`
  }
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${styled}><v>${value}</v></c>`
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `<c r="${ref}"${styled}><v>${value.getTime() / 86_400_000 + EXCEL_EPOCH_DAYS}</v></c>`
  }
  return style ? `<c r="${ref}"${styled}/>` : ''
}

const HEADER_STYLE = 1

/**
 * Cell formats (styles.xml's cellXfs) as they are asked for: 0 is the default, 1 the header (bold white
 * on dark blue, a thin bottom border); the others are a number format, bold or not.
 */
function createStyles() {
  const numberFormats: string[] = []
  const cellFormats = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>',
  ]
  const ids = new Map<string, number>()
  return {
    id(format: string | undefined, bold = false): number {
      if (!format && !bold) return 0
      const key = `${bold}:${format ?? ''}`
      let id = ids.get(key)
      if (id === undefined) {
        let formatId = 0
        if (format) {
          const known = numberFormats.indexOf(format)
          // Ids below 164 are Excel's built-in formats.
          formatId = 164 + (known >= 0 ? known : numberFormats.push(format) - 1)
        }
        id = cellFormats.push(`<xf numFmtId="${formatId}" fontId="${bold ? 2 : 0}" fillId="0" borderId="0" xfId="0"${formatId ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}/>`) - 1
        ids.set(key, id)
      }
      return id
    },
    xml(): string {
      const font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
      return (
        `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
        (numberFormats.length
          ? `<numFmts count="${numberFormats.length}">${numberFormats.map((format, index) => `<numFmt numFmtId="${164 + index}" formatCode="${xmlText(format)}"/>`).join('')}</numFmts>`
          : '') +
        `<fonts count="3"><font>${font}</font><font><b/><color rgb="FFFFFFFF"/>${font}</font><font><b/>${font}</font></fonts>` +
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF1E3A8A"/><bgColor indexed="64"/></patternFill></fill></fills>' +
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FF94A3B8"/></bottom><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        `<cellXfs count="${cellFormats.length}">${cellFormats.join('')}</cellXfs>` +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
      )
    },
  }
}

function contentTypes(): string {
  const type = (part: string, kind: string) => `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${kind}"/>`
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    type('xl/workbook.xml', 'officedocument.spreadsheetml.sheet.main+xml') +
    type('xl/worksheets/sheet1.xml', 'officedocument.spreadsheetml.worksheet+xml') +
    type('xl/worksheets/sheet2.xml', 'officedocument.spreadsheetml.worksheet+xml') +
    type('xl/styles.xml', 'officedocument.spreadsheetml.styles+xml') +
    type('docProps/core.xml', 'package.core-properties+xml') +
    type('docProps/app.xml', 'officedocument.extended-properties+xml') +
    `${CHART_CONTENT_TYPES}</Types>`
  )
}

/** A relationships part; a short type is one of the document relationships (`worksheet`, `styles`…). */
function relationships(targets: Array<[type: string, target: string]>): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_RELS}">` +
    targets
      .map(([type, target], index) => `<Relationship Id="rId${index + 1}" Type="${type.includes('/') ? type : `${NS_DOC_RELS}/${type}`}" Target="${target}"/>`)
      .join('') +
    '</Relationships>'
  )
}

function coreProperties(run: ExportRun): string {
  const when = run.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const subject = run.filters.map(([label, value]) => `${label}: ${value}`).join(' · ')
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(run.title)}</dc:title><dc:subject>${xmlText(subject)}</dc:subject>` +
    `<dc:creator>${xmlText(run.generatedBy)}</dc:creator><cp:lastModifiedBy>${xmlText(run.generatedBy)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}
