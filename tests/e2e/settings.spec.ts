import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, waitForScreen } from './a11y.ts'
import { signIn } from './session.ts'

// A user's own settings: profile (name, initials colour), display, notification kinds, and the
// section nav to API tokens. The account is made for the test: renaming a demo user would change
// what other specs read.

const SCREENSHOTS = 'tests/e2e/screenshots'
const PASSWORD = 'settings-e2e-password'

async function newSalesperson(browser: Browser): Promise<{ email: string; name: string; id: string }> {
  const context = await browser.newContext()
  const manager = await context.newPage()
  await signIn(manager, 'manager.paris@demo.test')
  const suffix = Math.random().toString(36).slice(2, 8)
  const email = `reglages-${suffix}@demo.test`
  const name = `Réglages ${suffix}`
  const initial = `${PASSWORD}-initial`
  const response = await manager.request.post('/trpc/users.create', { data: { json: { email, name, password: initial, role: 'SALES' } } })
  const body = await response.json()
  expect(response.status(), JSON.stringify(body)).toBe(200)
  await context.close()
  // An admin chose that password: the new user picks their own first (issue 16).
  const own = await browser.newContext()
  const login = await own.request.post('/trpc/auth.login', { data: { json: { email, password: initial } } })
  expect(login.status()).toBe(200)
  const changed = await own.request.post('/trpc/auth.changePassword', {
    data: { json: { currentPassword: initial, newPassword: PASSWORD, confirmPassword: PASSWORD } },
  })
  expect(changed.status(), await changed.text()).toBe(200)
  await own.close()
  return { email, name, id: body.result.data.json.id }
}

async function signedIn(browser: Browser, email: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', ...(options.viewport ? { viewport: options.viewport } : {}) })
  const page = await context.newPage()
  await signIn(page, email, PASSWORD)
  return page
}

test.describe('settings', () => {
  test.describe.configure({ timeout: 180_000 })

  test('a salesperson renames themself, picks a colour, mutes a kind of notification; it holds after a reload', async ({ browser }) => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    const user = await newSalesperson(browser)
    const page = await signedIn(browser, user.email)
    // The user also has an organisation open in another tab, where their manager sees them.
    const organisation = await page.request.post('/trpc/organisations.create', { data: { json: { type: 'INVESTOR', name: `Présence ${user.name}` } } })
    expect(organisation.status()).toBe(200)
    const organisationPath = `/organisations/${(await organisation.json()).result.data.json.id}`
    const otherTab = await page.context().newPage()
    await otherTab.goto(organisationPath)
    const watcher = await (await browser.newContext()).newPage()
    await signIn(watcher, 'manager.paris@demo.test')
    await watcher.goto(organisationPath)
    const seenAs = watcher.locator(`[data-testid="presence-avatar"][data-user-id="${user.id}"]`)
    await expect(seenAs).toHaveAttribute('title', new RegExp(user.name), { timeout: 10_000 })

    // From the user menu.
    await page.getByRole('button', { name: /menu utilisateur$/i }).click()
    await page.getByRole('menuitem', { name: 'Paramètres' }).click()
    await expect(page).toHaveURL(/\/settings$/)
    await waitForScreen(page)
    const nav = page.getByRole('navigation', { name: 'Sections des paramètres' })
    await expect(nav.getByRole('link', { name: 'Profil et préférences' })).toHaveAttribute('aria-current', 'page')
    await expect(nav.getByRole('link', { name: 'Jetons d’API' })).toHaveAttribute('href', '/settings/tokens')

    const profile = page.getByTestId('settings-profile')
    const nameField = profile.getByLabel('Nom affiché')
    await expect(nameField).toHaveValue(user.name)
    // An empty name is refused in French before any round trip, and the message goes as the user types.
    await nameField.fill('')
    await profile.getByRole('button', { name: 'Enregistrer le profil' }).click()
    await expect(profile).toContainText('Ce champ est obligatoire')
    await nameField.fill(`${user.name} bis`)
    await expect(profile).not.toContainText('Ce champ est obligatoire')
    await profile.getByRole('radio', { name: 'Couleur 3' }).check()
    await profile.getByRole('button', { name: 'Enregistrer le profil' }).click()
    await expect(page.getByTestId('toast')).toContainText('Profil enregistré.')
    // The header's user menu follows at once, and so does the manager's view of the other tab.
    await expect(page.getByRole('button', { name: new RegExp(`${user.name} bis`) })).toBeVisible()
    await expect(seenAs).toHaveAttribute('title', new RegExp(`${user.name} bis`), { timeout: 10_000 })
    await expect(seenAs.locator('span').first()).toHaveCSS('background-color', 'rgb(4, 120, 87)')
    await watcher.context().close()
    await otherTab.close()

    const notifications = page.getByTestId('settings-notifications')
    await notifications.getByLabel('Une tâche m’est assignée').uncheck()
    await expect(notifications).toContainText('l’envoi d’e-mails n’est pas configuré')
    await notifications.getByRole('button', { name: 'Enregistrer les notifications' }).click()
    await expect(page.getByTestId('toast').filter({ hasText: 'Préférences de notification enregistrées.' })).toBeVisible()
    await expectNoSeriousAxeViolations(page, '/settings (light)')
    await page.screenshot({ path: `${SCREENSHOTS}/settings-light.png`, fullPage: true })

    await page.reload()
    await waitForScreen(page)
    await expect(page.getByTestId('settings-profile').getByLabel('Nom affiché')).toHaveValue(`${user.name} bis`)
    await expect(page.getByTestId('settings-profile').getByRole('radio', { name: 'Couleur 3' })).toBeChecked()
    await expect(page.getByTestId('settings-notifications').getByLabel('Une tâche m’est assignée')).not.toBeChecked()
    await expect(page.getByTestId('settings-notifications').getByLabel('Un mandat est signé')).toBeChecked()

    // The section nav leads to the tokens, which carry the same nav back.
    await page.getByRole('navigation', { name: 'Sections des paramètres' }).getByRole('link', { name: 'Jetons d’API' }).click()
    await expect(page).toHaveURL(/\/settings\/tokens$/)
    await page.getByRole('navigation', { name: 'Sections des paramètres' }).getByRole('link', { name: 'Profil et préférences' }).click()
    await expect(page).toHaveURL(/\/settings$/)
    await page.context().close()
  })

  test('screenshots dark and phone, in English: no sideways scroll and nothing serious for axe', async ({ browser }) => {
    const user = await newSalesperson(browser)
    const dark = await signedIn(browser, user.email, { colorScheme: 'dark' })
    await dark.goto('/settings')
    await waitForScreen(dark)
    await dark.getByTestId('settings-display').getByText('English').click()
    await expect(dark.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await expectNoSeriousAxeViolations(dark, '/settings (dark, English)')
    await dark.screenshot({ path: `${SCREENSHOTS}/settings-dark-en.png`, fullPage: true })
    await dark.context().close()

    const phone = await signedIn(browser, user.email, { viewport: { width: 390, height: 844 } })
    await phone.goto('/settings')
    await waitForScreen(phone)
    // The language follows the account, set on the other device.
    await expect(phone.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await expectNoHorizontalScroll(phone, '/settings at 390 px')
    await expectNoSeriousAxeViolations(phone, '/settings (phone)')
    await phone.screenshot({ path: `${SCREENSHOTS}/settings-phone.png`, fullPage: true })
    await phone.context().close()
  })
})
