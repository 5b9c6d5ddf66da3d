import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type APIRequestContext, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { DEMO_PASSWORD, openUserMenu, signIn, submitLogin, callApi } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

// Each test walks through several screens and password hashes: give it room on a busy machine.
test.slow()
const NEW_PASSWORD = 'un-mot-de-passe-solide'
const OWN_PASSWORD = 'Trois pommes vertes sur la table'

/** Unique per test run and per call, so reruns against the same server never collide. */
function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}


/** auth.me over HTTP with nothing but a bearer token: the viewer it authenticates, or null. */
async function meWithToken(request: APIRequestContext, baseURL: string, token: string) {
  const response = await request.get(`${baseURL}/trpc/auth.me`, { headers: { Authorization: `Bearer ${token}` } })
  return { status: response.status(), viewer: (await response.json()).result?.data?.json ?? null }
}

async function openAdmin(page: Page, email: string) {
  await signIn(page, email)
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible()
  await expect(page.getByTestId('users-table')).toBeVisible()
}

const userRow = (page: Page, text: string) => page.getByTestId('user-row').filter({ hasText: text })

test.describe('managing users', () => {
  test('an admin creates a user in Lyon, changes their role, then deactivates them', async ({ page, browser }) => {
    const suffix = uniqueSuffix()
    const email = `jeanne.${suffix}@demo.test`
    const name = 'Jeanne Martin'
    await openAdmin(page, 'admin@demo.test')

    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click()
    const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' })
    await expect(create.getByLabel('Nom complet')).toBeFocused()
    await create.getByLabel('Nom complet').fill(name)
    await create.getByLabel('E-mail', { exact: true }).fill(email)
    await create.getByLabel('Mot de passe initial', { exact: true }).fill(NEW_PASSWORD)
    await create.getByLabel('Rôle').selectOption({ label: 'Commercial' })
    await create.getByLabel('Équipe').selectOption({ label: 'Lyon' })
    await create.getByRole('button', { name: "Créer l'utilisateur" }).click()
    await expect(create).toBeHidden()

    const row = userRow(page, email)
    await expect(row).toContainText(name)
    await expect(row).toContainText('Lyon')
    await expect(row.getByTestId('role-badge')).toHaveText('Commercial')
    await expect(row.getByTestId('user-status')).toHaveText('Actif')

    await row.getByRole('button', { name: `Modifier ${name}` }).click()
    const edit = page.getByRole('dialog', { name: `Modifier ${name}` })
    await edit.getByLabel('Rôle').selectOption({ label: 'Manager' })
    await edit.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(edit).toBeHidden()
    await expect(row.getByTestId('role-badge')).toHaveText('Manager')

    await row.getByRole('button', { name: `Modifier ${name}` }).click()
    await expect(edit.getByLabel('Rôle')).toHaveValue('MANAGER')
    await edit.getByLabel('Compte actif').uncheck()
    await edit.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(edit).toBeHidden()
    await expect(row.getByTestId('user-status')).toHaveText('Inactif')

    // A deactivated account cannot sign in.
    const elsewhere = await browser.newContext()
    const other = await elsewhere.newPage()
    await other.goto('/login')
    await submitLogin(other, email, NEW_PASSWORD)
    await expect(other.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect')
    await elsewhere.close()
  })

  test('bad input is flagged on the field it concerns, including an email already in use', async ({ page }) => {
    await openAdmin(page, 'admin@demo.test')
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' })
    const submit = dialog.getByRole('button', { name: "Créer l'utilisateur" })

    await submit.click()
    await expect(dialog.getByText('Ce champ est obligatoire')).toHaveCount(3)
    await expect(dialog.getByLabel('Nom complet')).toBeFocused()

    await dialog.getByLabel('Nom complet').fill('Thomas Double')
    await dialog.getByLabel('E-mail', { exact: true }).fill('sales.lyon@demo.test')
    await dialog.getByLabel('Mot de passe initial', { exact: true }).fill('court')
    await submit.click()
    // The hint under the field and the error now say the same words: both are there.
    await expect(dialog.getByText('Au moins 10 caractères.')).toHaveCount(2)
    await expect(dialog.getByLabel('Mot de passe initial', { exact: true })).toHaveAttribute('aria-invalid', 'true')

    await dialog.getByLabel('Mot de passe initial', { exact: true }).fill(NEW_PASSWORD)
    await submit.click()
    const email = dialog.getByLabel('E-mail', { exact: true })
    await expect(dialog.getByText('Cette adresse e-mail est déjà utilisée')).toBeVisible()
    await expect(email).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog).toBeVisible()

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  test('a manager sees their own team only and may give only the sales and viewer roles', async ({ page }) => {
    await openAdmin(page, 'manager.paris@demo.test')
    await expect(page.getByRole('tab', { name: 'Équipes' })).toHaveCount(0)
    await expect(userRow(page, 'sales.paris@demo.test')).toBeVisible()
    await expect(page.getByTestId('users-table')).not.toContainText('Lyon')
    // The admin belongs to Paris but is beyond a manager's reach.
    await expect(userRow(page, 'admin@demo.test').getByRole('button')).toHaveCount(0)

    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click()
    const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' })
    await expect(create.getByLabel('Rôle').locator('option')).toHaveText(['Commercial', 'Lecteur'])
    await expect(create.getByLabel('Équipe')).toBeDisabled()
    await expect(create.getByLabel('Équipe').locator('option:checked')).toHaveText('Paris')
    await create.getByRole('button', { name: 'Annuler' }).click()
    await expect(create).toBeHidden()

    await userRow(page, 'sales.paris@demo.test').getByRole('button', { name: 'Modifier Sophie Bernard' }).click()
    const edit = page.getByRole('dialog', { name: 'Modifier Sophie Bernard' })
    await expect(edit.getByLabel('Rôle').locator('option')).toHaveText(['Commercial', 'Lecteur'])
    await expect(edit.getByLabel('Équipe')).toBeDisabled()
  })

  test('the admin area answers 404 to a sales account', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/admin')
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
    await expect(page.getByTestId('users-table')).toHaveCount(0)
  })
})

test.describe('managing teams', () => {
  test('an admin creates, renames and deletes an empty team', async ({ page }) => {
    const suffix = uniqueSuffix()
    await openAdmin(page, 'admin@demo.test')
    await page.getByRole('tab', { name: 'Équipes' }).click()
    await expect(page).toHaveURL(/tab=teams/)

    await page.getByRole('button', { name: 'Nouvelle équipe' }).click()
    const create = page.getByRole('dialog', { name: 'Nouvelle équipe' })
    await create.getByLabel("Nom de l'équipe").fill(`Marseille ${suffix}`)
    await create.getByRole('button', { name: "Créer l'équipe" }).click()
    const row = page.getByTestId('team-row').filter({ hasText: `Marseille ${suffix}` })
    await expect(row).toBeVisible()

    await row.getByRole('button', { name: `Renommer l'équipe Marseille ${suffix}` }).click()
    const rename = page.getByRole('dialog', { name: `Renommer l'équipe Marseille ${suffix}` })
    await rename.getByLabel("Nom de l'équipe").fill(`Bordeaux ${suffix}`)
    await rename.getByRole('button', { name: 'Enregistrer' }).click()
    const renamed = page.getByTestId('team-row').filter({ hasText: `Bordeaux ${suffix}` })
    await expect(renamed).toBeVisible()

    await renamed.getByRole('button', { name: `Supprimer l'équipe Bordeaux ${suffix}` }).click()
    const confirm = page.getByRole('alertdialog', { name: `Supprimer l'équipe Bordeaux ${suffix} ?` })
    await confirm.getByRole('button', { name: 'Supprimer' }).click()
    await expect(confirm).toBeHidden()
    await expect(renamed).toHaveCount(0)
  })

  test('a team that still has members and records is not deleted, and the dialog says what it holds', async ({ page }) => {
    await openAdmin(page, 'admin@demo.test')
    await page.goto('/admin?tab=teams')
    await page.getByRole('button', { name: "Supprimer l'équipe Lyon" }).click()
    const confirm = page.getByRole('alertdialog', { name: "Supprimer l'équipe Lyon ?" })
    await confirm.getByRole('button', { name: 'Supprimer' }).click()

    const notEmpty = confirm.getByTestId('team-not-empty')
    await expect(notEmpty).toContainText("L'équipe n'est pas vide")
    await expect(notEmpty).toContainText(/\d+ membres/)
    await expect(notEmpty).toContainText(/\d+ organisations/)
    await confirm.getByRole('button', { name: 'Annuler' }).click()
    await expect(page.getByTestId('team-row').filter({ hasText: 'Lyon' })).toBeVisible()
  })
})

test.describe('API tokens', () => {
  test('a viewer creates a read-only token, sees it once, uses it, then revokes it', async ({
    page,
    request,
    baseURL,
  }) => {
    const name = `Export Power BI ${uniqueSuffix()}`
    await signIn(page, 'viewer.paris@demo.test')
    await openUserMenu(page)
    await page.getByRole('menuitem', { name: "Jetons d'API" }).click()
    await expect(page).toHaveURL(/\/settings\/tokens$/)
    await expect(page.getByRole('heading', { level: 1, name: "Jetons d'API" })).toBeVisible()
    await expect(page.getByTestId('api-usage-help')).toContainText('sans connaître votre mot de passe')

    await page.getByRole('button', { name: 'Nouveau jeton' }).first().click()
    const create = page.getByRole('dialog', { name: "Nouveau jeton d'API" })
    await expect(create.getByRole('radio', { name: 'Lecture et écriture' })).toBeDisabled()
    await expect(create.getByText('votre rôle (Lecteur) ne permet que des jetons en lecture seule')).toBeVisible()
    await expect(create.getByRole('radio', { name: 'Lecture seule' })).toBeChecked()
    await create.getByLabel('Nom', { exact: true }).fill(name)
    await create.getByLabel('Expiration (jours)').fill('30')
    await create.getByRole('button', { name: 'Créer le jeton' }).click()

    const created = page.getByRole('dialog', { name: `Jeton « ${name} » créé` })
    await expect(created.getByText('il ne sera plus jamais affiché', { exact: false })).toBeVisible()
    const token = await created.getByTestId('created-token-value').inputValue()
    expect(token).toMatch(/^alf_[\w-]{20,}$/)
    await expect(created.getByRole('button', { name: 'Copier' })).toBeVisible()
    await created.getByRole('button', { name: "J'ai copié le jeton" }).click()
    await expect(created).toBeHidden()

    const row = page.getByTestId('api-token-row').filter({ hasText: name })
    await expect(row.getByTestId('token-prefix')).toHaveText(`${token.slice(0, 12)}…`)
    await expect(row.getByTestId('token-scope')).toHaveText('Lecture seule')
    await expect(row.getByTestId('token-status')).toHaveText('Actif')
    await expect(page.getByText(token)).toHaveCount(0)

    const before = await meWithToken(request, baseURL!, token)
    expect(before.status).toBe(200)
    expect(before.viewer).toMatchObject({ email: 'viewer.paris@demo.test', role: 'VIEWER' })

    // Using the token is recorded: with an expiry set, nothing in the row reads "never" any more.
    await page.reload()
    await expect(row.getByTestId('token-status')).toHaveText('Actif')
    await expect(row).not.toContainText('Jamais')
    await row.getByRole('button', { name: `Révoquer le jeton ${name}` }).click()
    const confirm = page.getByRole('alertdialog', { name: `Révoquer le jeton « ${name} » ?` })
    await confirm.getByRole('button', { name: 'Révoquer' }).click()
    await expect(confirm).toBeHidden()
    await expect(row.getByTestId('token-status')).toHaveText('Révoqué')
    await expect(row.getByRole('button', { name: /Révoquer/ })).toHaveCount(0)

    const after = await meWithToken(request, baseURL!, token)
    expect(after.viewer).toBeNull()
  })
})

test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`admin screens in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await openAdmin(page, 'admin@demo.test')
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await page.screenshot({ path: path.join(SCREENSHOTS, `admin-users-${scheme}.png`), animations: 'disabled' })

      await page.getByRole('button', { name: 'Nouvel utilisateur' }).click()
      const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' })
      await create.getByRole('button', { name: "Créer l'utilisateur" }).click()
      await expect(create.getByText('Ce champ est obligatoire')).toHaveCount(3)
      await page.screenshot({ path: path.join(SCREENSHOTS, `admin-user-create-${scheme}.png`), animations: 'disabled' })
      await page.keyboard.press('Escape')
      await expect(create).toBeHidden()

      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: path.join(SCREENSHOTS, `admin-users-mobile-${scheme}.png`), animations: 'disabled' })
      await page.setViewportSize({ width: 1280, height: 800 })

      await page.getByRole('tab', { name: 'Équipes' }).click()
      await expect(page.getByTestId('teams-table')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `admin-teams-${scheme}.png`), animations: 'disabled' })
    })

    test(`API token screens in the ${scheme} theme`, async ({ page, playwright, baseURL }) => {
      // A fresh account per theme, so the list shows exactly the tokens made here.
      const email = `api.${scheme}.${uniqueSuffix()}@demo.test`
      const api = await playwright.request.newContext({ baseURL })
      await callApi(api, 'auth.login', { email: 'admin@demo.test', password: DEMO_PASSWORD })
      await callApi(api, 'users.create', { email, name: 'Chloé Garnier', password: NEW_PASSWORD, role: 'SALES' })
      await api.dispose()
      // A password set by an admin is replaced by the user's own at their first sign-in.
      const member = await playwright.request.newContext({ baseURL })
      await callApi(member, 'auth.login', { email, password: NEW_PASSWORD })
      await callApi(member, 'auth.changePassword', { currentPassword: NEW_PASSWORD, newPassword: OWN_PASSWORD, confirmPassword: OWN_PASSWORD })
      await member.dispose()

      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, email, OWN_PASSWORD)
      const session = page.request
      await callApi(session, 'apiTokens.create', { name: 'Synchronisation CRM → ERP', scope: 'READ_WRITE', expiresInDays: 365 })
      const old = await callApi(session, 'apiTokens.create', { name: 'Ancien script de reporting', scope: 'READ' })
      await callApi(session, 'apiTokens.revoke', { id: old.apiToken.id })

      await page.goto('/settings/tokens')
      await page.getByRole('button', { name: 'Nouveau jeton' }).first().click()
      const create = page.getByRole('dialog', { name: "Nouveau jeton d'API" })
      await create.getByLabel('Nom', { exact: true }).fill('Tableau de bord Power BI')
      await page.screenshot({ path: path.join(SCREENSHOTS, `api-token-create-${scheme}.png`), animations: 'disabled' })
      await create.getByRole('button', { name: 'Créer le jeton' }).click()
      const created = page.getByRole('dialog', { name: 'Jeton « Tableau de bord Power BI » créé' })
      await expect(created.getByTestId('created-token-value')).toHaveValue(/^alf_/)
      await page.screenshot({ path: path.join(SCREENSHOTS, `api-token-created-${scheme}.png`), animations: 'disabled' })

      await created.getByRole('button', { name: "J'ai copié le jeton" }).click()
      await expect(page.getByTestId('api-token-row')).toHaveCount(3)
      await page.screenshot({
        path: path.join(SCREENSHOTS, `api-tokens-${scheme}.png`),
        animations: 'disabled',
        fullPage: true,
      })
    })
  }
})
