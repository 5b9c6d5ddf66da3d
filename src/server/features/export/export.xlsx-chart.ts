import type JSZip from 'jszip'

// exceljs 4.4 writes no charts (exceljs#141). A bar chart is a few DrawingML parts added to the
// finished package: the chart, a drawing that anchors it on the sheet, their relationships, the
// sheet's <drawing r:id> and content-type overrides. Values are cached in the chart so readers
// show it without recalculating.

export interface BarChart {
  /** 1-based position of the sheet in the workbook (sheetN.xml). */
  sheetIndex: number
  sheetName: string
  title: string
  categories: string[]
  series: Array<{ name: string; column: string; values: number[]; color: string }>
  /** Zero-based cells the chart spans. */
  anchor: { fromColumn: number; toColumn: number; fromRow: number; toRow: number }
}

const NS_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing'
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart'

/** Elements that CT_Worksheet puts after <drawing>: it must come before the first present. */
const AFTER_DRAWING = ['<legacyDrawing', '<legacyDrawingHF', '<drawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>']

export async function addBarChart(zip: JSZip, chart: BarChart): Promise<void> {
  const sheetPath = `xl/worksheets/sheet${chart.sheetIndex}.xml`
  const relsPath = `xl/worksheets/_rels/sheet${chart.sheetIndex}.xml.rels`
  const sheet = await zip.file(sheetPath)?.async('string')
  if (!sheet) throw new Error(`${sheetPath} is missing`)

  let rels = (await zip.file(relsPath)?.async('string')) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_RELS}"></Relationships>`
  const relId = `rIdChart${chart.sheetIndex}`
  rels = rels.replace('</Relationships>', `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/drawing1.xml"/></Relationships>`)
  const at = Math.min(...AFTER_DRAWING.map((tag) => sheet.indexOf(tag)).filter((index) => index >= 0))
  zip.file(sheetPath, `${sheet.slice(0, at)}<drawing r:id="${relId}"/>${sheet.slice(at)}`)
  zip.file(relsPath, rels)

  zip.file('xl/charts/chart1.xml', chartXml(chart))
  zip.file('xl/drawings/drawing1.xml', drawingXml(chart))
  zip.file(
    'xl/drawings/_rels/drawing1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${REL_CHART}" Target="../charts/chart1.xml"/></Relationships>`,
  )
  const types = await zip.file('[Content_Types].xml')!.async('string')
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    ),
  )
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function chartXml(chart: BarChart): string {
  const sheet = `'${chart.sheetName.replaceAll("'", "''")}'`
  const last = chart.categories.length + 1
  const categories = `<c:cat><c:strRef><c:f>${escapeXml(`${sheet}!$A$2:$A$${last}`)}</c:f><c:strCache><c:ptCount val="${chart.categories.length}"/>${chart.categories
    .map((category, index) => `<c:pt idx="${index}"><c:v>${escapeXml(category)}</c:v></c:pt>`)
    .join('')}</c:strCache></c:strRef></c:cat>`
  const series = chart.series
    .map(
      (serie, index) =>
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXml(`${sheet}!$${serie.column}$1`)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(serie.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${serie.color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        categories +
        `<c:val><c:numRef><c:f>${escapeXml(`${sheet}!$${serie.column}$2:$${serie.column}$${last}`)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${serie.values.length}"/>${serie.values
          .map((value, point) => `<c:pt idx="${point}"><c:v>${value}</c:v></c:pt>`)
          .join('')}</c:numCache></c:numRef></c:val></c:ser>`,
    )
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  )
}

function drawingXml(chart: BarChart): string {
  const { fromColumn, toColumn, fromRow, toRow } = chart.anchor
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<xdr:twoCellAnchor><xdr:from><xdr:col>${fromColumn}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${toColumn}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic>' +
    '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  )
}
