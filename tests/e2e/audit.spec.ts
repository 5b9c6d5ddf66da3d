import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { expectNoSeriousAxeViolations } from './a11y.ts'
import { DEMO_PASSWORD, signIn, callApi } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
const OWN = 'Trois pommes vertes sur la table'


/** A new SALES account with its own password, and one failed sign-in on it. */
async function newAccount(playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL?: string) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const email = `audit.${suffix}@demo.test`
  const name = `Léa Audit ${suffix}`
  const admin = await playwright.request.newContext({ baseURL })
  await callApi(admin, 'auth.login', { email: 'admin@demo.test', password: DEMO_PASSWORD })
  await callApi(admin, 'users.create', { email, name, password: 'mot-de-passe-provisoire', role: 'SALES' })
  await admin.dispose()
  const own = await playwright.request.newContext({ baseURL })
  await callApi(own, 'auth.login', { email, password: 'mot-de-passe-provisoire' })
  await callApi(own, 'auth.changePassword', { currentPassword: 'mot-de-passe-provisoire', newPassword: OWN, confirmPassword: OWN })
  await callApi(own, 'auth.logout', null)
  await own.post('/trpc/auth.login', { data: { json: { email, password: 'pas-le-bon' } } })
  await own.dispose()
  return { email, name }
}

test.describe('audit trail', () => {
  test.describe.configure({ timeout: 120_000 })

  for (const scheme of ['light', 'dark'] as const) {
    test(`an admin filters the trail by user and kind (${scheme})`, async ({ page, playwright, baseURL }) => {
      const { name } = await newAccount(playwright, baseURL)
      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, 'admin@demo.test')
      await page.goto('/admin')
      await page.getByRole('link', { name: 'Audit et sécurité' }).click()
      await expect(page).toHaveURL(/\/admin\/audit$/)
      await expect(page.getByTestId('audit-entry').first()).toBeVisible()

      await page.getByLabel('Utilisateur').selectOption({ label: name })
      await page.getByLabel('Type').selectOption({ label: 'Échec de connexion' })
      const entries = page.getByTestId('audit-entry')
      await expect(entries).toHaveCount(1)
      await expect(entries.first()).toContainText('Échec de connexion')
      await expect(entries.first()).toContainText(name)
      await expect(page).toHaveURL(/kind=login_failed/)
      await expectNoSeriousAxeViolations(page, `audit (${scheme})`)
      await page.screenshot({ path: path.join(SCREENSHOTS, `audit-${scheme}.png`), animations: 'disabled', fullPage: true })

      // A period without events: the empty state.
      await page.getByLabel('Du').fill('2020-01-01')
      await page.getByLabel('Au').fill('2020-01-31')
      await expect(page.getByText('Aucun événement ne correspond à ces filtres.')).toBeVisible()
    })
  }

  test('each user sees their own security history', async ({ page, playwright, baseURL }) => {
    const { email } = await newAccount(playwright, baseURL)
    await signIn(page, email, OWN)
    await page.goto('/settings/security')
    const history = page.getByTestId('security-history')
    await expect(history.getByTestId('audit-entry').first()).toContainText('Connexion')
    await expect(history.locator('[data-action="login_failed"]')).toHaveCount(1)
    await expect(history.locator('[data-action="password_changed"]')).toHaveCount(1)
  })

  test('an admin signs a user out of every device from the users screen', async ({ page, browser, playwright, baseURL }) => {
    const { email, name } = await newAccount(playwright, baseURL)
    const otherContext = await browser.newContext()
    const other = await otherContext.newPage()
    await signIn(other, email, OWN)

    await signIn(page, 'admin@demo.test')
    await page.goto(`/admin?q=${encodeURIComponent(email)}`)
    await page.getByRole('button', { name: `Déconnecter ${name} de tous les appareils` }).click()
    await expect(page.getByText(`${name} est déconnecté(e) : 1 session fermée.`)).toBeVisible()
    await expect(other).toHaveURL(/\/login/, { timeout: 15_000 })
    await otherContext.close()
  })
})
