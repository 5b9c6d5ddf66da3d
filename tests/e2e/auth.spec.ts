import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { openUserMenu, signIn, submitLogin } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

const DEMO_ACCOUNTS = [
  { email: 'admin@demo.test', name: 'Alice Moreau', role: 'Administrateur', team: 'Paris', seesAdmin: true },
  { email: 'manager.paris@demo.test', name: 'Marc Lefebvre', role: 'Manager', team: 'Paris', seesAdmin: true },
  { email: 'sales.paris@demo.test', name: 'Sophie Bernard', role: 'Commercial', team: 'Paris', seesAdmin: false },
  { email: 'viewer.paris@demo.test', name: 'Victor Lambert', role: 'Lecteur', team: 'Paris', seesAdmin: false },
  { email: 'manager.lyon@demo.test', name: 'Laure Girard', role: 'Manager', team: 'Lyon', seesAdmin: true },
  { email: 'sales.lyon@demo.test', name: 'Thomas Roux', role: 'Commercial', team: 'Lyon', seesAdmin: false },
] as const

// Preference tests change what is saved on the account: each uses an account no other test needs.
const THEME_ACCOUNT = 'camille.fournier@demo.test'
const LANGUAGE_ACCOUNT = 'julien.mercier@demo.test'

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' })

test.describe('signing in', () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.email} signs in and sees their name, role and team`, async ({ page }) => {
      await signIn(page, account.email)

      await expect(page).toHaveURL(/\/$/)
      await expect(page.getByTestId('dashboard-greeting')).toHaveText(`Bonjour, ${account.name}`)
      await expect(page.getByTestId('viewer-role')).toHaveText(account.role)
      await expect(page.getByTestId('viewer-team')).toHaveText(`Équipe ${account.team}`)
      await expect(mainNavigation(page).getByRole('link', { name: 'Admin' })).toHaveCount(account.seesAdmin ? 1 : 0)

      await openUserMenu(page)
      await expect(page.getByTestId('user-menu-name')).toHaveText(account.name)
      await expect(page.getByTestId('user-menu-role')).toHaveText(account.role)
      await expect(page.getByTestId('user-menu-team')).toHaveText(account.team)
    })
  }

  test('a wrong password shows a clear message and stays on the login page', async ({ page }) => {
    await page.goto('/login')
    await submitLogin(page, 'sales.paris@demo.test', 'not-the-password')

    await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect')
    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled()
  })

  test('empty or malformed fields are flagged before anything is sent', async ({ page }) => {
    await page.goto('/login')
    let loginCalls = 0
    page.on('request', (request) => {
      if (request.url().includes('auth.login')) loginCalls += 1
    })

    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page.getByText('Ce champ est obligatoire')).toHaveCount(2)
    await expect(page.getByLabel('E-mail', { exact: true })).toBeFocused()

    await page.getByLabel('E-mail', { exact: true }).fill('not-an-email')
    await page.getByLabel('Mot de passe', { exact: true }).fill('whatever')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page.getByLabel('E-mail', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('adresse e-mail invalide', { exact: false })).toBeVisible()
    expect(loginCalls).toBe(0)
  })

  test('repeated failures are rate limited with a readable message', async ({ page }) => {
    const email = `locked.${Date.now()}@demo.test`
    await page.goto('/login')
    const alert = page.getByRole('alert')
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await submitLogin(page, email, `wrong-${attempt}`)
      await expect(alert).toHaveText('E-mail ou mot de passe incorrect')
      await page.getByLabel('E-mail', { exact: true }).fill('')
    }
    // From the 5th failure on, this browser must wait before its next try: 1 s, then 2 s, 4 s… A slow
    // machine may let the first wait pass before the next click; a longer one soon catches it.
    const limited = /^Trop de tentatives de connexion infructueuses\. Réessayez dans \d+ secondes?\.$/
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await page.getByLabel('E-mail', { exact: true }).fill('')
      await submitLogin(page, email, `wrong-again-${attempt}`)
      await expect(alert).toHaveText(/Trop de tentatives|E-mail ou mot de passe incorrect/)
      if (limited.test((await alert.textContent()) ?? '')) break
    }
    await expect(alert).toHaveText(limited)
  })

  test('a protected page visited while signed out leads to login, then back to that page', async ({ page }) => {
    await page.goto('/pipeline')
    await expect(page).toHaveURL(/\/login\?redirect=%2Fpipeline$/)

    await submitLogin(page, 'sales.lyon@demo.test')
    await expect(page).toHaveURL(/\/pipeline$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible()
  })

  test('the login page sends a signed-in user straight to the dashboard', async ({ page }) => {
    await signIn(page, 'sales.lyon@demo.test')
    await page.goto('/login')
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
  })

  test('a redirect to another site is ignored after login', async ({ page }) => {
    await page.goto('/login?redirect=%2F%2Fevil.example')
    await submitLogin(page, 'viewer.paris@demo.test')
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
  })
})

test.describe('signing out', () => {
  test('logout returns to the login page and protected pages then require signing in', async ({ page }) => {
    await signIn(page, 'manager.lyon@demo.test')
    await openUserMenu(page)
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click()
    await expect(page).toHaveURL(/\/login$/)

    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/organisations')
    await expect(page).toHaveURL(/\/login\?redirect=%2Forganisations$/)
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible()
  })
})

test.describe('session', () => {
  test('the live connection opens once signed in and closes at logout', async ({ page }) => {
    await page.goto('/login')
    const socketOpened = page.waitForEvent('websocket', (socket) => socket.url().includes('/socket.io/'))
    await submitLogin(page, 'manager.paris@demo.test')
    const socket = await socketOpened
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()

    const socketClosed = socket.waitForEvent('close')
    await openUserMenu(page)
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click()
    await socketClosed
    await expect(page).toHaveURL(/\/login$/)
  })

  test('an expired session sends the user back to the login page', async ({ page, context }) => {
    await signIn(page, 'viewer.paris@demo.test')
    await page.getByRole('link', { name: 'Mandats' }).first().click()
    await expect(page.getByRole('heading', { level: 1, name: 'Mandats' })).toBeVisible()
    await context.clearCookies()

    await openUserMenu(page)
    await page.getByRole('menuitemradio', { name: 'Système' }).click()
    await expect(page).toHaveURL(/\/login\?redirect=%2Fmandates$/)
    await submitLogin(page, 'viewer.paris@demo.test')
    await expect(page.getByRole('heading', { level: 1, name: 'Mandats' })).toBeVisible()
  })
})

test.describe('preferences', () => {
  test('the chosen theme survives a reload and follows the account to another device', async ({ page, browser }) => {
    await signIn(page, THEME_ACCOUNT)
    const html = page.locator('html')

    await openUserMenu(page)
    const savedDark = page.waitForResponse((response) => response.url().includes('auth.updatePreferences'))
    await page.getByRole('menuitemradio', { name: 'Sombre' }).click()
    await savedDark
    await expect(html).toHaveClass(/\bdark\b/)
    await page.reload()
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
    await expect(html).toHaveClass(/\bdark\b/)

    await openUserMenu(page)
    await expect(page.getByRole('menuitemradio', { name: 'Sombre' })).toHaveAttribute('aria-checked', 'true')
    const savedLight = page.waitForResponse((response) => response.url().includes('auth.updatePreferences'))
    await page.getByRole('menuitemradio', { name: 'Clair' }).click()
    await savedLight
    await expect(html).toHaveClass(/\blight\b/)
    await page.reload()
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
    await expect(html).toHaveClass(/\blight\b/)
    await expect(html).not.toHaveClass(/\bdark\b/)

    // A device whose system prefers dark still gets the account's light theme once signed in.
    const otherDevice = await browser.newContext({ colorScheme: 'dark' })
    const otherPage = await otherDevice.newPage()
    await signIn(otherPage, THEME_ACCOUNT)
    await expect(otherPage.locator('html')).toHaveClass(/\blight\b/)
    await otherDevice.close()
  })

  test('switching to English changes the interface and is remembered', async ({ page }) => {
    await signIn(page, LANGUAGE_ACCOUNT)
    await openUserMenu(page)
    const saved = page.waitForResponse((response) => response.url().includes('auth.updatePreferences'))
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await saved

    await expect(page.getByTestId('dashboard-greeting')).toHaveText('Hello, Julien Mercier')
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible()

    await page.reload()
    await expect(page.getByTestId('dashboard-greeting')).toHaveText('Hello, Julien Mercier')
    await expect(page.getByTestId('viewer-role')).toHaveText('Sales')
  })

  test('the login page can be switched to English before signing in', async ({ page }) => {
    await page.goto('/login')
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    await expect(page.getByLabel('Email', { exact: true })).toBeVisible()

    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  })
})

test.describe('navigation and states', () => {
  test('every section is reachable from the sidebar and shows its title', async ({ page }) => {
    await signIn(page, 'manager.paris@demo.test')
    const sections = ['Organisations', 'Personnes', 'Pipeline', 'Mandats', 'Produits', 'Tâches', 'Admin']
    for (const section of sections) {
      await mainNavigation(page).getByRole('link', { name: section }).click()
      await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
      await expect(mainNavigation(page).getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page')
    }
  })

  test('the admin area does not exist for a sales account', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/admin')
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
  })

  test('an unknown address shows the 404 page with a way home', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/no-such-page')
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
    await page.getByRole('link', { name: "Retour à l'accueil" }).click()
    await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
  })

  test('an unreachable server shows a readable error and recovers on retry', async ({ page }) => {
    await signIn(page, 'viewer.paris@demo.test')
    await page.route('**/trpc/**', (route) => route.abort('connectionrefused'))
    await page.reload()
    await expect(page.getByText('Impossible de joindre le serveur', { exact: false })).toBeVisible()

    await page.unroute('**/trpc/**')
    await page.getByRole('button', { name: 'Réessayer' }).click()
    await expect(page.getByTestId('dashboard-greeting')).toHaveText('Bonjour, Victor Lambert')
  })

  test('the skip link moves keyboard focus to the main content', async ({ page }) => {
    await signIn(page, 'sales.lyon@demo.test')
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Aller au contenu principal' })
    await expect(skipLink).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('main')).toBeFocused()
  })

  test('the navigation collapses into a drawer on small screens', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page, 'sales.lyon@demo.test')
    await expect(mainNavigation(page)).toBeHidden()

    await page.getByRole('button', { name: 'Ouvrir la navigation' }).click()
    const drawer = page.getByRole('dialog', { name: 'Navigation principale' })
    await drawer.getByRole('link', { name: 'Tâches' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Tâches' })).toBeVisible()
    await expect(drawer).toBeHidden()
  })
})

test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`login and dashboard in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto('/login')
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await page.getByLabel('E-mail', { exact: true }).waitFor()
      await page.screenshot({ path: path.join(SCREENSHOTS, `login-${scheme}.png`), animations: 'disabled' })

      await submitLogin(page, 'admin@demo.test')
      await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${scheme}.png`), animations: 'disabled' })

      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({
        path: path.join(SCREENSHOTS, `dashboard-mobile-${scheme}.png`),
        animations: 'disabled',
        fullPage: true,
      })
      await page.getByRole('button', { name: 'Ouvrir la navigation' }).click()
      await page.screenshot({ path: path.join(SCREENSHOTS, `navigation-mobile-${scheme}.png`), animations: 'disabled' })
    })
  }
})
