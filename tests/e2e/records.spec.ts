import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Locator, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { isinCheckDigit } from '../../src/shared/isin.ts'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

// Each test walks through several screens and dialogs: more than the default budget on a busy machine.
test.describe.configure({ timeout: 180_000 })

/** Distinguishes the records of this run (and of a retry) from the demo data and from each other. */
function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
}

/** A valid French ISIN no demo product uses (they are random), and the same code with a wrong check digit. */
function isinPair(): { valid: string; wrongCheckDigit: string } {
  const body = `FR99${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
  const digit = isinCheckDigit(body)
  return { valid: `${body}${digit}`, wrongCheckDigit: `${body}${(digit + 1) % 10}` }
}

/** Opens a search picker, types the query and picks the first option; returns the name picked. */
async function pickFirstOption(page: Page, combobox: Locator, query = ''): Promise<string> {
  await combobox.click()
  if (query) await combobox.fill(query)
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`)
  const option = list.getByRole('option').first()
  // The previous results stay listed until the new ones arrive: wait for those of the query.
  await expect(option).toContainText(query)
  const optionText = (await option.textContent()) ?? ''
  await option.click()
  // Closed, the box shows the choice's name: the first line of the option.
  await expect(combobox).toHaveAttribute('aria-expanded', 'false')
  const name = await combobox.inputValue()
  expect(name).not.toBe('')
  expect(optionText.startsWith(name)).toBe(true)
  return name
}

async function createProduct(page: Page, name: string, isin: string): Promise<void> {
  await page.goto('/products')
  await page.getByRole('button', { name: 'Nouveau produit' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nouveau produit' })
  await dialog.getByLabel('Nom', { exact: true }).fill(name)
  await dialog.getByLabel('Code ISIN').fill(isin)
  await dialog.getByRole('button', { name: 'Créer le produit' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

// First, while the demo data is as seeded: the other tests add records of their own.
test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`records screens in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, 'sales.paris@demo.test')
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      const shoot = async (name: string, fullPage = false) => {
        // The pointer would leave a hover state wherever the last click happened.
        await page.mouse.move(0, 0)
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`), animations: 'disabled', fullPage })
      }

      await page.goto('/people')
      await expect(page.getByTestId('people-table')).toBeVisible()
      await shoot('people-list')

      await page.goto('/mandates')
      await expect(page.getByTestId('mandates-table')).toBeVisible()
      await shoot('mandates-list')
      // A demo mandate (references MDT-…) that covers products.
      await page.getByRole('searchbox', { name: 'Rechercher par référence ou organisation' }).fill('MDT-')
      await expect(page).toHaveURL(/q=MDT-/)
      await expect(page.getByTestId('mandates-table').getByRole('row').nth(1)).toContainText('MDT-')
      // A salesperson's list starts with the bulk actions' tick boxes: the products are the 6th column.
      const coveringProducts = page.locator('td:nth-child(6)', { hasNotText: /^0$/ })
      await page.getByTestId('mandates-table').getByRole('row').filter({ has: coveringProducts }).first().getByRole('link').click()
      await expect(page.getByTestId('mandate-products').getByRole('listitem').first()).toBeVisible()
      await shoot('mandate-detail', true)

      await page.goto('/products')
      await expect(page.getByTestId('products-table')).toBeVisible()
      await shoot('products-list')

      await page.goto('/tasks')
      await expect(page.getByTestId('task-list')).toBeVisible()
      await shoot('tasks')

      // Someone the team has tasks about, so the page shows links, tasks and interactions.
      await page.goto('/tasks?view=team')
      await page.locator('[data-testid="task-row"] a[href^="/people/"]').first().click()
      await expect(page.getByTestId('person-tasks').getByRole('listitem').first()).toBeVisible()
      await shoot('person-detail', true)
    })
  }
})

test.describe('people', () => {
  test('a sales member creates a person linked to an organisation and sees the link on the person page', async ({
    page,
  }) => {
    const lastName = `Essai ${uniqueSuffix()}`
    await signIn(page, 'sales.paris@demo.test')
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnes' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Personnes' })).toBeVisible()
    await expect(page.getByTestId('people-table')).toBeVisible()
    // The total as French writes it: `1 203` (narrow no-break space), `10 000+` past the count's cap.
    await expect(page.getByText(/^\d+ personnes? sur \d[\d\s]*\+?$/)).toBeVisible()

    await page.getByRole('button', { name: 'Nouvelle personne' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouvelle personne' })
    await dialog.getByRole('button', { name: 'Créer la personne' }).click()
    await expect(dialog.getByText('Ce champ est obligatoire')).toHaveCount(2)
    await expect(dialog.getByLabel('Prénom')).toBeFocused()

    await dialog.getByLabel('Prénom').fill('Camille')
    await dialog.getByLabel('Nom', { exact: true }).fill(lastName)
    await dialog.getByLabel('Fonction', { exact: true }).fill('Directrice des investissements')
    await dialog.getByLabel('Téléphone').fill('not a phone')
    await dialog.getByRole('button', { name: 'Créer la personne' }).click()
    await expect(dialog.getByText('Numéro de téléphone invalide', { exact: false })).toBeVisible()
    await dialog.getByLabel('Téléphone').fill('+33 1 23 45 67 89')

    const organisation = await pickFirstOption(page, dialog.getByRole('combobox', { name: 'Organisation' }))
    await dialog.getByLabel('Rôle').fill('Décisionnaire')
    await dialog.getByRole('button', { name: 'Créer la personne' }).click()

    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1, name: `Camille ${lastName}` })).toBeVisible()
    await expect(page.getByTestId('person-headline')).toHaveText(`Directrice des investissements · ${organisation}`)
    const links = page.getByTestId('person-links')
    await expect(links.getByRole('link', { name: organisation })).toBeVisible()
    await expect(links.getByText('Décisionnaire')).toBeVisible()

    // A second organisation, linked from the person page, then unlinked.
    await links.getByRole('button', { name: 'Lier à une organisation' }).click()
    const linkDialog = page.getByRole('dialog', { name: 'Lier à une organisation' })
    // Keyboard only: the arrow opens the list, Escape closes it (and not the dialog), Enter picks.
    const linkPicker = linkDialog.getByRole('combobox', { name: 'Organisation' })
    await expect(linkPicker).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(linkPicker).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('Escape')
    await expect(linkPicker).toHaveAttribute('aria-expanded', 'false')
    await expect(linkDialog).toBeVisible()
    await page.keyboard.press('ArrowDown')
    await expect(page.locator(`[id="${await linkPicker.getAttribute('aria-controls')}"]`).getByRole('option').first()).toBeVisible()
    await page.keyboard.press('Enter')
    const second = await linkPicker.inputValue()
    expect(second).not.toBe('')
    expect(second).not.toBe(organisation)
    await linkDialog.getByLabel('Rôle').fill('Conseil')
    await linkDialog.getByRole('button', { name: 'Lier', exact: true }).click()
    await expect(linkDialog).toBeHidden()
    await expect(links.getByRole('heading', { name: 'Organisations (2)' })).toBeVisible()

    await links.getByRole('button', { name: `Délier de ${second}` }).click()
    await page.getByRole('alertdialog', { name: 'Délier cette organisation ?' }).getByRole('button', { name: 'Délier' }).click()
    await expect(links.getByRole('heading', { name: 'Organisation (1)' })).toBeVisible()
    await expect(links.getByRole('link', { name: second })).toHaveCount(0)

    // The new person is found by the list's search, with their organisation.
    await page.getByRole('link', { name: 'Toutes les personnes' }).click()
    await page.getByRole('searchbox', { name: 'Rechercher par nom ou e-mail' }).fill(lastName)
    const row = page.getByTestId('people-table').getByRole('row', { name: new RegExp(lastName) })
    await expect(row).toBeVisible()
    await expect(row.getByRole('link', { name: organisation })).toBeVisible()
    await expect(page.getByText('1 personne sur 1')).toBeVisible()
  })
})

test.describe('products and mandates', () => {
  test('a product needs a well-formed ISIN with the right check digit', async ({ page }) => {
    const name = `Fonds Essai ${uniqueSuffix()}`
    const isin = isinPair()
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/products')
    await expect(page.getByTestId('products-table')).toBeVisible()

    await page.getByRole('button', { name: 'Nouveau produit' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouveau produit' })
    const isinField = dialog.getByLabel('Code ISIN')
    await dialog.getByLabel('Nom', { exact: true }).fill(name)

    await isinField.fill('FR12345')
    await dialog.getByRole('button', { name: 'Créer le produit' }).click()
    await expect(dialog.getByText('Un code ISIN compte 12 caractères', { exact: false })).toBeVisible()
    await expect(isinField).toHaveAttribute('aria-invalid', 'true')

    await isinField.fill(isin.wrongCheckDigit)
    await dialog.getByRole('button', { name: 'Créer le produit' }).click()
    await expect(dialog.getByText('Code ISIN invalide : le chiffre de contrôle ne correspond pas', { exact: false })).toBeVisible()
    await expect(isinField).toBeFocused()

    await isinField.fill(isin.valid.toLowerCase())
    await dialog.getByRole('button', { name: 'Créer le produit' }).click()
    await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(page.getByTestId('product-isin')).toHaveText(isin.valid)

    // The same ISIN cannot be used twice in the team.
    await page.goto('/products')
    await page.getByRole('button', { name: 'Nouveau produit' }).click()
    await dialog.getByLabel('Nom', { exact: true }).fill(`${name} bis`)
    await isinField.fill(isin.valid)
    await dialog.getByRole('button', { name: 'Créer le produit' }).click()
    await expect(dialog.getByText(`Ce code ISIN est déjà utilisé par « ${name} ».`)).toBeVisible()
  })

  test('an edit of a field someone else has changed meanwhile is refused, and the current values are reloaded', async ({
    page,
    context,
  }) => {
    const name = `Fonds Conflit ${uniqueSuffix()}`
    await signIn(page, 'sales.paris@demo.test')
    await createProduct(page, name, isinPair().valid)
    await page.getByRole('button', { name: 'Modifier' }).click()
    const staleDialog = page.getByRole('dialog', { name: 'Modifier le produit' })
    await expect(staleDialog.getByLabel('Nom', { exact: true })).toHaveValue(name)

    // Meanwhile, in another tab, the same product is renamed.
    const otherTab = await context.newPage()
    await otherTab.goto(page.url())
    await otherTab.getByRole('button', { name: 'Modifier' }).click()
    await otherTab.getByRole('dialog').getByLabel('Nom', { exact: true }).fill(`${name} (renommé)`)
    await otherTab.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click()
    await expect(otherTab.getByRole('heading', { level: 1, name: `${name} (renommé)` })).toBeVisible()
    await otherTab.close()

    // The stale dialog changes the same field (a different one would merge, see issue 18).
    await staleDialog.getByLabel('Nom', { exact: true }).fill(`${name} (le mien)`)
    await staleDialog.getByLabel('Devise').fill('usd')
    await staleDialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(staleDialog.getByRole('alert')).toContainText('Ce produit a été modifié par quelqu’un d’autre entre-temps')
    await expect(staleDialog.getByLabel('Nom', { exact: true })).toHaveValue(`${name} (renommé)`)
    await expect(staleDialog.getByLabel('Devise')).toHaveValue('')

    await staleDialog.getByLabel('Devise').fill('usd')
    await staleDialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(staleDialog).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: `${name} (renommé)` })).toBeVisible()
    await expect(page.getByText('USD', { exact: true })).toBeVisible()
  })

  test('a sales member creates a mandate with a supplier, adds a product and signs it', async ({ page }) => {
    const suffix = uniqueSuffix()
    const productName = `Fonds Mandat ${suffix}`
    const reference = `E2E-${suffix}`
    await signIn(page, 'sales.paris@demo.test')
    await createProduct(page, productName, isinPair().valid)

    await page.goto('/mandates')
    await expect(page.getByTestId('mandates-table')).toBeVisible()
    await page.getByRole('button', { name: 'Nouveau mandat' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouveau mandat' })
    await dialog.getByRole('button', { name: 'Créer le mandat' }).click()
    await expect(dialog.getByText('Ce champ est obligatoire')).toBeVisible()

    const supplier = await pickFirstOption(page, dialog.getByRole('combobox', { name: 'Fournisseur' }))
    await dialog.getByLabel('Référence').fill(reference)
    await dialog.getByLabel('Statut').selectOption({ label: 'En négociation' })
    await dialog.getByLabel('Date de début').fill('2026-03-01')
    await dialog.getByLabel('Date de fin').fill('2025-12-31')
    await dialog.getByRole('button', { name: 'Créer le mandat' }).click()
    await expect(dialog.getByText('La date de fin ne peut pas précéder la date de début.')).toBeVisible()
    await dialog.getByLabel('Date de fin').fill('2029-02-28')
    await dialog.getByRole('button', { name: 'Créer le mandat' }).click()

    await expect(page).toHaveURL(/\/mandates\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1, name: supplier })).toBeVisible()
    await expect(page.getByTestId('mandate-status-badge')).toHaveText('En négociation')
    const products = page.getByTestId('mandate-products')
    await expect(products.getByText('Aucun produit n’est encore couvert par ce mandat.')).toBeVisible()

    await pickFirstOption(page, products.getByRole('combobox', { name: 'Ajouter un produit' }), productName)
    await products.getByRole('button', { name: 'Ajouter', exact: true }).click()
    await expect(products.getByRole('link', { name: productName })).toBeVisible()
    await expect(products.getByRole('heading', { name: 'Produit couvert (1)' })).toBeVisible()

    await expect(page.getByTestId('mandate-status').getByText('Pas encore signé')).toBeVisible()
    await page.getByLabel('Statut du mandat').selectOption({ label: 'Signé' })
    await expect(page.getByTestId('mandate-signed-at')).toContainText('Signé le')
    await expect(page.getByTestId('mandate-status-badge')).toHaveText('Signé')

    // The list shows it with its product count; the product page lists the mandate.
    await page.getByRole('link', { name: 'Tous les mandats' }).click()
    await page.getByRole('searchbox', { name: 'Rechercher par référence ou organisation' }).fill(reference)
    const row = page.getByTestId('mandates-table').getByRole('row', { name: new RegExp(reference) })
    await expect(row).toBeVisible()
    // After the bulk actions' tick box, organisation, reference, type and status: the products count.
    await expect(row.getByRole('cell').nth(5)).toHaveText('1')
    await page.goto('/products')
    await page.getByRole('searchbox', { name: 'Rechercher par nom ou ISIN' }).fill(productName)
    await expect(page.getByText('1 produit sur 1')).toBeVisible()
    await page.getByRole('link', { name: productName }).click()
    await expect(page.getByTestId('product-mandates').getByRole('link', { name: supplier })).toBeVisible()
  })
})

test.describe('tasks', () => {
  test('my tasks: create one, complete it in one click, then look at the overdue tab', async ({ page }) => {
    const title = `Relance essai ${uniqueSuffix()}`
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString().slice(0, 10)
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/tasks')
    await expect(page.getByRole('tab', { name: 'Mes tâches' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId('task-list')).toBeVisible()

    await page.getByRole('button', { name: 'Nouvelle tâche' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouvelle tâche' })
    await dialog.getByLabel('Titre').fill(title)
    await dialog.getByLabel('Échéance').fill(`${twoDaysAgo}T09:30`)
    await dialog.getByLabel('Priorité').selectOption({ label: 'Haute' })
    await expect(dialog.getByLabel('Assignée à')).toHaveValue(/[0-9a-f-]{36}/)
    await dialog.getByRole('button', { name: 'Créer la tâche' }).click()
    await expect(dialog).toBeHidden()

    await page.getByRole('searchbox', { name: 'Rechercher une tâche' }).fill(title)
    const row = page.getByTestId('task-row').filter({ hasText: title })
    await expect(row).toHaveCount(1)
    await expect(row.locator('[data-overdue]')).toBeVisible()
    await expect(row.getByText('Haute')).toBeVisible()

    await row.getByRole('checkbox', { name: `Marquer « ${title} » comme terminée` }).click()
    const completed = page.getByTestId('toast').filter({ hasText: title })
    await expect(completed).toHaveText(/Tâche « .+ » terminée\./)
    // Done tasks leave the "to do" list once the server has confirmed; "Annuler" reopens it.
    await expect(row).toHaveCount(0)
    await completed.getByRole('button', { name: 'Annuler' }).click()
    await expect(row).toHaveAttribute('data-status', 'OPEN')
    await row.getByRole('checkbox', { name: `Marquer « ${title} » comme terminée` }).click()
    await expect(row).toHaveCount(0)
    await page.getByRole('radio', { name: 'Terminées' }).check()
    await expect(row).toHaveAttribute('data-status', 'DONE')
    await expect(row.getByRole('checkbox', { name: `Rouvrir « ${title} »` })).toBeChecked()

    await page.getByRole('tab', { name: 'En retard' }).click()
    await expect(page).toHaveURL(/view=overdue/)
    await expect(page.getByRole('tab', { name: 'En retard' })).toHaveAttribute('aria-selected', 'true')
    await page.getByRole('searchbox', { name: 'Rechercher une tâche' }).fill('')
    const overdueRows = page.getByTestId('task-row')
    await expect(overdueRows.first()).toBeVisible()
    await expect(page.getByTestId('task-row').filter({ hasText: title })).toHaveCount(0)
    for (const overdue of (await overdueRows.all()).slice(0, 5)) {
      await expect(overdue.locator('[data-overdue]')).toBeVisible()
    }
  })

  test('a completion the server cannot record is rolled back with a message', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/tasks?view=team')
    // The completion box, not the bulk actions' tick box beside it (its name follows its state).
    const checkbox = page.getByTestId('task-row').first().locator('input[type="checkbox"]:not([data-testid="select-row"])')
    await expect(checkbox).not.toBeChecked()

    await page.route('**/trpc/tasks.complete**', (route) => route.abort())
    await checkbox.click()
    await expect(page.getByRole('alert').filter({ hasText: 'Impossible de joindre le serveur' })).toBeVisible()
    await expect(checkbox).not.toBeChecked()
  })
})

test.describe('roles', () => {
  test('a manager edits a task from its menu, then deletes it', async ({ page }) => {
    const title = `Rendez-vous essai ${uniqueSuffix()}`
    await signIn(page, 'manager.paris@demo.test')
    await page.goto('/tasks?view=team')
    await page.getByRole('button', { name: 'Nouvelle tâche' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouvelle tâche' })
    await dialog.getByLabel('Titre').fill(title)
    await dialog.getByRole('button', { name: 'Créer la tâche' }).click()
    await expect(dialog).toBeHidden()

    await page.getByRole('searchbox', { name: 'Rechercher une tâche' }).fill(title)
    const row = page.getByTestId('task-row').filter({ hasText: title })
    await row.getByRole('button', { name: `Actions pour « ${title} »` }).click()
    await page.getByRole('menuitem', { name: 'Modifier' }).click()
    const editDialog = page.getByRole('dialog', { name: 'Modifier la tâche' })
    await expect(editDialog.getByLabel('Titre')).toHaveValue(title)
    await editDialog.getByLabel('Statut').selectOption({ label: 'En cours' })
    await editDialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(editDialog).toBeHidden()
    await expect(row.getByText('En cours')).toBeVisible()

    await row.getByRole('button', { name: `Actions pour « ${title} »` }).click()
    await page.getByRole('menuitem', { name: 'Supprimer' }).click()
    await page.getByRole('alertdialog', { name: 'Supprimer cette tâche ?' }).getByRole('button', { name: 'Supprimer' }).click()
    await expect(row).toHaveCount(0)
  })

  test('a viewer reads records but is offered no way to create or change them', async ({ page }) => {
    await signIn(page, 'viewer.paris@demo.test')
    const sections = [
      { path: '/people', heading: 'Personnes', create: 'Nouvelle personne', table: 'people-table' },
      { path: '/mandates', heading: 'Mandats', create: 'Nouveau mandat', table: 'mandates-table' },
      { path: '/products', heading: 'Produits', create: 'Nouveau produit', table: 'products-table' },
    ]
    for (const section of sections) {
      await page.goto(section.path)
      await expect(page.getByRole('heading', { level: 1, name: section.heading })).toBeVisible()
      await expect(page.getByTestId(section.table)).toBeVisible()
      await expect(page.getByRole('button', { name: section.create })).toHaveCount(0)
    }
    await page.getByTestId('products-table').getByRole('link').first().click()
    await expect(page.getByRole('link', { name: 'Tous les produits' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Supprimer' })).toHaveCount(0)

    await page.goto('/tasks?view=team')
    await expect(page.getByTestId('task-list')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Nouvelle tâche' })).toHaveCount(0)
  })
})
