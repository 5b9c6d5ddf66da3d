import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { Secret, TOTP } from 'otpauth'
import { expectNoSeriousAxeViolations } from './a11y.ts'
import { DEMO_PASSWORD, openUserMenu, signIn, submitLogin, callApi } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
const OWN = 'Trois pommes vertes sur la table'


/** A new SALES account with its own password (no 2FA yet). */
async function newAccount(
  playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } },
  baseURL?: string,
  role: 'SALES' | 'VIEWER' = 'SALES',
) {
  const email = `deux.etapes.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@demo.test`
  const admin = await playwright.request.newContext({ baseURL })
  await callApi(admin, 'auth.login', { email: 'admin@demo.test', password: DEMO_PASSWORD })
  await callApi(admin, 'users.create', { email, name: 'Hugo Lemaire', password: 'mot-de-passe-provisoire', role })
  await admin.dispose()
  const own = await playwright.request.newContext({ baseURL })
  await callApi(own, 'auth.login', { email, password: 'mot-de-passe-provisoire' })
  await callApi(own, 'auth.changePassword', { currentPassword: 'mot-de-passe-provisoire', newPassword: OWN, confirmPassword: OWN })
  await own.dispose()
  return email
}

/** The authenticator app, fed the key the page shows; `steps` ahead so a code is never reused. */
const codeOf = (app: TOTP, steps: number) => app.generate({ timestamp: Date.now() + steps * 30_000 })

async function signOut(page: Page) {
  await openUserMenu(page)
  await page.getByRole('menuitem', { name: 'Déconnexion' }).click()
  await expect(page).toHaveURL(/\/login$/)
}

test.describe('two-step verification', () => {
  // Several sign-ins (argon2) per test, on a shared machine.
  test.describe.configure({ timeout: 180_000 })

  test('enrol, sign out, sign in with a code, then with a recovery code', async ({ page, playwright, baseURL }) => {
    const email = await newAccount(playwright, baseURL)
    await signIn(page, email, OWN)
    await page.goto('/settings/security')
    const card = page.getByTestId('two-factor-card')
    await expect(card.getByTestId('two-factor-state')).toHaveText('Désactivée')
    await card.getByRole('button', { name: 'Activer la validation en deux étapes' }).click()
    await expect(card.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' })).toBeVisible()
    const app = new TOTP({ secret: Secret.fromBase32((await card.getByTestId('two-factor-key').innerText()).replace(/\s+/g, '')), period: 30 })

    // A wrong code is told on its field, and nothing is turned on.
    await card.getByLabel('Code à 6 chiffres').fill(String((Number(codeOf(app, 0)) + 500_000) % 1_000_000).padStart(6, '0'))
    await card.getByRole('button', { name: 'Activer', exact: true }).click()
    await expect(card.getByText('Ce code est incorrect ou a déjà servi.', { exact: false })).toBeVisible()
    await card.getByLabel('Code à 6 chiffres').fill(codeOf(app, 0))
    await card.getByRole('button', { name: 'Activer', exact: true }).click()
    const codes = card.getByTestId('recovery-code')
    await expect(codes).toHaveCount(10)
    const recoveryCodes = await codes.allInnerTexts()
    await expect(card.getByTestId('two-factor-state')).toHaveText('Activée')
    await card.getByRole('button', { name: 'J’ai noté mes codes' }).click()
    await expect(card.getByText('10 codes de secours restants')).toBeVisible()

    await signOut(page)
    await submitLogin(page, email, OWN)
    await expect(page.getByTestId('second-factor-form')).toBeVisible()
    await expectNoSeriousAxeViolations(page, 'second step of the sign-in')
    await page.getByLabel('Code de vérification').fill(codeOf(app, 1))
    await page.getByRole('button', { name: 'Vérifier' }).click()
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()

    await signOut(page)
    await submitLogin(page, email, OWN)
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click()
    await page.getByLabel('Code de secours').fill(recoveryCodes[0])
    await page.getByRole('button', { name: 'Vérifier' }).click()
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
    await page.goto('/settings/security')
    await expect(page.getByTestId('two-factor-card').getByText('9 codes de secours restants')).toBeVisible()

    // The same recovery code does not work twice.
    await signOut(page)
    await submitLogin(page, email, OWN)
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click()
    await page.getByLabel('Code de secours').fill(recoveryCodes[0])
    await page.getByRole('button', { name: 'Vérifier' }).click()
    await expect(page.getByText('Ce code de secours est incorrect ou a déjà servi.')).toBeVisible()
  })

  test('an admin requires it for a role: its members are led to turn it on before anything else', async ({ page, browser, playwright, baseURL }) => {
    const email = await newAccount(playwright, baseURL, 'VIEWER')
    const admin = await browser.newPage()
    try {
      await signIn(admin, 'admin@demo.test')
      await admin.goto('/admin/audit')
      const policy = admin.getByTestId('two-factor-policy')
      await policy.getByRole('checkbox', { name: 'Lecteur', exact: true }).check()
      await policy.getByRole('button', { name: 'Enregistrer' }).click()
      await expect(admin.getByText('Règles enregistrées.')).toBeVisible()
      await admin.reload()
      await expect(policy.getByRole('checkbox', { name: 'Lecteur', exact: true })).toBeChecked()

      await page.goto('/login')
      await submitLogin(page, email, OWN)
      await expect(page).toHaveURL(/\/settings\/security$/)
      await expect(page.getByTestId('must-enrol-two-factor')).toBeVisible()
      await page.goto('/organisations')
      await expect(page).toHaveURL(/\/settings\/security$/)
      const card = page.getByTestId('two-factor-card')
      await card.getByRole('button', { name: 'Activer la validation en deux étapes' }).click()
      const app = new TOTP({ secret: Secret.fromBase32((await card.getByTestId('two-factor-key').innerText()).replace(/\s+/g, '')), period: 30 })
      await card.getByLabel('Code à 6 chiffres').fill(codeOf(app, 0))
      await card.getByRole('button', { name: 'Activer', exact: true }).click()
      await card.getByRole('button', { name: 'J’ai noté mes codes' }).click()
      await page.goto('/organisations')
      await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible()

      await policy.getByRole('checkbox', { name: 'Lecteur', exact: true }).uncheck()
      await policy.getByRole('button', { name: 'Enregistrer' }).click()
      await expect(admin.getByText('Règles enregistrées.')).toBeVisible()
    } finally {
      // Other specs sign in as viewers: the policy goes back to none whatever happened above.
      await callApi(admin.request, 'security.updatePolicy', { twoFactorRoles: [] }).catch(() => undefined)
      await admin.close()
    }
  })

  for (const scheme of ['light', 'dark'] as const) {
    test(`enrolment, recovery codes and the second step in the ${scheme} theme`, async ({ page, playwright, baseURL }) => {
      const email = await newAccount(playwright, baseURL)
      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, email, OWN)
      await page.goto('/settings/security')
      const card = page.getByTestId('two-factor-card')
      await card.getByRole('button', { name: 'Activer la validation en deux étapes' }).click()
      await expect(card.getByTestId('two-factor-enrolment')).toBeVisible()
      await expectNoSeriousAxeViolations(page, `enrolment (${scheme})`)
      await page.screenshot({ path: path.join(SCREENSHOTS, `two-factor-enrol-${scheme}.png`), animations: 'disabled', fullPage: true })
      const app = new TOTP({ secret: Secret.fromBase32((await card.getByTestId('two-factor-key').innerText()).replace(/\s+/g, '')), period: 30 })
      await card.getByLabel('Code à 6 chiffres').fill(codeOf(app, 0))
      await card.getByRole('button', { name: 'Activer', exact: true }).click()
      await expect(card.getByTestId('recovery-code')).toHaveCount(10)
      const first = await card.getByTestId('recovery-code').allInnerTexts()
      await expectNoSeriousAxeViolations(page, `recovery codes (${scheme})`)
      await page.screenshot({ path: path.join(SCREENSHOTS, `two-factor-codes-${scheme}.png`), animations: 'disabled', fullPage: true })
      await card.getByRole('button', { name: 'J’ai noté mes codes' }).click()

      // New recovery codes, against the app's next code: shown once, ten again, none of the old ones.
      await card.getByRole('button', { name: 'Générer de nouveaux codes de secours' }).click()
      await card.getByLabel('Code à 6 chiffres').fill('000000')
      await card.getByRole('button', { name: 'Générer', exact: true }).click()
      await expect(card.getByText('Ce code est incorrect ou a déjà servi.', { exact: false })).toBeVisible()
      await expectNoSeriousAxeViolations(page, `renewing the recovery codes (${scheme})`)
      await page.screenshot({ path: path.join(SCREENSHOTS, `two-factor-renew-${scheme}.png`), animations: 'disabled', fullPage: true })
      await card.getByLabel('Code à 6 chiffres').fill(codeOf(app, 1))
      await card.getByRole('button', { name: 'Générer', exact: true }).click()
      await expect(card.getByText('Nouveaux codes de secours')).toBeVisible()
      const renewed = await card.getByTestId('recovery-code').allInnerTexts()
      expect(renewed).toHaveLength(10)
      expect(renewed.some((code) => first.includes(code))).toBe(false)
      await card.getByRole('button', { name: 'J’ai noté mes codes' }).click()
      await expect(card.getByText('10 codes de secours restants')).toBeVisible()

      await signOut(page)
      await submitLogin(page, email, OWN)
      await page.getByLabel('Code de vérification').fill('12')
      await page.getByRole('button', { name: 'Vérifier' }).click()
      await expect(page.getByText('Saisissez les 6 chiffres affichés par votre application.')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `two-factor-login-${scheme}.png`), animations: 'disabled', fullPage: true })
    })
  }
})
