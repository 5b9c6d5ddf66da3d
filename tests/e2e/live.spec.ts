import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Locator, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { submitLogin } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

type Scheme = 'light' | 'dark'

// Several people (browser contexts) sign in per test: give the small shared machine time.
test.describe.configure({ timeout: 180_000 })
const LIVE_DELAY = { timeout: 10_000 }

function sessionFile(email: string): string {
  return path.join(test.info().project.outputDir, 'live-sessions', `${email}.json`)
}

/**
 * A browser context of its own per person (another person, another device) on the board. Each
 * account signs in once per run; later contexts reuse its session (and sign in again if it ended).
 */
async function openBoard(browser: Browser, email: string, options: { scheme?: Scheme; offline?: boolean; baseURL?: string } = {}): Promise<Page> {
  const file = sessionFile(email)
  const context = await browser.newContext({
    colorScheme: options.scheme ?? 'light',
    // Explicitly undefined would override the configured base URL.
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    storageState: fs.existsSync(file) ? file : undefined,
  })
  const page = await context.newPage()
  // Without Socket.IO this person's board stops following the others.
  if (options.offline) await page.route('**/socket.io/**', (route) => route.abort())
  await page.goto('/pipeline')
  const board = page.getByTestId('pipeline-board')
  const emailField = page.getByLabel('E-mail', { exact: true })
  await expect(board.or(emailField)).toBeVisible({ timeout: 30_000 })
  if (await emailField.isVisible()) {
    await submitLogin(page, email)
    await expect(board).toBeVisible({ timeout: 30_000 })
    await context.storageState({ path: file })
  }
  if (!options.offline) {
    await expect(page.getByTestId('pipeline-live-status')).toHaveAttribute('data-status', 'online', { timeout: 30_000 })
  }
  return page
}

const column = (page: Page, stage: string) => page.getByTestId(`pipeline-column-${stage}`)
const cardById = (page: Page, id: string) => page.locator(`[data-testid="pipeline-card"][data-card-id="${id}"]`)

async function firstCardOf(page: Page, stage: string): Promise<{ card: Locator; id: string; name: string }> {
  const card = column(page, stage).getByTestId('pipeline-card').first()
  const id = (await card.getAttribute('data-card-id')) ?? ''
  const name = (await card.getByTestId('pipeline-card-name').textContent()) ?? ''
  expect(id).not.toBe('')
  return { card, id, name }
}

async function columnFigures(page: Page, stage: string) {
  const section = column(page, stage)
  return {
    count: Number(await section.getAttribute('data-count')),
    total: Number(await section.getAttribute('data-total')),
  }
}

const bellCount = (page: Page) => page.getByTestId('notification-count')

async function openNotifications(page: Page): Promise<Locator> {
  await page.getByTestId('notification-bell').click()
  const panel = page.getByRole('dialog', { name: 'Notifications' })
  await expect(panel.getByTestId('notification-item').first().or(panel.getByText('Aucune notification'))).toBeVisible()
  return panel
}

/** Starts from a known state: nothing unread. */
async function readEverything(page: Page): Promise<void> {
  const panel = await openNotifications(page)
  const markAll = panel.getByRole('button', { name: 'Tout marquer comme lu' })
  if (await markAll.isEnabled()) await markAll.click()
  await expect(bellCount(page)).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await page.getByTestId('notification-bell').blur()
}

test.describe('live pipeline board', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`a move by one seller appears at once for the manager, with totals and a notification (${scheme})`, async ({ browser }) => {
      const sales = await openBoard(browser, 'sales.paris@demo.test', { scheme })
      // The manager is on the second server node: the move crosses Redis to reach them.
      const manager = await openBoard(browser, 'manager.paris@demo.test', { scheme, baseURL: process.env.E2E_SECOND_NODE_URL })
      const lyon = await openBoard(browser, 'sales.lyon@demo.test', { scheme })
      await sales.screenshot({ path: path.join(SCREENSHOTS, `pipeline-board-${scheme}.png`), animations: 'disabled' })
      await readEverything(manager)
      const managerOtherTab = await manager.context().newPage()
      await managerOtherTab.goto('/')
      await expect(managerOtherTab.getByTestId('dashboard-greeting')).toBeVisible()

      const { card, id, name } = await firstCardOf(sales, 'PROSPECT')
      const prospectBefore = await columnFigures(manager, 'PROSPECT')
      const qualifiedBefore = await columnFigures(manager, 'QUALIFIED')
      await expect(cardById(lyon, id)).toHaveCount(0)

      await card.dragTo(column(sales, 'QUALIFIED'))
      await expect(cardById(sales, id)).toHaveAttribute('data-stage', 'QUALIFIED')

      // The manager's board follows within seconds, labelled with who moved the card.
      const moved = column(manager, 'QUALIFIED').locator(`[data-card-id="${id}"]`)
      await expect(moved).toBeVisible(LIVE_DELAY)
      await expect(moved.getByTestId('pipeline-card-moved-by')).toHaveText('Déplacé par Sophie Bernard')
      await expect(column(manager, 'PROSPECT').locator(`[data-card-id="${id}"]`)).toHaveCount(0)
      await expect(column(manager, 'PROSPECT')).toHaveAttribute('data-count', String(prospectBefore.count - 1))
      await expect(column(manager, 'QUALIFIED')).toHaveAttribute('data-count', String(qualifiedBefore.count + 1))
      const prospectAfter = await columnFigures(manager, 'PROSPECT')
      const qualifiedAfter = await columnFigures(manager, 'QUALIFIED')
      expect(prospectBefore.total - prospectAfter.total).toBe(qualifiedAfter.total - qualifiedBefore.total)
      await moved.scrollIntoViewIfNeeded()
      await manager.screenshot({ path: path.join(SCREENSHOTS, `pipeline-live-move-${scheme}.png`), animations: 'disabled' })

      // The manager is told, live, in every tab (a task falling due meanwhile could add its own).
      await expect(bellCount(manager)).toHaveText(/^[1-9]\d*$/)
      await expect(bellCount(managerOtherTab)).toHaveText(/^[1-9]\d*$/)
      const panel = await openNotifications(manager)
      const notification = panel.getByTestId('notification-item').filter({ hasText: `${name} : Prospect → Qualifié` })
      await expect(notification).toContainText(`${name} : Prospect → Qualifié`)
      await expect(notification).toContainText('Sophie Bernard a déplacé')
      await expect(notification).toHaveAttribute('data-unread', 'true')
      await manager.screenshot({ path: path.join(SCREENSHOTS, `notifications-panel-${scheme}.png`), animations: 'disabled' })
      await panel.getByRole('button', { name: 'Tout marquer comme lu' }).click()
      await expect(bellCount(manager)).toHaveCount(0)
      await expect(notification).toHaveAttribute('data-unread', 'false')
      await expect(bellCount(managerOtherTab)).toHaveCount(0)

      // Another team never hears of it.
      await expect(lyon.getByTestId('pipeline-board')).toBeVisible()
      await expect(cardById(lyon, id)).toHaveCount(0)
      await expect(lyon.getByText(name, { exact: true })).toHaveCount(0)

      await Promise.all([sales, manager, lyon].map((page) => page.context().close()))
    })
  }

  test('a card moves with the keyboard and the "move to" menu, and keeps the focus', async ({ browser }) => {
    const sales = await openBoard(browser, 'sales.paris@demo.test')
    const manager = await openBoard(browser, 'manager.paris@demo.test')

    const { card, id } = await firstCardOf(sales, 'QUALIFIED')
    await card.focus()
    await sales.keyboard.press('Alt+ArrowRight')
    const moved = cardById(sales, id)
    await expect(moved).toHaveAttribute('data-stage', 'PROPOSAL')
    await expect(moved).toBeFocused()
    await expect(sales.getByTestId('pipeline-announcement')).toContainText('déplacée vers Proposition')
    await expect(column(manager, 'PROPOSAL').locator(`[data-card-id="${id}"]`)).toBeVisible(LIVE_DELAY)

    await moved.getByRole('button', { name: 'Déplacer vers…' }).click()
    const menu = sales.getByRole('menu')
    await expect(menu.getByRole('menuitem', { name: /Proposition/ })).toHaveAttribute('aria-disabled', 'true')
    await sales.keyboard.press('ArrowDown')
    await menu.getByRole('menuitem', { name: 'Négociation' }).click()
    await expect(menu).toBeHidden()
    await expect(cardById(sales, id)).toHaveAttribute('data-stage', 'NEGOTIATION')
    await expect(cardById(sales, id)).toBeFocused()
    await expect(column(manager, 'NEGOTIATION').locator(`[data-card-id="${id}"]`)).toBeVisible(LIVE_DELAY)

    await cardById(sales, id).focus()
    await sales.keyboard.press('Alt+ArrowLeft')
    await expect(cardById(sales, id)).toHaveAttribute('data-stage', 'PROPOSAL')
    await Promise.all([sales, manager].map((page) => page.context().close()))
  })

  test('a viewer sees the board but cannot move anything', async ({ browser }) => {
    const viewer = await openBoard(browser, 'viewer.paris@demo.test')
    await expect(viewer.getByText('Lecture seule')).toBeVisible()
    const { card, id } = await firstCardOf(viewer, 'PROSPECT')
    await expect(card).toHaveAttribute('draggable', 'false')
    await expect(viewer.getByRole('button', { name: 'Déplacer vers…' })).toHaveCount(0)
    await card.focus()
    await viewer.keyboard.press('Alt+ArrowRight')
    await expect(cardById(viewer, id)).toHaveAttribute('data-stage', 'PROSPECT')
    await viewer.context().close()
  })

  test('a move refused because someone else moved the card first shows where it is now', async ({ browser }) => {
    const sales = await openBoard(browser, 'sales.paris@demo.test')
    // A second seller whose live connection is down: their board goes stale.
    const stale = await openBoard(browser, 'claire.dubois@demo.test', { offline: true })
    await expect(stale.getByTestId('connection-offline')).toHaveText('Hors ligne – reconnexion…')

    const { id, name } = await firstCardOf(sales, 'PROSPECT')
    await cardById(sales, id).getByRole('button', { name: 'Déplacer vers…' }).click()
    await sales.getByRole('menu').getByRole('menuitem', { name: 'Qualifié' }).click()
    await expect(cardById(sales, id)).toHaveAttribute('data-stage', 'QUALIFIED')
    await expect(cardById(stale, id)).toHaveAttribute('data-stage', 'PROSPECT')

    await cardById(stale, id).dragTo(column(stale, 'PROPOSAL'))
    const notice = stale.getByTestId('toast')
    await expect(notice).toContainText('Déplacement impossible')
    await expect(notice).toContainText(`« ${name} » a déjà été déplacée par`)
    await expect(notice).toContainText('elle est maintenant en Qualifié')
    await expect(cardById(stale, id)).toHaveAttribute('data-stage', 'QUALIFIED')

    // Once the connection is back, the notice in the top bar goes away and the board is live again.
    await stale.unroute('**/socket.io/**')
    await expect(stale.getByTestId('connection-offline')).toHaveCount(0, { timeout: 15_000 })
    await expect(stale.getByTestId('pipeline-live-status')).toHaveAttribute('data-status', 'online')
    await Promise.all([sales, stale].map((page) => page.context().close()))
  })

  test('filters by type and owner live in the address', async ({ browser }) => {
    const sales = await openBoard(browser, 'sales.paris@demo.test')
    await sales.getByTestId('pipeline-filter-type').getByRole('button').click()
    await sales.getByTestId('pipeline-filter-type').getByRole('checkbox', { name: 'Distributeur', exact: true }).check()
    await expect(sales).toHaveURL(/type=/)
    await sales.keyboard.press('Escape')
    await expect(sales.getByTestId('pipeline-card').first()).toContainText('Distributeur')
    const types = await sales.getByTestId('pipeline-card').allTextContents()
    expect(types.every((text) => text.includes('Distributeur'))).toBe(true)

    await sales.getByTestId('pipeline-filter-owner').selectOption({ label: 'Sophie Bernard' })
    await expect(sales).toHaveURL(/ownerId=/)
    await sales.reload()
    await expect(sales.getByTestId('pipeline-filter-owner')).toHaveValue(/[0-9a-f-]{36}/)
    await sales.getByRole('button', { name: 'Effacer les filtres' }).first().click()
    await expect(sales).not.toHaveURL(/type=|ownerId=/)
    await sales.context().close()
  })
})
