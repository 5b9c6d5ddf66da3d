import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

// Several sign-ins (argon2) and two browsers per test on a small shared machine: allow for it.
test.describe.configure({ timeout: 180_000 })

let sequence = 0
/** A name no other test (or earlier run against the same server) uses. */
function uniqueName(prefix: string): string {
  sequence += 1
  return `${prefix} ${Date.now().toString(36)}${sequence}`
}

interface CreatedOrganisation {
  id: string
  name: string
}

/** Calls a tRPC procedure with the page's session cookie, as the app does. */
async function callApi(page: Page, procedure: string, input: unknown, method: 'POST' | 'GET' = 'POST') {
  const url = `/trpc/${procedure}`
  const response =
    method === 'POST'
      ? await page.request.post(url, { data: { json: input } })
      : await page.request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
  return { status: response.status(), body: await response.json() }
}

async function createOrganisation(page: Page, input: { name: string; type?: string; category?: string; ownerId?: string }) {
  const { status, body } = await callApi(page, 'organisations.create', { type: 'INVESTOR', ...input })
  expect(status, JSON.stringify(body)).toBe(200)
  return { id: body.result.data.json.id as string, name: input.name } satisfies CreatedOrganisation
}

async function readOrganisation(page: Page, id: string) {
  const { status, body } = await callApi(page, 'organisations.byId', { id }, 'GET')
  expect(status).toBe(200)
  return body.result.data.json as { category: string | null; version: number }
}

async function updateCategory(page: Page, id: string, category: string) {
  const { version } = await readOrganisation(page, id)
  const { status } = await callApi(page, 'organisations.update', { id, version, data: { category } })
  expect(status).toBe(200)
}

async function signedInPage(browser: Browser, email: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ colorScheme })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

const createDialog = (page: Page) => page.getByRole('dialog', { name: 'Nouvelle organisation' })
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Rechercher une organisation' })
const editForm = (page: Page) => page.getByTestId('organisation-edit-form')

async function openOrganisation(page: Page, organisation: CreatedOrganisation) {
  await page.goto(`/organisations/${organisation.id}`)
  await expect(page.getByRole('heading', { level: 1, name: organisation.name })).toBeVisible()
}

test.describe('organisations', () => {
  test('a sales rep creates an organisation, fixing what the form flags, then finds, opens and edits it', async ({
    page,
  }) => {
    const name = uniqueName('Caisse E2E')
    await signIn(page, 'sales.paris@demo.test')
    await page.getByTestId('nav-organisations').click()
    await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible()
    await expect(page.getByTestId('organisation-count')).toContainText(/\d+/)

    await page.getByRole('button', { name: 'Nouvelle organisation' }).click()
    const dialog = createDialog(page)
    await expect(dialog).toBeVisible()
    await expect(dialog.getByLabel('Nom', { exact: true })).toBeFocused()

    // Nothing is sent while the shared schema finds mistakes; each field says what is wrong.
    let createCalls = 0
    page.on('request', (request) => {
      if (request.url().includes('organisations.create')) createCalls += 1
    })
    await dialog.getByLabel('E-mail', { exact: true }).fill('pas-un-email')
    await dialog.getByLabel('Montant potentiel (€)').fill('12,5')
    await dialog.getByRole('button', { name: "Créer l'organisation" }).click()
    await expect(dialog.getByLabel('Nom', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog.getByLabel('Nom', { exact: true })).toBeFocused()
    await expect(dialog.getByText('Ce champ est obligatoire')).toHaveCount(2)
    await expect(dialog.getByLabel('E-mail', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog.getByText('adresse e-mail invalide', { exact: false })).toBeVisible()
    await expect(dialog.getByText('Saisissez un montant entier en euros', { exact: false })).toBeVisible()
    expect(createCalls).toBe(0)

    await dialog.getByLabel('Nom', { exact: true }).fill(name)
    await dialog.getByLabel('Type', { exact: true }).selectOption({ label: 'Investisseur' })
    await dialog.getByLabel('E-mail', { exact: true }).fill('Contact@Caisse-E2E.test')
    await dialog.getByLabel('Montant potentiel (€)').fill('2 500 000')
    await dialog.getByLabel('Étiquettes').fill('ISR, Prioritaire')
    await dialog.getByRole('button', { name: "Créer l'organisation" }).click()

    await expect(dialog).toBeHidden()
    await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(page.getByTestId('field-email')).toHaveText('contact@caisse-e2e.test')
    await expect(page.getByTestId('field-potentialAmount')).toHaveText(/2\s500\s000\s€/)
    await expect(page.getByTestId('organisation-owner')).toHaveText('Sophie Bernard')

    await page.getByRole('link', { name: 'Organisations' }).first().click()
    await searchBox(page).fill(name)
    await expect(page).toHaveURL(/[?&]q=/)
    const table = page.getByTestId('organisation-table')
    await expect(table.getByRole('link')).toHaveCount(1)
    await expect(page.getByTestId('organisation-count')).toHaveText('1 organisation')
    await table.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

    await page.getByRole('button', { name: 'Modifier' }).click()
    const form = editForm(page)
    await form.getByLabel('Catégorie').fill('Mutuelle')
    await form.getByLabel('Étape du pipeline').selectOption({ label: 'Qualifié' })
    await form.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(page.getByTestId('organisation-saved')).toHaveText('Modifications enregistrées.')
    await expect(page.getByTestId('field-category')).toHaveText('Mutuelle')
    await expect(page.getByTestId('stage-badge')).toHaveText('Qualifié')

    await page.reload()
    await expect(page.getByTestId('field-category')).toHaveText('Mutuelle')
    await expect(page.getByTestId('field-stage')).toHaveText('Qualifié')
  })

  test('filters, sort and search live in the address bar and survive a reload', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/organisations')
    await page.getByTestId('filter-type').getByRole('button').click()
    await page.getByTestId('filter-type').getByRole('checkbox', { name: 'Fournisseur', exact: true }).check()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Potentiel' }).click()
    await expect(page).toHaveURL(/type=.*SUPPLIER/)
    await expect(page).toHaveURL(/sort=potentialAmount/)

    await page.reload()
    const rows = page.getByTestId('organisation-table').locator('tbody tr')
    await expect(rows.first()).toBeVisible()
    await expect(page.getByTestId('type-badge').filter({ hasNotText: 'Fournisseur' })).toHaveCount(0)
    await expect(page.getByRole('columnheader', { name: 'Potentiel' })).toHaveAttribute('aria-sort', 'descending')
    // `25 affichées sur 1 203`: the total's digits, French thousands separators left out.
    const total = Number((await page.getByTestId('organisation-count').textContent())?.match(/\d[\d\s]*\+?$/)?.[0].replace(/\D/g, '') ?? 0)
    if (total > 25) {
      await page.getByRole('button', { name: 'Charger plus' }).click()
      await expect(rows).toHaveCount(Math.min(total, 50))
    }

    await searchBox(page).fill('zzz-aucune-organisation-zzz')
    await expect(page.getByText('Aucune organisation ne correspond')).toBeVisible()
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click()
    await expect(page).not.toHaveURL(/[?&](q|type)=/)
    await expect(page).toHaveURL(/sort=potentialAmount/)
    await expect(rows.first()).toBeVisible()
  })

  test('sorting by owner reads by owner name, those without an owner last either way, and survives a reload', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    const term = uniqueName('Tri responsable')
    const users = await callApi(page, 'users.list', { q: 'manager.paris@demo.test' }, 'GET')
    const managerId = users.body.result.data.json.items[0].id as string
    // Created by Sophie Bernard, who owns what she creates unless told otherwise.
    await createOrganisation(page, { name: `${term} Sophie` })
    await createOrganisation(page, { name: `${term} Marc`, ownerId: managerId })
    const unowned = await createOrganisation(page, { name: `${term} personne` })
    expect((await callApi(page, 'organisations.update', { id: unowned.id, version: 1, data: { ownerId: null } })).status).toBe(200)

    await page.goto('/organisations')
    await searchBox(page).fill(term)
    const table = page.getByTestId('organisation-table')
    const names = table.locator('tbody tr').getByRole('link')
    await expect(names).toHaveCount(3)
    const ownerHeader = page.getByRole('columnheader', { name: 'Responsable' })
    await ownerHeader.getByRole('button').click()
    await expect(page).toHaveURL(/sort=owner/)
    await expect(ownerHeader).toHaveAttribute('aria-sort', 'ascending')
    await expect(names).toHaveText([`${term} Marc`, `${term} Sophie`, `${term} personne`])

    await ownerHeader.getByRole('button').click()
    await expect(page).toHaveURL(/dir=desc/)
    await expect(ownerHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(names).toHaveText([`${term} Sophie`, `${term} Marc`, `${term} personne`])

    await page.reload()
    await expect(ownerHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(names).toHaveText([`${term} Sophie`, `${term} Marc`, `${term} personne`])
  })

  test('a save over someone else’s shows both values and stores the one chosen', async ({ browser }) => {
    const sales = await signedInPage(browser, 'sales.paris@demo.test')
    const manager = await signedInPage(browser, 'manager.paris@demo.test')
    const organisation = await createOrganisation(sales, { name: uniqueName('Conflit E2E'), category: 'Origine' })

    await openOrganisation(sales, organisation)
    await openOrganisation(manager, organisation)
    await sales.getByRole('button', { name: 'Modifier' }).click()
    await manager.getByRole('button', { name: 'Modifier' }).click()

    await editForm(sales).getByLabel('Catégorie').fill('Mutuelle (Sophie)')
    await editForm(sales).getByRole('button', { name: 'Enregistrer' }).click()
    await expect(sales.getByTestId('field-category')).toHaveText('Mutuelle (Sophie)')

    await editForm(manager).getByLabel('Catégorie').fill('Assureur (Marc)')
    await editForm(manager).getByLabel('Ville').fill('Paris')
    await editForm(manager).getByRole('button', { name: 'Enregistrer' }).click()

    const conflict = manager.getByRole('alertdialog', { name: "Modifiée entre-temps par quelqu'un d'autre" })
    await expect(conflict).toBeVisible()
    await expect(conflict.getByTestId('conflict-category-mine-value')).toHaveText('Assureur (Marc)')
    await expect(conflict.getByTestId('conflict-category-theirs-value')).toHaveText('Mutuelle (Sophie)')
    await expect(conflict.getByTestId('conflict-category')).toContainText('Modifié aussi')
    // The city was changed by this user only: it is listed, unchanged on the other side.
    await expect(conflict.getByTestId('conflict-city-theirs-value')).toHaveText('(vide)')

    await conflict.getByTestId('conflict-category-theirs').click()
    await conflict.getByRole('button', { name: 'Enregistrer ce choix' }).click()
    await expect(conflict).toBeHidden()
    await expect(manager.getByTestId('organisation-saved')).toHaveText('Modifications enregistrées.')
    await expect(manager.getByTestId('field-category')).toHaveText('Mutuelle (Sophie)')
    await expect(manager.getByTestId('field-address')).toContainText('Paris')

    expect((await readOrganisation(sales, organisation.id)).category).toBe('Mutuelle (Sophie)')
    await sales.reload()
    await expect(sales.getByTestId('field-address')).toContainText('Paris')

    // And the other way round: keeping one's own value re-submits it over the newer version.
    await sales.getByRole('button', { name: 'Modifier' }).click()
    await editForm(sales).getByLabel('Catégorie').fill('Family office (Sophie)')
    await updateCategory(manager, organisation.id, 'Fondation (Marc)')
    await editForm(sales).getByRole('button', { name: 'Enregistrer' }).click()
    const secondConflict = sales.getByRole('alertdialog')
    await expect(secondConflict.getByTestId('conflict-category-theirs-value')).toHaveText('Fondation (Marc)')
    await secondConflict.getByTestId('conflict-category-mine').click()
    await secondConflict.getByRole('button', { name: 'Enregistrer ce choix' }).click()
    await expect(sales.getByTestId('field-category')).toHaveText('Family office (Sophie)')
    expect((await readOrganisation(manager, organisation.id)).category).toBe('Family office (Sophie)')

    await sales.context().close()
    await manager.context().close()
  })

  test('a viewer sees no create, edit or delete action, and the server refuses them anyway', async ({ page }) => {
    await signIn(page, 'viewer.paris@demo.test')
    await page.goto('/organisations')
    await expect(page.getByTestId('organisation-table').locator('tbody tr').first()).toBeVisible()
    await expect(page.getByRole('button', { name: 'Nouvelle organisation' })).toHaveCount(0)

    await page.getByTestId('organisation-table').locator('tbody tr').first().getByRole('link').click()
    await expect(page.getByTestId('organisation-detail')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Supprimer' })).toHaveCount(0)

    const { status } = await callApi(page, 'organisations.create', { name: 'Interdit', type: 'OTHER' })
    expect(status).toBe(403)
  })

  test('a sales rep may edit but not delete, and the server refuses the deletion', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    const organisation = await createOrganisation(page, { name: uniqueName('Sans suppression E2E') })
    await openOrganisation(page, organisation)
    await expect(page.getByRole('button', { name: 'Modifier' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Supprimer' })).toHaveCount(0)

    const { status } = await callApi(page, 'organisations.delete', { id: organisation.id })
    expect(status).toBe(403)
  })

  test('a manager deletes an organisation after confirming, and it is gone', async ({ page }) => {
    await signIn(page, 'manager.paris@demo.test')
    const organisation = await createOrganisation(page, { name: uniqueName('À supprimer E2E') })
    await openOrganisation(page, organisation)

    await page.getByRole('button', { name: 'Supprimer' }).click()
    const confirm = page.getByRole('alertdialog', { name: "Supprimer l'organisation ?" })
    await expect(confirm).toContainText(organisation.name)
    // Escape backs out without deleting.
    await page.keyboard.press('Escape')
    await expect(confirm).toBeHidden()
    await page.getByRole('button', { name: 'Supprimer' }).click()
    await confirm.getByRole('button', { name: 'Supprimer définitivement' }).click()

    await expect(page).toHaveURL(/\/organisations$/)
    await searchBox(page).fill(organisation.name)
    await expect(page.getByText('Aucune organisation ne correspond')).toBeVisible()

    await page.goto(`/organisations/${organisation.id}`)
    await expect(page.getByTestId('organisation-not-found')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Organisation introuvable' })).toBeVisible()
  })

  test('an organisation of another team answers as not found', async ({ page, browser }) => {
    const lyon = await signedInPage(browser, 'sales.lyon@demo.test')
    const organisation = await createOrganisation(lyon, { name: uniqueName('Lyon seulement E2E') })
    await lyon.context().close()

    await signIn(page, 'sales.paris@demo.test')
    await page.goto(`/organisations/${organisation.id}`)
    await expect(page.getByTestId('organisation-not-found')).toBeVisible()
    await page.goto('/organisations/not-a-uuid')
    await expect(page.getByTestId('organisation-not-found')).toBeVisible()
  })
})

test.describe('organisation screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`list, detail, edit and conflict in the ${scheme} theme`, async ({ browser }) => {
        const page = await signedInPage(browser, 'sales.paris@demo.test', scheme)
      const shot = (name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`), animations: 'disabled' })

      // Sorted by amount: the demo book of business rather than what other tests just created.
      await page.goto('/organisations?sort=potentialAmount')
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await expect(page.getByTestId('organisation-table').locator('tbody tr').first()).toBeVisible()
      await shot('organisations-list')

      // A supplier carries mandates and products: the fullest detail page of the demo data.
      await page.goto('/organisations?type=%5B%22SUPPLIER%22%5D&sort=potentialAmount')
      await page.getByTestId('organisation-table').locator('tbody tr').first().getByRole('link').click()
      await expect(page.getByTestId('organisation-detail')).toBeVisible()
      await shot('organisation-detail')

      const organisation = await createOrganisation(page, {
        name: uniqueName('Mutuelle des Notaires'),
        category: 'Mutuelle',
      })
      await openOrganisation(page, organisation)
      await page.getByRole('button', { name: 'Modifier' }).click()
      await editForm(page).getByLabel('Catégorie').fill('Institution de prévoyance')
      await editForm(page).getByLabel('E-mail', { exact: true }).fill('pas-un-email')
      await editForm(page).getByRole('button', { name: 'Enregistrer' }).click()
      await expect(editForm(page).getByLabel('E-mail', { exact: true })).toHaveAttribute('aria-invalid', 'true')
      await shot('organisation-edit')

      await editForm(page).getByLabel('E-mail', { exact: true }).fill('contact@notaires.test')
      await updateCategory(page, organisation.id, 'Caisse de retraite')
      await editForm(page).getByRole('button', { name: 'Enregistrer' }).click()
      await expect(page.getByRole('alertdialog')).toBeVisible()
      await shot('organisation-conflict')

      await page.context().close()
    })
  }
})
