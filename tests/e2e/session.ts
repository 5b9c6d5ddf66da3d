import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test'

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo1234'

const watched = new WeakSet<BrowserContext>()

/**
 * Fails the running test (softly: it goes on, then reports) on any Content-Security-Policy
 * violation in this page's context. Every sign-in helper below installs it, so each spec that signs
 * in checks that its screens work under the policy the server sends.
 */
export async function failOnCspViolation(page: Page): Promise<void> {
  const context = page.context()
  if (watched.has(context)) return
  watched.add(context)
  await context.exposeBinding('__reportCspViolation', ({ page: source }, violation: Record<string, string>) => {
    expect.soft(violation, `Content-Security-Policy violation on ${source?.url()}`).toBeUndefined()
  })
  const listen = () => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation(v: Record<string, string>): void }).__reportCspViolation
      report({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        sample: event.sample,
      })
    })
  }
  await context.addInitScript(listen)
  // The page may already be open (the init script only runs on the next navigation).
  await page.evaluate(listen).catch(() => undefined)
}

/** Fills and submits the login form; the caller decides where it should land. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await failOnCspViolation(page)
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** Signs in from the login page and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await failOnCspViolation(page)
  await page.goto('/login')
  await submitLogin(page, email, password)
  await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
}

export async function openUserMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /(menu utilisateur|user menu)$/i }).click()
  await expect(page.getByRole('menu')).toBeVisible()
}

/** Calls a tRPC procedure over HTTP with a request context's session; fails the test on an error answer. */
export async function callApi(request: APIRequestContext, procedure: string, input: unknown) {
  const response = await request.post(`/trpc/${procedure}`, { data: { json: input } })
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true)
  return (await response.json()).result.data.json
}
