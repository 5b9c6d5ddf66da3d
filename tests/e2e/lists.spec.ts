import { mkdirSync } from 'node:fs'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, waitForScreen } from './a11y.ts'
import { signIn } from './session.ts'
import { isinCheckDigit } from '../../src/shared/isin.ts'

const SCREENSHOTS = 'tests/e2e/screenshots'
const uniqueName = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`

async function callApi(page: Page, procedure: string, input: unknown, method: 'POST' | 'GET' = 'POST') {
  const url = `/trpc/${procedure}`
  const response =
    method === 'POST'
      ? await page.request.post(url, { data: { json: input } })
      : await page.request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
  const body = await response.json()
  expect(response.status(), JSON.stringify(body)).toBe(200)
  return body.result.data.json
}

async function userNamed(page: Page, email: string): Promise<{ id: string; name: string }> {
  const users = await callApi(page, 'users.list', { q: email }, 'GET')
  return users.items[0]
}

/** A valid French ISIN no demo product uses (they are random). */
function newIsin(): string {
  const body = `FR98${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
  return `${body}${isinCheckDigit(body)}`
}

async function signedInPage(browser: Browser, email: string, options: { baseURL?: string; colorScheme?: 'light' | 'dark' } = {}) {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', ...(options.baseURL ? { baseURL: options.baseURL } : {}) })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

test.describe('lists', () => {
  test.describe.configure({ timeout: 5 * 60_000 })

  test('bulk-assigning 20 organisations moves them onto a teammate’s board on the other node, and “Annuler” takes them back', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const manager = await userNamed(sales, 'manager.paris@demo.test')
    const prefix = uniqueName('Lot E2E')
    const ids: string[] = []
    for (let index = 0; index < 20; index++) {
      const created = await callApi(sales, 'organisations.create', { name: `${prefix} ${String(index).padStart(2, '0')}`, type: 'INVESTOR', stage: 'QUALIFIED' })
      ids.push(created.id)
    }

    // The manager watches their own board, served by the second node.
    const board = await signedInPage(browser, 'manager.paris@demo.test', { baseURL: process.env.E2E_SECOND_NODE_URL })
    await board.goto(`/pipeline?ownerId=${manager.id}`)
    await waitForScreen(board)
    const ourCards = board.locator(ids.map((id) => `[data-testid="pipeline-card"][data-card-id="${id}"]`).join(', '))
    await expect(ourCards).toHaveCount(0)

    await sales.goto(`/organisations?q=${encodeURIComponent(prefix)}`)
    const table = sales.getByTestId('organisation-table')
    await expect(table.locator('tbody tr')).toHaveCount(20)
    await table.getByTestId('select-all').check()
    await expect(sales.getByTestId('selection-count')).toHaveText('20 sélectionnées')
    await sales.getByTestId('selection-bar').getByRole('button', { name: 'Responsable' }).click()
    await sales.getByRole('menuitem', { name: manager.name }).click()
    await expect(sales.getByTestId('toast')).toContainText('20 enregistrements modifiés.')
    await expect(table.locator('tbody tr').filter({ hasText: manager.name })).toHaveCount(20)

    // Live, without a reload, on the other node.
    await expect(ourCards).toHaveCount(20)
    await expect(board.getByTestId('pipeline-column-QUALIFIED').locator(ourCards)).toHaveCount(20)

    await sales.getByTestId('toast').getByRole('button', { name: 'Annuler' }).click()
    await expect(sales.getByTestId('toast')).toContainText('Modification annulée pour 20 enregistrements.')
    await expect(ourCards).toHaveCount(0)
  })

  test('the same bulk actions on people: a salesperson assigns three at once and takes it back; a viewer gets no tick boxes', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const manager = await userNamed(sales, 'manager.paris@demo.test')
    const lastName = uniqueName('Lotpersonne').replace(' ', '')
    const ids: string[] = []
    for (const firstName of ['Anne', 'Bruno', 'Chloé']) ids.push((await callApi(sales, 'people.create', { firstName, lastName })).id)

    await sales.goto(`/people?q=${encodeURIComponent(lastName)}`)
    const table = sales.getByTestId('people-table')
    await expect(table.locator('tbody tr')).toHaveCount(3)
    await table.getByTestId('select-all').check()
    await expect(sales.getByTestId('selection-count')).toHaveText('3 sélectionnées')
    // A salesperson may not delete: the bar does not offer it.
    await expect(sales.getByTestId('selection-bar').getByRole('button', { name: 'Supprimer' })).toHaveCount(0)
    await sales.getByTestId('selection-bar').getByRole('button', { name: 'Responsable' }).click()
    await sales.getByRole('menuitem', { name: manager.name }).click()
    await expect(sales.getByTestId('toast')).toContainText('3 enregistrements modifiés.')
    await expect(table.locator('tbody tr').filter({ hasText: manager.name })).toHaveCount(3)
    const stored = await Promise.all(ids.map((id) => callApi(sales, 'people.byId', { id }, 'GET')))
    expect(stored.map((person: { ownerId: string | null }) => person.ownerId)).toEqual([manager.id, manager.id, manager.id])

    await sales.getByTestId('toast').getByRole('button', { name: 'Annuler' }).click()
    await expect(sales.getByTestId('toast')).toContainText('Modification annulée pour 3 enregistrements.')
    await expect(table.locator('tbody tr').filter({ hasText: manager.name })).toHaveCount(0)

    const viewer = await signedInPage(browser, 'viewer.paris@demo.test')
    await viewer.goto(`/people?q=${encodeURIComponent(lastName)}`)
    await expect(viewer.getByTestId('people-table').locator('tbody tr')).toHaveCount(3)
    await expect(viewer.getByTestId('select-row')).toHaveCount(0)
  })

  test('bulk actions on tasks: a salesperson reprioritises and starts five at once, live on their manager’s list on the other node, and takes it back', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const seller = await userNamed(sales, 'sales.paris@demo.test')
    const prefix = uniqueName('Tâche lot')
    for (let index = 0; index < 5; index++) await callApi(sales, 'tasks.create', { title: `${prefix} ${index}`, priority: 'LOW', assigneeId: seller.id })
    const rowsOf = (page: Page) => page.getByTestId('task-row').filter({ hasText: prefix })
    const address = `/tasks?view=team&q=${encodeURIComponent(prefix)}`

    const manager = await signedInPage(browser, 'manager.paris@demo.test', { baseURL: process.env.E2E_SECOND_NODE_URL })
    await manager.goto(address)
    await expect(rowsOf(manager)).toHaveCount(5)
    await sales.goto(address)
    await expect(rowsOf(sales)).toHaveCount(5)

    const bar = sales.getByTestId('selection-bar')
    await sales.getByTestId('select-all').check()
    await expect(sales.getByTestId('selection-count')).toHaveText('5 sélectionnées')
    await bar.getByRole('button', { name: 'Priorité' }).click()
    await sales.getByRole('menuitem', { name: 'Urgente' }).click()
    await expect(sales.getByTestId('toast')).toContainText('5 enregistrements modifiés.')
    await expect(rowsOf(sales).filter({ hasText: 'Urgente' })).toHaveCount(5)
    await expect(rowsOf(manager).filter({ hasText: 'Urgente' })).toHaveCount(5)
    await sales.getByTestId('toast').getByRole('button', { name: 'Fermer la notification' }).click()

    await sales.getByTestId('select-all').check()
    await bar.getByRole('button', { name: 'Statut' }).click()
    await sales.getByRole('menuitem', { name: 'En cours' }).click()
    await expect(sales.getByTestId('toast')).toContainText('5 enregistrements modifiés.')
    await expect(rowsOf(sales).and(sales.locator('[data-status="IN_PROGRESS"]'))).toHaveCount(5)
    await expect(rowsOf(manager).and(manager.locator('[data-status="IN_PROGRESS"]'))).toHaveCount(5)

    // "Annuler" takes back the last change only: back to "À faire", still urgent, on both screens.
    await sales.getByTestId('toast').getByRole('button', { name: 'Annuler' }).click()
    await expect(sales.getByTestId('toast')).toContainText('Modification annulée pour 5 enregistrements.')
    await expect(rowsOf(manager).and(manager.locator('[data-status="OPEN"]'))).toHaveCount(5)
    await expect(rowsOf(manager).filter({ hasText: 'Urgente' })).toHaveCount(5)
    await expect(rowsOf(sales).and(sales.locator('[data-status="OPEN"]'))).toHaveCount(5)
    await Promise.all([sales, manager].map((page) => page.context().close()))
  })

  test('bulk actions on mandates: a salesperson moves three into negotiation, live on their manager’s list on the other node, and takes it back', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const supplier = await callApi(sales, 'organisations.create', { name: uniqueName('Fournisseur lot'), type: 'SUPPLIER' })
    const prefix = uniqueName('MANDLOT').replace(' ', '-')
    for (let index = 0; index < 3; index++) await callApi(sales, 'mandates.create', { organisationId: supplier.id, reference: `${prefix}-${index}` })
    const address = `/mandates?q=${encodeURIComponent(prefix)}`
    const rowsOf = (page: Page) => page.getByTestId('mandates-table').locator('tbody tr')

    const manager = await signedInPage(browser, 'manager.paris@demo.test', { baseURL: process.env.E2E_SECOND_NODE_URL })
    await manager.goto(address)
    await expect(rowsOf(manager).filter({ hasText: 'Brouillon' })).toHaveCount(3)
    await sales.goto(address)
    await expect(rowsOf(sales)).toHaveCount(3)

    await sales.getByTestId('mandates-table').getByTestId('select-all').check()
    await expect(sales.getByTestId('selection-count')).toHaveText('3 sélectionnées')
    await sales.getByTestId('selection-bar').getByRole('button', { name: 'Statut' }).click()
    await sales.getByRole('menuitem', { name: 'En négociation' }).click()
    await expect(sales.getByTestId('toast')).toContainText('3 enregistrements modifiés.')
    await expect(rowsOf(sales).filter({ hasText: 'En négociation' })).toHaveCount(3)
    await expect(rowsOf(manager).filter({ hasText: 'En négociation' })).toHaveCount(3)

    await sales.getByTestId('toast').getByRole('button', { name: 'Annuler' }).click()
    await expect(sales.getByTestId('toast')).toContainText('Modification annulée pour 3 enregistrements.')
    await expect(rowsOf(manager).filter({ hasText: 'Brouillon' })).toHaveCount(3)
    await expect(rowsOf(sales).filter({ hasText: 'Brouillon' })).toHaveCount(3)
    await Promise.all([sales, manager].map((page) => page.context().close()))
  })

  test('bulk actions on products: a salesperson suspends three, then their manager deletes them; each sees the other’s change live', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const prefix = uniqueName('Produit lot')
    for (let index = 0; index < 3; index++) await callApi(sales, 'products.create', { name: `${prefix} ${index}`, isin: newIsin() })
    const address = `/products?q=${encodeURIComponent(prefix)}`
    const rowsOf = (page: Page) => page.getByTestId('products-table').locator('tbody tr')

    const manager = await signedInPage(browser, 'manager.paris@demo.test', { baseURL: process.env.E2E_SECOND_NODE_URL })
    await manager.goto(address)
    await expect(rowsOf(manager).filter({ hasText: 'Actif' })).toHaveCount(3)
    await sales.goto(address)
    await expect(rowsOf(sales)).toHaveCount(3)

    await sales.getByTestId('products-table').getByTestId('select-all').check()
    // A salesperson may not delete: the bar does not offer it.
    await expect(sales.getByTestId('selection-bar').getByRole('button', { name: 'Supprimer' })).toHaveCount(0)
    await sales.getByTestId('selection-bar').getByRole('button', { name: 'Statut' }).click()
    await sales.getByRole('menuitem', { name: 'Suspendu' }).click()
    await expect(sales.getByTestId('toast')).toContainText('3 enregistrements modifiés.')
    await expect(rowsOf(sales).filter({ hasText: 'Suspendu' })).toHaveCount(3)
    await expect(rowsOf(manager).filter({ hasText: 'Suspendu' })).toHaveCount(3)

    await manager.getByTestId('products-table').getByTestId('select-all').check()
    await manager.getByTestId('selection-bar').getByRole('button', { name: 'Supprimer' }).click()
    const confirm = manager.getByRole('alertdialog')
    await expect(confirm).toContainText('Supprimer 3 enregistrements ?')
    await confirm.getByRole('button', { name: 'Supprimer définitivement' }).click()
    await expect(manager.getByTestId('toast')).toContainText('3 enregistrements supprimés.')
    // A deletion cannot be taken back: no "Annuler".
    await expect(manager.getByTestId('toast').getByRole('button', { name: 'Annuler' })).toHaveCount(0)
    await expect(rowsOf(manager)).toHaveCount(0)
    await expect(rowsOf(sales)).toHaveCount(0)
    const left = await callApi(sales, 'products.list', { q: prefix }, 'GET')
    expect(left.items).toEqual([])
    await Promise.all([sales, manager].map((page) => page.context().close()))
  })

  test('a saved view survives a reload and is shared with a teammate', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const name = uniqueName('Gagnées par montant')
    await sales.goto('/organisations?stage=%5B%22WON%22%5D&sort=potentialAmount&dir=desc')
    await waitForScreen(sales)
    await sales.getByRole('button', { name: 'Colonnes' }).click()
    await sales.getByRole('menuitemcheckbox', { name: 'Mise à jour' }).click()
    await sales.keyboard.press('Escape')

    await sales.getByRole('button', { name: 'Vues enregistrées' }).click()
    await sales.getByRole('menuitem', { name: 'Enregistrer la vue…' }).click()
    const dialog = sales.getByTestId('saved-view-dialog')
    await dialog.getByLabel('Nom de la vue').fill(name)
    await dialog.getByLabel('Partager avec mon équipe').check()
    await dialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(sales.getByTestId('saved-view-current')).toHaveText(name)

    // Elsewhere, then back through the view after a reload.
    await sales.goto('/organisations')
    await sales.reload()
    await waitForScreen(sales)
    await sales.getByRole('button', { name: 'Vues enregistrées' }).click()
    await sales.getByRole('menuitemradio', { name }).click()
    await expect(sales).toHaveURL(/stage=.*WON/)
    await expect(sales).toHaveURL(/sort=potentialAmount/)
    await expect(sales.getByRole('columnheader', { name: 'Potentiel' })).toHaveAttribute('aria-sort', 'descending')

    const manager = await signedInPage(browser, 'manager.paris@demo.test')
    await manager.goto('/organisations')
    await waitForScreen(manager)
    await manager.getByRole('button', { name: 'Vues enregistrées' }).click()
    const shared = manager.getByRole('group', { name: 'Partagées par l’équipe' }).getByRole('menuitemradio', { name: new RegExp(name) })
    await expect(shared).toContainText('par Sophie Bernard')
    await shared.click()
    await expect(manager).toHaveURL(/stage=.*WON/)
    await expect(manager.getByTestId('type-badge').first()).toBeVisible()
    await expect(manager.getByRole('columnheader', { name: 'Mise à jour' })).toHaveCount(0)
  })

  test('screenshots: a list with ticked rows and the pipeline, light, dark and phone', async ({ browser }) => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await signedInPage(browser, 'sales.paris@demo.test', { colorScheme })
      await page.goto('/organisations')
      await waitForScreen(page)
      const rows = page.getByTestId('organisation-table').getByTestId('select-row')
      await rows.nth(0).check()
      await rows.nth(1).check()
      await expect(page.getByTestId('selection-bar')).toBeVisible()
      await expectNoSeriousAxeViolations(page, `organisations with a selection (${colorScheme})`)
      await page.screenshot({ path: `${SCREENSHOTS}/lists-organisations-${colorScheme}.png`, fullPage: true })
      await page.goto('/pipeline')
      await waitForScreen(page)
      await expectNoHorizontalScroll(page, `/pipeline (${colorScheme})`)
      await page.screenshot({ path: `${SCREENSHOTS}/lists-pipeline-${colorScheme}.png` })

      await page.setViewportSize({ width: 390, height: 844 })
      for (const screen of ['/organisations', '/pipeline', '/admin']) {
        await page.goto(screen)
        await waitForScreen(page)
        await expectNoHorizontalScroll(page, `${screen} on a phone (${colorScheme})`)
      }
      await page.goto('/organisations')
      await waitForScreen(page)
      await page.screenshot({ path: `${SCREENSHOTS}/lists-organisations-phone-${colorScheme}.png`, fullPage: true })
      await page.goto('/pipeline')
      await waitForScreen(page)
      await page.screenshot({ path: `${SCREENSHOTS}/lists-pipeline-phone-${colorScheme}.png` })
      await page.context().close()
    }
  })
})
