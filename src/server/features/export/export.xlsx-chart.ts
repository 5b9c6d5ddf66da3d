import { xmlText } from './export.format.ts'

// exceljs writes no charts (exceljs#141), and the workbook is written by hand anyway: a bar chart is
// a few DrawingML parts — the chart, a drawing that anchors it on its sheet, and their relationship.
// The sheet points at the drawing (`<drawing r:id>` and its own relationship) and the package lists
// both parts' content types. Values are cached in the chart so readers show it without recalculating.

export interface BarChart {
  sheetName: string
  title: string
  categories: string[]
  series: Array<{ name: string; column: string; values: number[]; color: string }>
  /** Zero-based cells the chart spans. */
  anchor: { fromColumn: number; toColumn: number; fromRow: number; toRow: number }
}

const NS_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart'

/** Where the sheet's drawing relationship points, relative to the sheet. */
export const CHART_DRAWING_TARGET = '../drawings/drawing1.xml'

/** Content-type overrides for [Content_Types].xml. */
export const CHART_CONTENT_TYPES =
  '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
  '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'

/** The chart's parts, by path in the package. */
export function barChartParts(chart: BarChart): Record<string, string> {
  return {
    'xl/charts/chart1.xml': chartXml(chart),
    'xl/drawings/drawing1.xml': drawingXml(chart),
    'xl/drawings/_rels/drawing1.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${REL_CHART}" Target="../charts/chart1.xml"/></Relationships>`,
  }
}

function chartXml(chart: BarChart): string {
  const sheet = `'${chart.sheetName.replaceAll("'", "''")}'`
  const last = chart.categories.length + 1
  const categories = `<c:cat><c:strRef><c:f>${xmlText(`${sheet}!$A$2:$A$${last}`)}</c:f><c:strCache><c:ptCount val="${chart.categories.length}"/>${chart.categories
    .map((category, index) => `<c:pt idx="${index}"><c:v>${xmlText(category)}</c:v></c:pt>`)
    .join('')}</c:strCache></c:strRef></c:cat>`
  const series = chart.series
    .map(
      (serie, index) =>
        `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
        `<c:tx><c:strRef><c:f>${xmlText(`${sheet}!$${serie.column}$1`)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${xmlText(serie.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${serie.color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        categories +
        `<c:val><c:numRef><c:f>${xmlText(`${sheet}!$${serie.column}$2:$${serie.column}$${last}`)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${serie.values.length}"/>${serie.values
          .map((value, point) => `<c:pt idx="${point}"><c:v>${value}</c:v></c:pt>`)
          .join('')}</c:numCache></c:numRef></c:val></c:ser>`,
    )
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
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
