import { deflateSync } from 'node:zlib'
import { jsPDF } from 'jspdf'
import { autoTable } from 'jspdf-autotable'
import type { ExportColumn } from './export.definitions.ts'
import { formatAmount, formatDate, formatNumber, type CellValue } from './export.format.ts'
import type { ExportOutput, ExportRun } from './export.run.ts'
import type { SummaryLine } from './export.summary.ts'

// The PDF report: title, who and when, filters, a summary by group with a bar chart, then the table
// (header repeated on every page) and "Page X sur Y". jsPDF's Helvetica (WinAnsi) renders French
// accents and €; numbers are grouped with plain spaces (see formatNumber).

const MARGIN = 12
const ACCENT: [number, number, number] = [30, 58, 138]
const SECOND: [number, number, number] = [245, 158, 11]
const MUTED: [number, number, number] = [100, 116, 139]

/**
 * jsPDF deflates each page's stream with fflate (JavaScript), then rebuilds the result as a string one
 * byte at a time: a third of a 10,000-row report's CPU, most of it garbage. Node's zlib writes the same
 * kind of stream (zlib format, read back by /FlateDecode). Any other filter chain goes to jsPDF's own.
 */
type StreamFilters = (data: string, chain: unknown) => { data: string; reverseChain: string }
const jsPdfFilters = jsPDF.API as unknown as { processDataByFilters: StreamFilters }
const filterWithJsPdf = jsPdfFilters.processDataByFilters
jsPdfFilters.processDataByFilters = function (data, chain) {
  const flateOnly = chain === 'FlateEncode' || (Array.isArray(chain) && chain.length === 1 && chain[0] === 'FlateEncode')
  if (!flateOnly) return filterWithJsPdf.call(this, data, chain)
  return { data: deflateSync(Buffer.from(data, 'latin1')).toString('latin1'), reverseChain: '/FlateDecode' }
}

/**
 * jsPDF passes every text it draws through its Arabic shaping, which changes only Arabic letters (and,
 * splitting words on the literal text `\s+`, that text): without either, the shaping is skipped.
 */
const SHAPED_BY_ARABIC_PARSER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]|\\s\+/

function skipArabicShaping(doc: jsPDF, texts: Iterable<string>): void {
  for (const text of texts) if (SHAPED_BY_ARABIC_PARSER.test(text)) return
  const events = doc.internal.events
  const shaping = (jsPDF.API as unknown as { processArabic: unknown }).processArabic
  for (const [token, [callback]] of Object.entries(events.getTopics().preProcessText ?? {})) {
    if (callback === shaping) events.unsubscribe(token)
  }
}

function pdfText(value: CellValue, column: ExportColumn<unknown>, language: string): string {
  if (value === null || value === '') return ''
  switch (column.kind) {
    case 'currency':
      return formatAmount(value as number, language)
    case 'number':
      return formatNumber(value as number, language)
    case 'date':
    case 'datetime':
      return formatDate(value as Date, column.kind, language)
    default:
      return String(value)
  }
}

export async function writePdf(run: ExportRun, out: ExportOutput): Promise<void> {
  const { labels, language } = run
  const columns = run.columns.filter((column) => column.pdf)
  const body: string[][] = []
  for await (const batch of run.batches()) {
    for (const row of batch) body.push(columns.map((column) => pdfText(column.value(row, labels), column, language)))
  }

  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true })
  // autotable asks for the font list for every cell it styles; the standard fonts do not change.
  const fonts = doc.getFontList()
  doc.getFontList = () => fonts
  const lines = run.summary.lines()
  skipArabicShaping(doc, [run.title, run.generatedBy, run.sort ?? '', ...run.filters.flat(), ...lines.map((line) => line.label), ...body.flat()])
  doc.setProperties({ title: run.title, author: run.generatedBy, creator: 'Alforis CRM', subject: labels.report.summaryTitle })
  const pageWidth = doc.internal.pageSize.getWidth()

  doc.setFont('helvetica', 'bold').setFontSize(18).setTextColor(...ACCENT)
  doc.text(run.title, MARGIN, 18)
  doc.setFont('helvetica', 'normal').setFontSize(10).setTextColor(...MUTED)
  const when = formatDate(run.generatedAt, 'datetime', language)
  doc.text(`${labels.report.generatedBy(run.generatedBy, when)} · ${labels.report.rows(formatNumber(body.length, language))}`, MARGIN, 25)

  doc.setTextColor(20, 20, 20).setFont('helvetica', 'bold').text(labels.report.filters, MARGIN, 33)
  doc.setFont('helvetica', 'normal')
  const filterText = run.filters.length
    ? run.filters.map(([label, value]) => `${label} : ${value}`).join('   ·   ')
    : labels.report.noFilters
  const filterLines = doc.splitTextToSize(run.sort ? `${filterText}   ·   ${labels.report.sort} : ${run.sort}` : filterText, pageWidth - 2 * MARGIN - 22) as string[]
  doc.text(filterLines, MARGIN + 22, 33)
  const summaryTop = 33 + filterLines.length * 5 + 4

  const hasAmount = run.summary.hasAmount
  doc.setFont('helvetica', 'bold').setFontSize(12).setTextColor(...ACCENT).text(labels.report.summaryTitle, MARGIN, summaryTop)
  const summaryHead = [labels.summary.group[run.entity], labels.summary.count, ...(hasAmount ? [labels.summary.amount, labels.summary.weighted] : [])]
  const summaryRow = (line: SummaryLine) => [
    line.label,
    formatNumber(line.count, language),
    ...(hasAmount ? [formatAmount(line.amount ?? 0, language), formatAmount(line.weighted ?? 0, language)] : []),
  ]
  const totals: SummaryLine = {
    label: labels.summary.total,
    count: lines.reduce((sum, line) => sum + line.count, 0),
    amount: lines.reduce((sum, line) => sum + (line.amount ?? 0), 0),
    weighted: lines.reduce((sum, line) => sum + (line.weighted ?? 0), 0),
  }
  const summaryWidth = hasAmount ? 150 : 90
  autoTable(doc, {
    startY: summaryTop + 3,
    margin: { left: MARGIN },
    tableWidth: summaryWidth,
    head: [summaryHead],
    body: lines.map(summaryRow),
    foot: [summaryRow(totals).map((content, index) => ({ content, styles: { halign: index === 0 ? ('left' as const) : ('right' as const) } }))],
    theme: 'grid',
    styles: { fontSize: 9, cellPadding: 1.5 },
    headStyles: { fillColor: ACCENT },
    footStyles: { fillColor: [226, 232, 240], textColor: 20 },
    columnStyles: { 1: { halign: 'right' }, 2: { halign: 'right' }, 3: { halign: 'right' } },
  })
  const summaryBottom = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY
  drawBarChart(doc, lines, hasAmount ? [labels.summary.amount, labels.summary.weighted] : [labels.summary.count], { x: MARGIN + summaryWidth + 12, y: summaryTop + 3, width: pageWidth - 2 * MARGIN - summaryWidth - 12, height: Math.max(summaryBottom - summaryTop + 12, 55) })

  const totalWidth = columns.reduce((sum, column) => sum + column.width, 0)
  autoTable(doc, {
    startY: Math.max(summaryBottom, summaryTop + 3 + Math.max(summaryBottom - summaryTop + 12, 55)) + 8,
    margin: { left: MARGIN, right: MARGIN, top: 14, bottom: 14 },
    head: [columns.map((column) => labels.columns[column.key])],
    body,
    showHead: 'everyPage',
    theme: 'striped',
    styles: { fontSize: 8, cellPadding: 1.4, overflow: 'linebreak' },
    headStyles: { fillColor: ACCENT, textColor: 255 },
    columnStyles: Object.fromEntries(
      columns.map((column, index) => [
        index,
        {
          cellWidth: ((pageWidth - 2 * MARGIN) * column.width) / totalWidth,
          halign: column.kind === 'currency' || column.kind === 'number' ? 'right' : 'left',
        },
      ]),
    ),
  })

  const pages = doc.getNumberOfPages()
  doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(...MUTED)
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page)
    const height = doc.internal.pageSize.getHeight()
    doc.text(`${run.title} · ${when}`, MARGIN, height - 6)
    doc.text(labels.report.page(page, pages), pageWidth - MARGIN, height - 6, { align: 'right' })
  }
  await out.write(new Uint8Array(doc.output('arraybuffer')))
}

/** Vertical bars per group: amount and weighted amount for organisations, the count otherwise. */
function drawBarChart(
  doc: jsPDF,
  lines: SummaryLine[],
  legend: string[],
  box: { x: number; y: number; width: number; height: number },
) {
  const series = legend.length > 1
    ? [lines.map((line) => line.amount ?? 0), lines.map((line) => line.weighted ?? 0)]
    : [lines.map((line) => line.count)]
  const colors = [ACCENT, SECOND]
  const max = Math.max(1, ...series.flat())
  const labelSpace = 8
  const plotHeight = box.height - labelSpace
  const slot = box.width / Math.max(lines.length, 1)
  const barWidth = Math.min(14, (slot * 0.7) / series.length)
  legend.forEach((name, serie) => {
    const x = box.x + serie * 50
    doc.setFillColor(...colors[serie]).rect(x, box.y - 3, 3, 3, 'F')
    doc.setFontSize(7).setTextColor(...MUTED).text(name, x + 4.5, box.y - 0.5)
  })
  doc.setDrawColor(203, 213, 225).line(box.x, box.y + plotHeight, box.x + box.width, box.y + plotHeight)
  lines.forEach((line, index) => {
    const groupX = box.x + slot * index + (slot - barWidth * series.length) / 2
    series.forEach((values, serie) => {
      const height = (values[index] / max) * (plotHeight - 4)
      doc.setFillColor(...colors[serie]).rect(groupX + barWidth * serie, box.y + plotHeight - height, barWidth, height, 'F')
    })
    doc.setFontSize(7).setTextColor(...MUTED)
    const label = doc.splitTextToSize(line.label, slot - 1)[0] as string
    doc.text(label, box.x + slot * index + slot / 2, box.y + plotHeight + 4, { align: 'center' })
  })
}
