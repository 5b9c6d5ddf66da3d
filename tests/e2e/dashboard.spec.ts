import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { submitLogin } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
const LIVE_DELAY = { timeout: 15_000 }

test.describe.configure({ timeout: 180_000 })

interface OpenOptions {
  scheme?: 'light' | 'dark'
  baseURL?: string
  viewport?: { width: number; height: number }
}

/** A person of their own (browser context) on `target`, signing in once per run. */
async function openAs(browser: Browser, email: string, target: string, options: OpenOptions = {}): Promise<Page> {
  const file = path.join(test.info().project.outputDir, 'dashboard-sessions', `${email}.json`)
  const context = await browser.newContext({
    colorScheme: options.scheme ?? 'light',
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
    storageState: fs.existsSync(file) ? file : undefined,
  })
  const page = await context.newPage()
  await page.goto(target)
  const emailField = page.getByLabel('E-mail', { exact: true })
  const ready = target === '/pipeline' ? page.getByTestId('pipeline-board') : page.getByTestId('dashboard-figures')
  await expect(ready.or(emailField)).toBeVisible({ timeout: 30_000 })
  if (await emailField.isVisible()) {
    await submitLogin(page, email)
    // Let the sign-in land (its cookie set) before navigating away: a navigation right after the
    // click could cancel it.
    await expect(emailField).toBeHidden({ timeout: 30_000 })
    if (target !== '/') await page.goto(target)
    await expect(ready).toBeVisible({ timeout: 30_000 })
    await context.storageState({ path: file })
  }
  return page
}

const wonCount = async (page: Page) => Number(await page.getByTestId('kpi-won-value').textContent())

test.describe("the manager's dashboard", () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`follows a win on the other node live, and Lyon's figures do not move (${scheme})`, async ({ browser }) => {
      // The manager watches from the second node; the seller moves the card through the first.
      const manager = await openAs(browser, 'manager.paris@demo.test', '/', { scheme, baseURL: process.env.E2E_SECOND_NODE_URL })
      const lyon = await openAs(browser, 'manager.lyon@demo.test', '/', { scheme })
      const sales = await openAs(browser, 'sales.paris@demo.test', '/pipeline', { scheme })
      await expect(sales.getByTestId('pipeline-live-status')).toHaveAttribute('data-status', 'online', { timeout: 30_000 })
      const before = await wonCount(manager)
      const lyonBefore = await wonCount(lyon)

      const card = sales.getByTestId('pipeline-column-NEGOTIATION').getByTestId('pipeline-card').first()
      const name = ((await card.getByTestId('pipeline-card-name').textContent()) ?? '').trim()
      await card.getByRole('button', { name: 'Déplacer vers…' }).click()
      await sales.getByRole('menu').getByRole('menuitem', { name: 'Gagné' }).click()

      await expect(manager.getByTestId('kpi-won-value')).toHaveText(String(before + 1), LIVE_DELAY)
      const latest = manager.getByTestId('activity-item').first()
      await expect(latest).toHaveAttribute('data-kind', 'won')
      await expect(latest).toContainText(`Sophie Bernard a gagné ${name}`)
      // The feed links to the organisation it is about.
      await expect(latest.getByRole('link')).toHaveAttribute('href', /\/organisations\//)

      // Lyon's manager has had every chance to hear of it by now: their figures stay as they were.
      await lyon.waitForTimeout(1_000)
      expect(await wonCount(lyon)).toBe(lyonBefore)
      await expect(lyon.getByTestId('activity-feed')).not.toContainText(name)

      await manager.screenshot({ path: path.join(SCREENSHOTS, `dashboard-manager-${scheme}.png`), fullPage: true })
      await Promise.all([manager, lyon, sales].map((page) => page.context().close()))
    })
  }

  test('each figure links to the list it summarises, and the period lives in the address', async ({ browser }) => {
    const manager = await openAs(browser, 'manager.paris@demo.test', '/')
    await manager.getByRole('radio', { name: 'Trimestre' }).check()
    await expect(manager).toHaveURL(/period=quarter/)
    await manager.reload()
    await expect(manager.getByRole('radio', { name: 'Trimestre' })).toBeChecked()

    await manager.getByTestId('kpi-won').click()
    await expect(manager).toHaveURL(/\/organisations\?.*stage=/)
    await expect(manager.getByRole('heading', { name: 'Organisations', level: 1 })).toBeVisible()
    await manager.goBack()
    await manager.getByTestId('kpi-overdue-tasks').click()
    await expect(manager).toHaveURL(/\/tasks\?.*view=overdue/)
    await manager.goBack()

    // The stage chart has a table with the same figures for those who cannot see the chart.
    await manager.getByTestId('stage-chart').getByRole('button', { name: 'Afficher le tableau' }).click()
    const table = manager.getByTestId('stage-table')
    await expect(table.getByRole('row')).toHaveCount(7)
    await expect(table.getByRole('link', { name: 'Gagné' })).toHaveAttribute('href', /stage=/)
    await manager.context().close()
  })

  test("opens a salesperson's own deals first, and fits a phone without sideways scrolling", async ({ browser }) => {
    const phone = { width: 390, height: 844 }
    const sales = await openAs(browser, 'sales.paris@demo.test', '/', { viewport: phone })
    await expect(sales.getByRole('radio', { name: 'Mes affaires' })).toBeChecked()
    const widths = await sales.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }))
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport)
    await sales.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-sales-phone.png'), fullPage: true })
    await sales.context().close()

    const dark = await openAs(browser, 'manager.paris@demo.test', '/', { viewport: phone, scheme: 'dark' })
    const darkWidths = await dark.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }))
    expect(darkWidths.scroll).toBeLessThanOrEqual(darkWidths.viewport)
    await dark.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-manager-phone-dark.png'), fullPage: true })
    await dark.context().close()
  })

  test('says so when the figures cannot be loaded, and recovers', async ({ browser }) => {
    const manager = await openAs(browser, 'manager.paris@demo.test', '/')
    const summaryCalls = (url: URL) => url.pathname.includes('dashboard.summary')
    await manager.route(summaryCalls, (route) => route.fulfill({ status: 500, body: 'down' }))
    await manager.reload()
    await expect(manager.getByText('Les indicateurs n’ont pas pu être chargés')).toBeVisible({ timeout: 30_000 })
    await manager.unroute(summaryCalls)
    await manager.getByRole('button', { name: 'Réessayer' }).click()
    await expect(manager.getByTestId('dashboard-figures')).toBeVisible()
    await manager.context().close()
  })
})
