import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

// Two people (browser contexts, argon2 sign-ins) per test on a small shared machine.
test.describe.configure({ timeout: 180_000 })
const LIVE = { timeout: 10_000 }

// Two sales reps of the Paris team.
const CAMILLE = 'camille.fournier@demo.test'
const JULIEN = 'julien.mercier@demo.test'

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
    // Camille on the first node, Julien on the second: everything below crosses Redis.
    const camille = await signedInPage(browser, CAMILLE)
    const julien = await signedInPage(browser, JULIEN, 'light', SECOND_NODE)
    if (SECOND_NODE) expect(new URL(julien.url()).port).not.toBe(new URL(camille.url()).port)
    const name = uniqueName('Ensemble E2E')
    const id = await createOrganisation(camille, { name, category: 'Origine' })
    await openOrganisation(camille, id, name)
    await openOrganisation(julien, id, name)

    // Presence: one avatar each, with the other's name; nobody sees themselves.
    await expect(avatars(camille)).toHaveCount(1, LIVE)
    await expect(avatars(camille)).toContainText('Julien Mercier')
    await expect(avatars(julien)).toHaveCount(1, LIVE)
    await expect(avatars(julien)).toContainText('Camille Fournier')

    // Julien starts editing: Camille sees which field, in the bar and on the field itself.
    await julien.getByRole('button', { name: 'Modifier' }).click()
    await editForm(julien).getByLabel('Nom', { exact: true }).focus()
    await expect(camille.getByTestId('presence-summary')).toHaveText('Julien modifie : Nom', LIVE)
    await editForm(julien).getByLabel('Téléphone').fill('01 23 45 67 89')
    await expect(camille.getByTestId('presence-summary')).toHaveText('Julien modifie : Téléphone', LIVE)

    await camille.getByRole('button', { name: 'Modifier' }).click()
    await editForm(camille).getByLabel('Ville').focus()
    await expect(slot(julien, 'city').getByTestId('field-presence')).toHaveText('Camille', LIVE)
    await camille.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-editing-light.png'), animations: 'disabled' })

    // Camille saves the city: it appears in Julien's form, highlighted with her name, and his
    // unsaved phone number is still there.
    await editForm(camille).getByLabel('Ville').fill('Lyon')
    await editForm(camille).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(camille.getByTestId('field-address')).toContainText('Lyon')
    await expect(editForm(julien).getByLabel('Ville')).toHaveValue('Lyon', LIVE)
    await expect(slot(julien, 'city').getByTestId('field-highlight')).toHaveText('Modifié par Camille Fournier')
    await expect(editForm(julien).getByLabel('Téléphone')).toHaveValue('01 23 45 67 89')
    await slot(julien, 'city').scrollIntoViewIfNeeded()
    await julien.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-live-field-light.png'), animations: 'disabled' })

    // Julien saves his phone: the two edits merge, and Camille (reading) sees it highlighted.
    await editForm(julien).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(julien.getByTestId('organisation-saved')).toBeVisible()
    await expect(julien.getByTestId('field-address')).toContainText('Lyon')
    await expect(camille.getByTestId('field-phone')).toHaveText('01 23 45 67 89', LIVE)
    const highlighted = camille.locator('[data-highlighted="true"]', { has: camille.getByTestId('field-phone') })
    await expect(highlighted.getByTestId('field-highlight')).toHaveText('Modifié par Julien Mercier')

    // The timeline says who changed what from what to what, live on both sides.
    const latest = camille.getByTestId('timeline-entry').first()
    await expect(latest).toContainText('Julien Mercier a modifié', LIVE)
    await expect(latest.locator('[data-testid="timeline-change"][data-field="phone"]')).toContainText('Téléphone')
    await expect(latest.locator('[data-testid="timeline-change"][data-field="phone"]')).toContainText('01 23 45 67 89')
    const cityChange = julien.locator('[data-testid="timeline-change"][data-field="city"]').first()
    await expect(cityChange).toContainText('vide')
    await expect(cityChange).toContainText('Lyon')
    await expect(julien.getByTestId('timeline-entry').last()).toContainText('a créé l’organisation')
    await camille.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-timeline-light.png'), animations: 'disabled' })

    await camille.context().close()
    await julien.context().close()
  })

  test('a same-field save is flagged while typing, then settled by a choice between both values', async ({ browser }) => {
    const camille = await signedInPage(browser, CAMILLE)
    const julien = await signedInPage(browser, JULIEN, 'dark')
    const name = uniqueName('Conflit ensemble E2E')
    const id = await createOrganisation(camille, { name, category: 'Origine' })
    await openOrganisation(camille, id, name)
    await openOrganisation(julien, id, name)

    await julien.getByRole('button', { name: 'Modifier' }).click()
    await editForm(julien).getByLabel('Catégorie').fill('Mutuelle (Julien)')
    await camille.getByRole('button', { name: 'Modifier' }).click()
    await editForm(camille).getByLabel('Catégorie').fill('Assureur (Camille)')
    await editForm(camille).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(camille.getByTestId('field-category')).toHaveText('Assureur (Camille)')

    // Julien's typing is kept, and he is told before he saves.
    await expect(slot(julien, 'category').getByTestId('field-clash')).toContainText('Camille Fournier vient d’enregistrer « Assureur (Camille) »', LIVE)
    await expect(editForm(julien).getByLabel('Catégorie')).toHaveValue('Mutuelle (Julien)')
    await julien.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-clash-dark.png'), animations: 'disabled' })

    await editForm(julien).getByRole('button', { name: 'Enregistrer' }).click()
    const conflict = julien.getByRole('alertdialog')
    await expect(conflict.getByTestId('conflict-category-mine-value')).toHaveText('Mutuelle (Julien)')
    await expect(conflict.getByTestId('conflict-category-theirs-value')).toHaveText('Assureur (Camille)')
    await julien.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-conflict-dark.png'), animations: 'disabled' })
    await conflict.getByTestId('conflict-category-mine').click()
    await conflict.getByRole('button', { name: 'Enregistrer ce choix' }).click()
    await expect(julien.getByTestId('field-category')).toHaveText('Mutuelle (Julien)')
    // Camille, reading, gets Julien's choice in place.
    await expect(camille.getByTestId('field-category')).toHaveText('Mutuelle (Julien)', LIVE)

    await camille.context().close()
    await julien.context().close()
  })

  test('someone away shows as idle, and is gone within 10 seconds of closing the tab', async ({ browser }) => {
    const camille = await signedInPage(browser, CAMILLE, 'dark')
    const julien = await signedInPage(browser, JULIEN, 'dark')
    const name = uniqueName('Présence E2E')
    const id = await createOrganisation(camille, { name })
    await openOrganisation(camille, id, name)
    await openOrganisation(julien, id, name)
    const julienAvatar = avatars(camille).first()
    await expect(julienAvatar).toHaveAttribute('data-status', 'active', LIVE)

    // Julien switches to another tab (a minute without activity has the same effect: unit-tested).
    await julien.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await expect(julienAvatar).toHaveAttribute('data-status', 'idle', LIVE)
    await expect(julienAvatar).toContainText('inactif')
    await camille.screenshot({ path: path.join(SCREENSHOTS, 'collaboration-presence-dark.png'), animations: 'disabled' })
    await julien.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await expect(julienAvatar).toHaveAttribute('data-status', 'active', LIVE)

    await julien.context().close()
    await expect(avatars(camille)).toHaveCount(0, { timeout: 10_000 })
    await camille.context().close()
  })
})
