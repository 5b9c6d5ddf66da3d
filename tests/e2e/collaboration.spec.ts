import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

// Two people (browser contexts, argon2 sign-ins) per test on a small shared machine.
test.describe.configure({ timeout: 180_000 })
const LIVE = { timeout: 10_000 }

// A sales rep and the manager of the Paris team (accounts whose saved theme and language other
// specs leave alone).
const CLAIRE = 'claire.dubois@demo.test'
const MARC = 'manager.paris@demo.test'

let sequence = 0
function uniqueName(prefix: string): string {
  sequence += 1
  return `${prefix} ${Date.now().toString(36)}${sequence}`
}

/** The second server process of the run (same database and Redis): people on different nodes. */
const SECOND_NODE = process.env.E2E_SECOND_NODE_URL

async function signedInPage(browser: Browser, email: string, colorScheme: 'light' | 'dark' = 'light', baseURL?: string): Promise<Page> {
  const context = await browser.newContext({ colorScheme, ...(baseURL ? { baseURL } : {}) })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

async function createOrganisation(page: Page, input: Record<string, unknown>): Promise<string> {
  const response = await page.request.post('/trpc/organisations.create', { data: { json: { type: 'INVESTOR', ...input } } })
  const body = await response.json()
  expect(response.status(), JSON.stringify(body)).toBe(200)
  return body.result.data.json.id as string
}

async function openOrganisation(page: Page, id: string, name: string) {
  await page.goto(`/organisations/${id}`)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

const editForm = (page: Page) => page.getByTestId('organisation-edit-form')
const avatars = (page: Page) => page.getByTestId('presence-avatar')
const slot = (page: Page, field: string) => page.locator(`[data-field-slot="${field}"]`)

test.describe('editing an organisation together', () => {
  test('each sees the other, the field they edit, and their saves in place without losing what they type', async ({ browser }) => {
    // Claire on the first node, Marc on the second: everything below crosses Redis.
    const claire = await signedInPage(browser, CLAIRE)
    const marc = await signedInPage(browser, MARC, 'light', SECOND_NODE)
    if (SECOND_NODE) expect(new URL(marc.url()).port).not.toBe(new URL(claire.url()).port)
    const name = uniqueName('Ensemble E2E')
    const id = await createOrganisation(claire, { name, category: 'Origine' })
    await openOrganisation(claire, id, name)
    await openOrganisation(marc, id, name)

    // Presence: one avatar each, with the other's name; nobody sees themselves.
    await expect(avatars(claire)).toHaveCount(1, LIVE)
    await expect(avatars(claire)).toContainText('Marc Lefebvre')
    await expect(avatars(marc)).toHaveCount(1, LIVE)
    await expect(avatars(marc)).toContainText('Claire Dubois')

    // Marc starts editing: Claire sees which field, in the bar and on the field itself.
    await marc.getByRole('button', { name: 'Modifier' }).click()
    await editForm(marc).getByLabel('Nom', { exact: true }).focus()
    await expect(claire.getByTestId('presence-summary')).toHaveText('Marc modifie : Nom', LIVE)
    await editForm(marc).getByLabel('Téléphone').fill('01 23 45 67 89')
    await expect(claire.getByTestId('presence-summary')).toHaveText('Marc modifie : Téléphone', LIVE)

    await claire.getByRole('button', { name: 'Modifier' }).click()
    await editForm(claire).getByLabel('Ville').focus()
    await expect(slot(marc, 'city').getByTestId('field-presence')).toHaveText('Claire', LIVE)
    await claire.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-editing-light.png'), animations: 'disabled' })

    // Claire saves the city: it appears in Marc's form, highlighted with her name, and his
    // unsaved phone number is still there.
    await editForm(claire).getByLabel('Ville').fill('Lyon')
    await editForm(claire).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(claire.getByTestId('field-address')).toContainText('Lyon')
    await expect(editForm(marc).getByLabel('Ville')).toHaveValue('Lyon', LIVE)
    await expect(slot(marc, 'city').getByTestId('field-highlight')).toHaveText('Modifié par Claire Dubois')
    await expect(editForm(marc).getByLabel('Téléphone')).toHaveValue('01 23 45 67 89')
    await slot(marc, 'city').scrollIntoViewIfNeeded()
    await marc.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-live-field-light.png'), animations: 'disabled' })

    // Marc saves his phone: the two edits merge, and Claire (reading) sees it highlighted.
    await editForm(marc).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(marc.getByTestId('organisation-saved')).toBeVisible()
    await expect(marc.getByTestId('field-address')).toContainText('Lyon')
    await expect(claire.getByTestId('field-phone')).toHaveText('01 23 45 67 89', LIVE)
    const highlighted = claire.locator('[data-highlighted="true"]', { has: claire.getByTestId('field-phone') })
    await expect(highlighted.getByTestId('field-highlight')).toHaveText('Modifié par Marc Lefebvre')

    // The timeline says who changed what from what to what, live on both sides.
    const latest = claire.getByTestId('timeline-entry').first()
    await expect(latest).toContainText('Marc Lefebvre a modifié', LIVE)
    await expect(latest.locator('[data-testid="timeline-change"][data-field="phone"]')).toContainText('Téléphone')
    await expect(latest.locator('[data-testid="timeline-change"][data-field="phone"]')).toContainText('01 23 45 67 89')
    const cityChange = marc.locator('[data-testid="timeline-change"][data-field="city"]').first()
    await expect(cityChange).toContainText('vide')
    await expect(cityChange).toContainText('Lyon')
    await expect(marc.getByTestId('timeline-entry').last()).toContainText('a créé l’organisation')
    await claire.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-timeline-light.png'), animations: 'disabled' })

    await claire.context().close()
    await marc.context().close()
  })

  test('a same-field save is flagged while typing, then settled by a choice between both values', async ({ browser }) => {
    const claire = await signedInPage(browser, CLAIRE)
    const marc = await signedInPage(browser, MARC, 'dark')
    const name = uniqueName('Conflit ensemble E2E')
    const id = await createOrganisation(claire, { name, category: 'Origine' })
    await openOrganisation(claire, id, name)
    await openOrganisation(marc, id, name)

    await marc.getByRole('button', { name: 'Modifier' }).click()
    await editForm(marc).getByLabel('Catégorie').fill('Mutuelle (Marc)')
    await claire.getByRole('button', { name: 'Modifier' }).click()
    await editForm(claire).getByLabel('Catégorie').fill('Assureur (Claire)')
    await editForm(claire).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(claire.getByTestId('field-category')).toHaveText('Assureur (Claire)')

    // Marc's typing is kept, and he is told before he saves.
    await expect(slot(marc, 'category').getByTestId('field-clash')).toContainText('Claire Dubois vient d’enregistrer « Assureur (Claire) »', LIVE)
    await expect(editForm(marc).getByLabel('Catégorie')).toHaveValue('Mutuelle (Marc)')
    await marc.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-clash-dark.png'), animations: 'disabled' })

    await editForm(marc).getByRole('button', { name: 'Enregistrer' }).click()
    const conflict = marc.getByRole('alertdialog')
    await expect(conflict.getByTestId('conflict-category-mine-value')).toHaveText('Mutuelle (Marc)')
    await expect(conflict.getByTestId('conflict-category-theirs-value')).toHaveText('Assureur (Claire)')
    await marc.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-conflict-dark.png'), animations: 'disabled' })
    await conflict.getByTestId('conflict-category-mine').click()
    await conflict.getByRole('button', { name: 'Enregistrer ce choix' }).click()
    await expect(marc.getByTestId('field-category')).toHaveText('Mutuelle (Marc)')
    // Claire, reading, gets Marc's choice in place.
    await expect(claire.getByTestId('field-category')).toHaveText('Mutuelle (Marc)', LIVE)

    await claire.context().close()
    await marc.context().close()
  })

  test('someone away shows as idle, and is gone within 10 seconds of closing the tab', async ({ browser }) => {
    const claire = await signedInPage(browser, CLAIRE, 'dark')
    const marc = await signedInPage(browser, MARC, 'dark')
    const name = uniqueName('Présence E2E')
    const id = await createOrganisation(claire, { name })
    await openOrganisation(claire, id, name)
    await openOrganisation(marc, id, name)
    const marcAvatar = avatars(claire).first()
    await expect(marcAvatar).toHaveAttribute('data-status', 'active', LIVE)

    // Marc switches to another tab (a minute without activity has the same effect: unit-tested).
    await marc.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await expect(marcAvatar).toHaveAttribute('data-status', 'idle', LIVE)
    await expect(marcAvatar).toContainText('Marc Lefebvre est en pause')
    await expect(claire.getByTestId('presence-summary')).toHaveText('Marc Lefebvre est en pause')
    await claire.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-presence-dark.png'), animations: 'disabled' })
    await claire.setViewportSize({ width: 390, height: 844 })
    await claire.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-presence-mobile-dark.png'), animations: 'disabled' })
    await claire.setViewportSize({ width: 1280, height: 800 })
    await marc.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await expect(marcAvatar).toHaveAttribute('data-status', 'active', LIVE)

    await marc.context().close()
    await expect(avatars(claire)).toHaveCount(0, { timeout: 10_000 })
    await claire.context().close()
  })

  test('the activity of an organisation from before the event log ends with its creation', async ({ browser }) => {
    const claire = await signedInPage(browser, CLAIRE)
    // Demo organisations are seeded straight into the tables, with no events.
    // The oldest first: seeded ones, not those other tests created.
    await claire.goto('/organisations?sort=createdAt&dir=asc')
    await claire.getByTestId('organisation-table').locator('tbody tr').first().getByRole('link').click()
    // Whatever other tests changed since, the history closes on the creation date.
    const lastItem = claire.getByTestId('organisation-timeline').locator('ol > li').last()
    await expect(lastItem).toHaveAttribute('data-testid', 'timeline-creation')
    await expect(lastItem).toContainText('Organisation créée')
    await claire.context().close()
  })
})
