import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo1234'

/** Fills and submits the login form; the caller decides where it should land. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** Signs in from the login page and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await submitLogin(page, email, password)
  await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
}

export async function openUserMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Menu utilisateur|User menu)$/ }).click()
  await expect(page.getByRole('menu')).toBeVisible()
}
