import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signIn } from './session.ts'

// A salesperson's day without dead ends: log activity from anywhere, every record has a page,
// duplicates are caught, and no link the app renders leads to a "not found" page.

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
test.describe.configure({ timeout: 240_000 })
const LIVE = { timeout: 15_000 }

// Accounts whose saved theme and language no other spec changes.
const CAMILLE = 'camille.fournier@demo.test'
const MARC = 'manager.paris@demo.test'

/** The second server process of the run (same database and Redis). */
const SECOND_NODE = process.env.E2E_SECOND_NODE_URL

let sequence = 0
function uniqueName(prefix: string): string {
  sequence += 1
  return `${prefix} ${Date.now().toString(36)}${sequence}`
}

async function signedInPage(
  browser: Browser,
  email: string,
  options: { colorScheme?: 'light' | 'dark'; baseURL?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
  })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

async function call<T>(page: Page, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const response =
    kind === 'mutation'
      ? await page.request.post(`/trpc/${procedure}`, { data: { json: input } })
      : await page.request.get(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
  const body = await response.json()
  expect(response.status(), JSON.stringify(body)).toBe(200)
  return body.result.data.json as T
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })

test.describe('logging activity', () => {
  test('a call logged from a pipeline card shows on the organisation page and live on a teammate’s timeline (other node)', async ({ browser }) => {
    const camille = await signedInPage(browser, CAMILLE)
    const marc = await signedInPage(browser, MARC, { baseURL: SECOND_NODE })
    const name = uniqueName('Appel E2E')
    // The largest amount a CRM allows puts the card at the top of its column.
    const { id } = await call<{ id: string }>(camille, 'organisations.create', { name, type: 'INVESTOR', stage: 'QUALIFIED', potentialAmount: 99_000_000_000 })

    await marc.goto(`/organisations/${id}`)
    await expect(marc.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(marc.getByTestId('organisation-timeline')).toBeVisible()

    await camille.goto('/pipeline')
    const card = camille.locator(`[data-card-id="${id}"]`)
    await card.hover()
    await card.getByRole('button', { name: 'Enregistrer une activité' }).click()
    await camille.getByRole('menuitem', { name: 'Appel' }).click()
    const dialog = camille.getByTestId('log-activity-dialog')
    await expect(dialog.getByRole('radio', { name: 'Appel' })).toBeChecked()
    await expect(dialog.getByRole('combobox', { name: 'Organisation' })).toHaveValue(name)
    const summary = uniqueName('Appel de découverte')
    await dialog.getByLabel('Résumé').fill(summary)
    await dialog.getByLabel('Créer une tâche de suivi').check()
    await expect(dialog.getByRole('textbox', { name: 'Tâche de suivi' })).toHaveValue(`Relancer ${name}`)
    await shot(camille, 'activity-log-dialog-light')
    await dialog.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(dialog).toBeHidden()
    await expect(camille.getByTestId('toast')).toContainText('Appel enregistré(e), avec sa tâche de suivi.')

    // The teammate on the other node sees it arrive on the timeline without reloading.
    await expect(marc.getByTestId('organisation-timeline')).toContainText(summary, LIVE)
    await expect(marc.getByTestId('organisation-timeline')).toContainText('Camille Fournier a enregistré : Appel')
    await expect(marc.getByTestId('organisation-interactions')).toContainText(summary, LIVE)
    await expect(marc.getByTestId('organisation-tasks')).toContainText(`Relancer ${name}`, LIVE)

    // The card opens its organisation, where the call and its follow-up are listed.
    await camille.getByTestId('toast').getByRole('button', { name: 'Fermer la notification' }).click()
    await card.getByTestId('pipeline-card-name').click()
    await expect(camille).toHaveURL(new RegExp(`/organisations/${id}$`))
    await expect(camille.getByTestId('organisation-interactions')).toContainText(summary)

    // Enter on a focused card opens it too, and drag-and-drop still moves it.
    await camille.goto('/pipeline')
    await card.focus()
    await camille.keyboard.press('Enter')
    await expect(camille).toHaveURL(new RegExp(`/organisations/${id}$`))

    // The "A" shortcut on the record page opens the form; the author edits and deletes the call.
    await camille.keyboard.press('a')
    await expect(camille.getByTestId('log-activity-dialog')).toBeVisible()
    await camille.keyboard.press('Escape')
    await expect(camille.getByTestId('log-activity-dialog')).toBeHidden()
    const item = camille.getByTestId('organisation-interactions').getByTestId('interaction-item').filter({ hasText: summary })
    await item.getByRole('button', { name: 'Actions sur l’activité' }).click()
    await camille.getByRole('menuitem', { name: 'Supprimer' }).click()
    await camille.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click()
    await expect(camille.getByTestId('organisation-interactions')).not.toContainText(summary)
    await expect(marc.getByTestId('organisation-interactions')).not.toContainText(summary, LIVE)
  })
})

test.describe('every record has a page', () => {
  test('a task notification opens the task page, where it is completed and the completion undone', async ({ browser }) => {
    const marc = await signedInPage(browser, MARC)
    const members = await call<{ items: { id: string; email: string }[] }>(marc, 'users.list', { q: CAMILLE }, 'query')
    const camilleId = members.items.find((user) => user.email === CAMILLE)!.id
    const organisation = await call<{ id: string; name: string }>(marc, 'organisations.create', { name: uniqueName('Tâche E2E'), type: 'INVESTOR' })
    const title = uniqueName('Envoyer le DICI')
    const task = await call<{ id: string }>(marc, 'tasks.create', { title, assigneeId: camilleId, organisationId: organisation.id, description: 'Version 2025 du DICI.' })

    const camille = await signedInPage(browser, CAMILLE)
    await camille.getByRole('button', { name: /^Notifications/ }).click()
    await camille.getByRole('button', { name: new RegExp(`Tâche assignée : ${title}`) }).click()
    await expect(camille).toHaveURL(new RegExp(`/tasks/${task.id}$`))
    await expect(camille.getByTestId('task-title')).toHaveText(title)
    await expect(camille.getByTestId('task-page')).toContainText('Version 2025 du DICI.')
    await expect(camille.getByRole('link', { name: organisation.name })).toHaveAttribute('href', `/organisations/${organisation.id}`)
    await expect(camille.getByTestId('task-history')).toContainText('Marc Lefebvre a créé la tâche')
    await shot(camille, 'task-page-light')

    await camille.getByRole('button', { name: 'Terminer' }).click()
    await expect(camille.getByTestId('task-status')).toHaveText('Terminée')
    await camille.getByTestId('toast').getByRole('button', { name: 'Annuler' }).click()
    await expect(camille.getByTestId('task-status')).toHaveText('À faire')
    await expect(camille.getByTestId('task-history')).toContainText('Camille Fournier a terminé la tâche')

    // A malformed or unknown task id is a proper "not found", not a crash.
    await camille.goto('/tasks/00000000-0000-4000-8000-000000000000')
    await expect(camille.getByTestId('not-found')).toBeVisible()

    const dark = await signedInPage(browser, CAMILLE, { colorScheme: 'dark' })
    await dark.goto(`/tasks/${task.id}`)
    await expect(dark.getByTestId('task-title')).toHaveText(title)
    await shot(dark, 'task-page-dark')
    const phone = await signedInPage(browser, CAMILLE, { viewport: { width: 390, height: 844 } })
    await phone.goto(`/tasks/${task.id}`)
    await expect(phone.getByTestId('task-title')).toHaveText(title)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(phone, 'task-page-phone')
  })
})

test.describe('sense in the data', () => {
  test('creating an organisation like an existing one warns, links to it, and “créer quand même” creates it', async ({ browser }) => {
    const camille = await signedInPage(browser, CAMILLE)
    const name = uniqueName('Gestion Privée Étoile')
    const existing = await call<{ id: string }>(camille, 'organisations.create', { name, type: 'SUPPLIER' })
    await camille.goto('/organisations')
    await camille.getByRole('button', { name: 'Nouvelle organisation' }).first().click()
    const dialog = camille.getByRole('dialog', { name: 'Nouvelle organisation' })
    // Another case and no accents: still the same normalised name.
    await dialog.getByLabel('Nom', { exact: true }).fill(name.toUpperCase().replace('É', 'E'))
    const warning = dialog.getByTestId('duplicate-warning')
    await expect(warning).toContainText('Cette fiche ressemble à une fiche existante')
    await expect(warning.getByRole('link', { name: `Ouvrir ${name}` })).toHaveAttribute('href', `/organisations/${existing.id}`)

    // The amount is bounded, in French, as the user types it and on submit.
    await dialog.getByLabel('Type').selectOption('INVESTOR')
    await dialog.getByLabel(/Montant potentiel/).fill('10000000000000')
    await dialog.getByRole('button', { name: "Créer l'organisation" }).click()
    await expect(dialog).toContainText('Le montant ne peut pas dépasser 100 milliards d’euros.')
    await dialog.getByLabel('Téléphone').fill('abc')
    await dialog.getByLabel(/Montant potentiel/).fill('2500000')
    await dialog.getByRole('button', { name: "Créer l'organisation" }).click()
    await expect(dialog).toContainText('Numéro de téléphone invalide')
    await dialog.getByLabel('Téléphone').fill('')
    await shot(camille, 'duplicate-warning-light')

    // The first attempt stops at the warning; "créer quand même" goes through.
    await dialog.getByRole('button', { name: "Créer l'organisation" }).click()
    await expect(dialog).toBeVisible()
    await warning.getByRole('button', { name: 'Créer quand même' }).click()
    await expect(camille).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/)
    expect(camille.url()).not.toContain(existing.id)
  })
})

// ── The link follower ──
const ROLES = {
  ADMIN: 'admin@demo.test',
  MANAGER: MARC,
  SALES: CAMILLE,
  VIEWER: 'viewer.paris@demo.test',
}
const START_SCREENS = ['/', '/organisations', '/people', '/pipeline', '/mandates', '/products', '/tasks', '/settings', '/settings/tokens']
/** Administration is a start screen only for the roles that have it (the others get no link to it). */
const startScreensOf = (role: string) => (role === 'ADMIN' || role === 'MANAGER' ? [...START_SCREENS, '/admin'] : START_SCREENS)
/** Record pages are many: a few of each kind are enough to check that the kind has a page. */
const PER_PATTERN = 3
const NOT_FOUND = '[data-testid="not-found"], [data-testid$="-not-found"]'

const patternOf = (href: string) => href.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').split('?')[0]

/** The same-origin links of the page; a file offered for download is fetched rather than visited. */
async function hrefsOn(page: Page): Promise<{ href: string; download: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((anchor) => ({ url: new URL(anchor.href, location.href), download: anchor.hasAttribute('download') }))
      .filter(({ url }) => url.origin === location.origin)
      .map(({ url, download }) => ({ href: url.pathname + url.search, download })),
  )
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined)
}

for (const [role, email] of Object.entries(ROLES)) {
  test(`every link rendered for ${role.toLowerCase()} leads to a page (start screens, records they link to, notifications)`, async ({ browser }) => {
    const page = await signedInPage(browser, email)
    const visited = new Set<string>()
    const perPattern = new Map<string, number>()
    const queue: Array<{ href: string; from: string }> = startScreensOf(role).map((href) => ({ href, from: '(start)' }))
    const downloads = new Map<string, string>()
    const notifications = await call<{ items: { link: string | null }[] }>(page, 'notifications.list', { limit: 100 }, 'query')
    for (const { link } of notifications.items) if (link) queue.push({ href: link, from: '(notification)' })

    const broken: string[] = []
    while (queue.length > 0) {
      const { href, from } = queue.shift()!
      const pattern = patternOf(href)
      if (visited.has(href) || href.startsWith('/trpc') || href.startsWith('/api')) continue
      if ((perPattern.get(pattern) ?? 0) >= PER_PATTERN) continue
      visited.add(href)
      perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1)
      await page.goto(href)
      await settle(page)
      if ((await page.locator(NOT_FOUND).count()) > 0) broken.push(`${href} (linked from ${from})`)
      for (const next of await hrefsOn(page)) {
        if (next.download) downloads.set(next.href, href)
        else if (!visited.has(next.href)) queue.push({ href: next.href, from: href })
      }
    }
    for (const [href, from] of downloads) {
      const response = await page.request.get(href)
      if (!response.ok()) broken.push(`${href} (download linked from ${from}): HTTP ${response.status()}`)
    }
    expect(broken, `links leading to a not-found page for ${role}`).toEqual([])
    // The crawl reached record pages of every kind the role can see, not only the start screens.
    expect([...perPattern.keys()]).toEqual(expect.arrayContaining(['/organisations/:id', '/people/:id', '/tasks/:id']))
  })
}
