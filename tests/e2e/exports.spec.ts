import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { parse } from 'csv-parse/sync'
import { readPdf, readXlsx } from '../support/exports.ts'
import { signIn } from './session.ts'

const run = promisify(execFile)
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((file) => existsSync(file))

test.describe.configure({ timeout: 240_000 })

async function signedInPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ colorScheme, acceptDownloads: true })
  const page = await context.newPage()
  await signIn(page, 'sales.paris@demo.test')
  return page
}

/** The list's rows for the same filters, through the API with the page's session. */
async function listNames(page: Page, input: Record<string, unknown>): Promise<string[]> {
  const names: string[] = []
  let cursor: string | null = null
  do {
    const response = await page.request.get(`/trpc/organisations.list?input=${encodeURIComponent(JSON.stringify({ json: { ...input, cursor, limit: 200 } }))}`)
    const data = (await response.json()).result.data.json as { items: { name: string }[]; nextCursor: string | null }
    names.push(...data.items.map((item) => item.name))
    cursor = data.nextCursor
  } while (cursor)
  return names
}

async function exportAs(page: Page, item: string) {
  await page.getByRole('button', { name: 'Exporter' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByTestId(item).click()
  const download = await downloading
  return { download, body: await readFile((await download.path())!) }
}

test('exports the filtered organisations list to Excel, CSV and PDF, each file holding exactly the list', async ({ browser }) => {
  const page = await signedInPage(browser)
  await page.goto('/organisations')
  await page.getByTestId('filter-type').getByRole('button').click()
  await page.getByTestId('filter-type').getByRole('checkbox', { name: 'Investisseur', exact: true }).check()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Nom' }).click()
  await expect(page).toHaveURL(/type=.*INVESTOR/)
  await expect(page.getByTestId('organisation-table').locator('tbody tr').first()).toBeVisible()
  const expected = await listNames(page, { type: ['INVESTOR'], sort: { field: 'name', direction: 'asc' } })
  expect(expected.length).toBeGreaterThan(3)

  const xlsx = await exportAs(page, 'export-xlsx')
  expect(xlsx.download.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.xlsx$/)
  await expect(page.getByTestId('export-outcome')).toContainText(xlsx.download.suggestedFilename())
  const book = await readXlsx(xlsx.body)
  expect(book.sheets[0].rows.slice(1).map((row) => row[0])).toEqual(expected)
  expect(book.sheets[0].rows.slice(1).every((row) => row[1] === 'Investisseur')).toBe(true)
  expect(book.sheets[1].charts).toHaveLength(1)

  const csv = await exportAs(page, 'export-csv-semicolon')
  expect(csv.download.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.csv$/)
  const rows = parse(csv.body, { bom: true, delimiter: ';' }) as string[][]
  expect(rows.slice(1).map((row) => row[0])).toEqual(expected.map((name) => name.replace(/^[=+\-@\t\r]/, "'$&")))

  const pdf = await exportAs(page, 'export-pdf')
  const { text, pages } = await readPdf(pdf.body)
  expect(text).toContain('Type : Investisseur')
  expect(text).toContain(`Page ${pages} sur ${pages}`)
  expect(text).toContain(expected[0])

  // The PDF's first page and the Excel chart, rendered to look at.
  await mkdir(SCREENSHOTS, { recursive: true })
  const dir = await mkdtemp(path.join(tmpdir(), 'export-e2e-'))
  try {
    const pdfFile = path.join(dir, 'report.pdf')
    await pdf.download.saveAs(pdfFile)
    await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdfFile, path.join(SCREENSHOTS, 'exports-pdf-page1')])
    // LibreOffice opens the hand-written workbook (tests/support/ensure-services.sh installs it): its
    // rendering holds the listed names, and its last page (the Pipeline sheet) the chart to look at.
    expect(SOFFICE, 'LibreOffice (soffice) is needed to render the Excel file').toBeDefined()
    const xlsxFile = path.join(dir, 'organisations.xlsx')
    await xlsx.download.saveAs(xlsxFile)
    await run(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, xlsxFile], { timeout: 180_000 })
    const rendered = (await run('pdftotext', ['-layout', path.join(dir, 'organisations.pdf'), '-'])).stdout
    for (const name of expected.slice(0, 3)) expect(rendered).toContain(name)
    expect(rendered).toContain('Montant pondéré (€)') // the Pipeline sheet's summary
    const { stdout } = await run('pdfinfo', [path.join(dir, 'organisations.pdf')])
    const last = Number(stdout.match(/^Pages:\s+(\d+)/m)?.[1])
    await run('pdftoppm', ['-png', '-r', '70', '-f', String(last), '-l', String(last), '-singlefile', path.join(dir, 'organisations.pdf'), path.join(SCREENSHOTS, 'exports-xlsx-chart')])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  await page.context().close()
})

test.describe('export screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`export menu and progress in the ${scheme} theme`, async ({ browser }) => {
      const page = await signedInPage(browser, scheme)
      await page.goto('/organisations?sort=potentialAmount')
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await expect(page.getByTestId('organisation-table').locator('tbody tr').first()).toBeVisible()
      await page.getByRole('button', { name: 'Exporter' }).click()
      await expect(page.getByTestId('export-xlsx')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `exports-menu-${scheme}.png`), animations: 'disabled' })
      const downloading = page.waitForEvent('download')
      await page.getByTestId('export-csv-comma').click()
      await downloading
      await expect(page.getByTestId('export-outcome')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `exports-done-${scheme}.png`), animations: 'disabled' })
      // The export is in the team's history, with its filters and row count.
      await page.getByRole('button', { name: 'Exporter' }).click()
      await page.getByTestId('export-history-open').click()
      const history = page.getByTestId('export-history')
      await expect(history.getByTestId('export-history-entry').first()).toContainText('CSV de organisations')
      await page.screenshot({ path: path.join(SCREENSHOTS, `exports-history-${scheme}.png`), animations: 'disabled' })
      await page.context().close()
    })
  }

  test('export menu on a phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true })
    const page = await context.newPage()
    await signIn(page, 'viewer.paris@demo.test')
    await page.goto('/people')
    await page.getByRole('button', { name: 'Exporter' }).click()
    await expect(page.getByTestId('export-pdf')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'exports-menu-phone.png'), animations: 'disabled' })
    await context.close()
  })
})
