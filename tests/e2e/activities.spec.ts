import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations } from './a11y.ts'
import { expect, test } from './fixtures.ts'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

/** The same list through the API with the page's session: its total for the given input. */
async function apiTotal(page: Page, input: Record<string, unknown>): Promise<number> {
  const response = await page.request.get(`/trpc/interactions.list?input=${encodeURIComponent(JSON.stringify({ json: { ...input, limit: 1 } }))}`)
  expect(response.ok()).toBe(true)
  return ((await response.json()).result.data.json as { total: number }).total
}

const table = (page: Page) => page.getByTestId('activities-table')

test('the activities list: from the menu, filtered by type and author, exported with exactly its rows', async ({ page }) => {
  await signIn(page, 'sales.paris@demo.test')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Activités' }).click()
  await expect(page).toHaveURL(/\/activities$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Activités' })).toBeVisible()
  await expect(table(page).locator('tbody tr').first()).toBeVisible()

  // Calls only: every row says so, and the count is the API's.
  await page.getByTestId('filter-kind').getByRole('button').click()
  await page.getByTestId('filter-kind').getByRole('checkbox', { name: 'Appel', exact: true }).check()
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/kind=.*CALL/)
  const calls = await apiTotal(page, { kind: ['CALL'] })
  expect(calls).toBeGreaterThan(0)
  await expect(page.getByText(new RegExp(`sur ${calls}$`))).toBeVisible()
  const kinds = await table(page).locator('tbody tr td:nth-child(2)').allInnerTexts()
  expect(kinds.length).toBeGreaterThan(0)
  expect(kinds.every((kind) => kind.trim() === 'Appel')).toBe(true)

  // Mine: only the signed-in salesperson as author.
  await page.getByText('Les miennes', { exact: true }).click()
  await expect(page).toHaveURL(/mine=true/)
  // The previous rows stay on screen, marked busy, until the filtered ones arrive (slower on a cold server).
  await expect(table(page)).not.toHaveAttribute('aria-busy', 'true')
  await expect(table(page).locator('tbody tr').first()).toBeVisible()
  await expect
    .poll(async () => new Set((await table(page).locator('tbody tr td:last-child').allInnerTexts()).map((author) => author.trim())))
    .toEqual(new Set(['Sophie Bernard']))

  // The export holds exactly the rows of these filters.
  const me = await page.request.get('/trpc/auth.me').then(async (response) => (await response.json()).result.data.json as { id: string })
  const mine = await apiTotal(page, { kind: ['CALL'], authorId: me.id })
  await page.getByRole('button', { name: 'Exporter' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-csv-semicolon').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^interactions-\d{4}-\d{2}-\d{2}\.csv$/)
  const rows = parse(await readFile((await download.path())!), { bom: true, delimiter: ';' }) as string[][]
  expect(rows.length - 1).toBe(mine)
})

test('a period with no activity shows the no-match state; an end before the start is told at the field', async ({ page }) => {
  await signIn(page, 'sales.paris@demo.test')
  await page.goto('/activities?from=1990-01-01&to=1990-12-31')
  await expect(page.getByText('Aucune activité ne correspond')).toBeVisible()
  await page.getByRole('button', { name: 'Effacer les filtres' }).click()
  await expect(table(page).locator('tbody tr').first()).toBeVisible()

  await page.getByLabel('Du').fill('2026-06-10')
  await page.getByLabel('Au').fill('2026-06-01')
  await expect(page.getByText('La date de fin ne peut pas précéder la date de début.')).toBeVisible()
  await expect(page.getByLabel('Au')).toHaveAttribute('aria-invalid', 'true')
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots: the activities list in the ${colorScheme} theme, desktop and phone`, async ({ browser }) => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ colorScheme, viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
      const page = await context.newPage()
      await signIn(page, 'manager.paris@demo.test')
      await page.goto('/activities')
      await expect(table(page).locator('tbody tr').first()).toBeVisible()
      await expectNoHorizontalScroll(page, `activities ${colorScheme} ${viewport.width}px`)
      await page.screenshot({ path: path.join(SCREENSHOTS, `activities-${colorScheme}-${viewport.width}.png`) })
      await expectNoSeriousAxeViolations(page, `activities ${colorScheme} ${viewport.width}px`)
      await context.close()
    }
  })
}
