import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { DEMO_PASSWORD, signIn, submitLogin, callApi } from './session.ts'

test.describe('Content-Security-Policy', () => {
  // Without the sign-in helper, whose watcher would (rightly) fail this test on the violation.
  test('the browser blocks an inline script the page did not ship', async ({ page }) => {
    await page.goto('/login')
    const blocked = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; directive: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) =>
            resolve({ ran: Boolean((window as unknown as { injected?: boolean }).injected), directive: event.effectiveDirective }),
          )
          const script = document.createElement('script')
          script.textContent = 'window.injected = true'
          document.body.append(script)
        }),
    )
    expect(blocked).toEqual({ ran: false, directive: 'script-src-elem' })
  })

  // The sign-in helpers watch for violations in every spec: this proves the watcher fails a test.
  test('a violation fails the test that caused it', async ({ page }) => {
    test.fail()
    await signIn(page, 'sales.paris@demo.test')
    // Waits until the browser has reported the violation (it does when it next styles the page,
    // later on a busy machine) rather than a fixed time; after 10 s without one, the test goes on
    // and passes, which fails it (test.fail).
    // (No assertion of its own here: any failure would count as the expected one.)
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          document.addEventListener('securitypolicyviolation', () => resolve(), { once: true })
          setTimeout(resolve, 10_000)
          const style = document.createElement('style')
          style.textContent = 'body { color: red }'
          document.head.append(style)
        }),
    )
    // The watcher's report to this process was sent before this round trip's answer.
    await page.evaluate(() => undefined)
  })
})

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
const TEMPORARY = 'mot-de-passe-provisoire'
const OWN = 'Trois pommes vertes sur la table'


/** A new account whose password an admin chose (so it must be changed at the first sign-in). */
async function newAccount(playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined) {
  const email = `securite.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.test`
  const api = await playwright.request.newContext({ baseURL })
  await callApi(api, 'auth.login', { email: 'admin@demo.test', password: DEMO_PASSWORD })
  await callApi(api, 'users.create', { email, name: 'Inès Moreau', password: TEMPORARY, role: 'SALES' })
  await api.dispose()
  return email
}

test.describe('own password', () => {
  test('an admin-set password leads to the security page; changing it signs the other browser out', async ({ page, browser, playwright, baseURL }) => {
    const email = await newAccount(playwright, baseURL)
    await page.goto('/login')
    await submitLogin(page, email, TEMPORARY)
    await expect(page).toHaveURL(/\/settings\/security$/)
    await expect(page.getByTestId('must-change-password')).toBeVisible()

    const otherContext = await browser.newContext()
    const other = await otherContext.newPage()
    await other.goto('/login')
    await submitLogin(other, email, TEMPORARY)
    await expect(other).toHaveURL(/\/settings\/security$/)

    // Bad input is told on its field.
    await page.getByLabel('Mot de passe actuel').fill('pas-le-bon-mot-de-passe')
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('password1234')
    await expect(page.getByTestId('password-strength')).toContainText('Robustesse : Faible — Ce mot de passe fait partie des plus courants')
    await page.getByLabel('Confirmer le nouveau mot de passe').fill('password1234')
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click()
    await expect(page.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.').first()).toBeVisible()

    await page.getByLabel('Mot de passe actuel').fill(TEMPORARY)
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(OWN)
    await expect(page.getByTestId('password-strength')).toContainText('Excellent')
    await page.getByLabel('Confirmer le nouveau mot de passe').fill(OWN)
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click()
    await expect(page.getByText('Mot de passe changé. 1 autre session a été fermée.')).toBeVisible()
    await expect(page.getByTestId('must-change-password')).toBeHidden()

    // The other browser is sent back to the login page, without a reload.
    await expect(other).toHaveURL(/\/login/, { timeout: 15_000 })
    await otherContext.close()

    // This one goes on, and the app is open again.
    await page.goto('/')
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
  })

  for (const scheme of ['light', 'dark'] as const) {
    test(`security page in the ${scheme} theme`, async ({ page, playwright, baseURL }) => {
      const email = await newAccount(playwright, baseURL)
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto('/login')
      await submitLogin(page, email, TEMPORARY)
      await expect(page).toHaveURL(/\/settings\/security$/)
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('soleil2024')
      await page.getByLabel('Confirmer le nouveau mot de passe').fill('soleil2025')
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click()
      await expect(page.getByText('Les deux mots de passe ne correspondent pas.')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `security-password-${scheme}.png`), animations: 'disabled', fullPage: true })
    })
  }
})

test.describe('connected devices', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`lists this device and another, and signs the other out (${scheme})`, async ({ page, browser, playwright, baseURL }) => {
      const email = await newAccount(playwright, baseURL)
      const api = await playwright.request.newContext({ baseURL })
      await callApi(api, 'auth.login', { email, password: TEMPORARY })
      await callApi(api, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: OWN, confirmPassword: OWN })
      await callApi(api, 'auth.logout', null)
      await api.dispose()

      const otherContext = await browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' })
      const other = await otherContext.newPage()
      await signIn(other, email, OWN)

      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, email, OWN)
      await page.goto('/settings/security')
      const rows = page.getByTestId('session-row')
      await expect(rows).toHaveCount(2)
      await expect(rows.first()).toContainText('Cet appareil')
      await expect(rows.nth(1)).toContainText('Firefox (Windows)')
      await page.screenshot({ path: path.join(SCREENSHOTS, `security-sessions-${scheme}.png`), animations: 'disabled', fullPage: true })

      await page.getByRole('button', { name: 'Déconnecter Firefox (Windows)' }).click()
      await expect(page.getByText('1 appareil déconnecté.')).toBeVisible()
      await expect(rows).toHaveCount(1)
      await expect(page.getByText('Aucun autre appareil n’est connecté à votre compte.')).toBeVisible()
      await expect(other).toHaveURL(/\/login/, { timeout: 15_000 })
      await otherContext.close()
    })
  }
})

test('the security page in English', async ({ page, playwright, baseURL }) => {
  const email = await newAccount(playwright, baseURL)
  const api = await playwright.request.newContext({ baseURL })
  await callApi(api, 'auth.login', { email, password: TEMPORARY })
  await callApi(api, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: OWN, confirmPassword: OWN })
  await callApi(api, 'auth.updatePreferences', { language: 'en' })
  await callApi(api, 'auth.logout', null)
  await api.dispose()

  await signIn(page, email, OWN)
  await page.goto('/settings/security')
  await expect(page.getByRole('heading', { level: 1, name: 'Account security' })).toBeVisible()
  await expect(page.getByTestId('session-row')).toHaveCount(1)
  await expect(page.getByTestId('session-row')).toContainText('This device')
  await expect(page.getByText('No other device is signed in to your account.')).toBeVisible()
  await page.getByLabel('New password', { exact: true }).fill('Trois pommes')
  await expect(page.getByTestId('password-strength')).toContainText('Strength:')
  await page.screenshot({ path: path.join(SCREENSHOTS, 'security-en.png'), animations: 'disabled', fullPage: true })
})
