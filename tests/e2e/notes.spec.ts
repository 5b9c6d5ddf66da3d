import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type Locator, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { submitLogin } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

type Scheme = 'light' | 'dark'

// Two or three people (browser contexts) per test on a small shared machine: give it time.
test.describe.configure({ timeout: 180_000 })
const LIVE_DELAY = { timeout: 10_000 }

const SOPHIE = { email: 'sales.paris@demo.test', name: 'Sophie Bernard' }
const CAMILLE = { email: 'camille.fournier@demo.test', name: 'Camille Fournier' }
const VICTOR = { email: 'viewer.paris@demo.test', name: 'Victor Lambert' }

function sessionFile(email: string): string {
  return path.join(test.info().project.outputDir, 'notes-sessions', `${email}.json`)
}

/** A browser context of its own per person, signed in once per run and reused afterwards. */
async function signedIn(browser: Browser, email: string, scheme: Scheme = 'light'): Promise<Page> {
  const file = sessionFile(email)
  const context = await browser.newContext({ colorScheme: scheme, storageState: fs.existsSync(file) ? file : undefined })
  const page = await context.newPage()
  await page.goto('/')
  const greeting = page.getByTestId('dashboard-greeting')
  const emailField = page.getByLabel('E-mail', { exact: true })
  await expect(greeting.or(emailField)).toBeVisible({ timeout: 30_000 })
  if (await emailField.isVisible()) {
    await submitLogin(page, email)
    await expect(greeting).toBeVisible({ timeout: 30_000 })
    await context.storageState({ path: file })
  }
  return page
}

let sequence = 0
/** A fresh organisation of the Paris team, so that no test sees another's notes. */
async function createOrganisation(page: Page): Promise<string> {
  return (await createNamedOrganisation(page)).id
}

async function createNamedOrganisation(page: Page): Promise<{ id: string; name: string }> {
  sequence += 1
  const name = `Notes E2E ${Date.now().toString(36)}${sequence}`
  const response = await page.request.post('/trpc/organisations.create', { data: { json: { name, type: 'INVESTOR' } } })
  const body = await response.json()
  expect(response.status(), JSON.stringify(body)).toBe(200)
  return { id: body.result.data.json.id as string, name }
}

const notesCard = (page: Page) => page.getByTestId('organisation-notes')
const notesStatus = (page: Page) => page.getByTestId('notes-status')
const notesContent = (page: Page) => page.getByTestId('notes-editor').locator('.cm-content')
const remoteCaret = (page: Page, name: string) => page.getByTestId('notes-editor').locator('.cm-ySelectionCaret', { hasText: name })

async function openNotes(page: Page, organisationId: string): Promise<Locator> {
  await page.goto(`/organisations/${organisationId}`)
  await expect(notesStatus(page)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
  await expect(notesContent(page)).toBeVisible()
  return notesContent(page)
}

/** The document's text as the editor shows it, without the remote cursors' name tags. */
function notesText(page: Page): Promise<string> {
  return notesContent(page).evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement
    for (const widget of copy.querySelectorAll('.cm-ySelectionCaret, .cm-placeholder')) widget.remove()
    return [...copy.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '').join('\n')
  })
}

/** Puts the caret at the start or the end of the document, as a user would with the keyboard. */
async function placeCaret(page: Page, where: 'start' | 'end'): Promise<void> {
  await notesContent(page).click()
  await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End')
}

test.describe('co-edited organisation notes', () => {
  test('two sellers type at once: both see every character, each other’s cursor, and it survives a reload', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const camille = await signedIn(browser, CAMILLE.email)
    const organisationId = await createOrganisation(sophie)
    await openNotes(sophie, organisationId)
    await openNotes(camille, organisationId)

    await placeCaret(sophie, 'start')
    await sophie.keyboard.type('Rendez-vous')
    await expect.poll(() => notesText(camille), LIVE_DELAY).toBe('Rendez-vous')
    // A pause in typing closes an undo step (Y.UndoManager groups changes less than 500 ms apart).
    await sophie.waitForTimeout(600)

    await placeCaret(sophie, 'start')
    await placeCaret(camille, 'end')
    // Each sees where the other is, with their name.
    await expect(remoteCaret(sophie, CAMILLE.name)).toBeVisible(LIVE_DELAY)
    await expect(remoteCaret(camille, SOPHIE.name)).toBeVisible(LIVE_DELAY)

    await Promise.all([
      sophie.keyboard.type('Appel été : ', { delay: 40 }),
      camille.keyboard.type(' confirmé à 14 h', { delay: 40 }),
    ])
    const expected = 'Appel été : Rendez-vous confirmé à 14 h'
    await expect.poll(() => notesText(sophie), LIVE_DELAY).toBe(expected)
    await expect.poll(() => notesText(camille), LIVE_DELAY).toBe(expected)
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved')
    await expect(notesStatus(sophie)).toHaveText('Enregistré')
    await expect(notesStatus(camille)).toHaveAttribute('data-status', 'saved')

    // Acknowledged means stored: a reload brings back every character.
    await camille.reload()
    await expect(notesStatus(camille)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
    await expect.poll(() => notesText(camille)).toBe(expected)
    await expect(notesContent(camille)).toHaveAttribute('contenteditable', 'true')

    // Undo takes back Sophie's own last words only, for everyone; redo puts them back.
    await sophie.keyboard.press('Control+z')
    await expect.poll(() => notesText(camille), LIVE_DELAY).toBe('Rendez-vous confirmé à 14 h')
    // A real keyboard reports "Z" with Shift held; Playwright only does when told so.
    await sophie.keyboard.press('Control+Shift+Z')
    await expect.poll(() => notesText(camille), LIVE_DELAY).toBe(expected)

    await Promise.all([sophie, camille].map((page) => page.context().close()))
  })

  test('a viewer follows the notes live but cannot type in them', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const victor = await signedIn(browser, VICTOR.email)
    const organisationId = await createOrganisation(sophie)
    await openNotes(sophie, organisationId)
    const viewerEditor = await openNotes(victor, organisationId)

    await expect(notesCard(victor).getByText('Lecture seule')).toBeVisible()
    await expect(viewerEditor).toHaveAttribute('contenteditable', 'false')
    await expect(viewerEditor).not.toBeEditable()
    await expect(viewerEditor).toContainText('Aucune note pour le moment.')
    await expect(notesStatus(victor)).toHaveText('À jour')

    await placeCaret(sophie, 'end')
    await sophie.keyboard.type('Visible en direct')
    await expect.poll(() => notesText(victor), LIVE_DELAY).toBe('Visible en direct')
    await expect(remoteCaret(victor, SOPHIE.name)).toBeVisible(LIVE_DELAY)

    await notesCard(victor).screenshot({ path: path.join(SCREENSHOTS, 'notes-card-viewer-light.png'), animations: 'disabled' })
    await viewerEditor.click()
    await victor.keyboard.type('xyz')
    await victor.keyboard.press('Backspace')
    await expect(notesStatus(victor)).toHaveAttribute('data-status', 'saved')
    await expect.poll(() => notesText(victor)).toBe('Visible en direct')
    await expect.poll(() => notesText(sophie)).toBe('Visible en direct')

    await Promise.all([sophie, victor].map((page) => page.context().close()))
  })

  test('changes typed while offline are sent once the connection is back', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const camille = await signedIn(browser, CAMILLE.email)
    const organisationId = await createOrganisation(sophie)

    // Sophie's Socket.IO traffic goes through a relay the test can cut.
    let offline = false
    const relays: { close: () => Promise<void> }[] = []
    await sophie.routeWebSocket(/\/socket\.io\//, (socket) => {
      if (offline) return void socket.close()
      socket.connectToServer()
      relays.push(socket)
    })
    await openNotes(sophie, organisationId)
    await openNotes(camille, organisationId)

    offline = true
    await sophie.route('**/socket.io/**', (route) => route.abort())
    await Promise.all(relays.map((socket) => socket.close()))
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'offline', LIVE_DELAY)
    await expect(notesStatus(sophie)).toHaveText('Hors ligne — vos modifications seront envoyées à la reconnexion')

    await placeCaret(sophie, 'end')
    await sophie.keyboard.type('Écrit hors ligne')
    await placeCaret(camille, 'end')
    await camille.keyboard.type('En ligne. ')
    await expect.poll(() => notesText(sophie)).toBe('Écrit hors ligne')
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'offline')
    expect(await notesText(camille)).toBe('En ligne. ')

    offline = false
    await sophie.unroute('**/socket.io/**')
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
    // Both edits merged, in the same order for both.
    await expect.poll(() => notesText(camille), LIVE_DELAY).toMatch(/^(En ligne\. Écrit hors ligne|Écrit hors ligneEn ligne\. )$/)
    const merged = await notesText(camille)
    await expect.poll(() => notesText(sophie), LIVE_DELAY).toBe(merged)

    await camille.reload()
    await expect(notesStatus(camille)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
    await expect.poll(() => notesText(camille)).toBe(merged)

    await Promise.all([sophie, camille].map((page) => page.context().close()))
  })

  test('changes typed offline survive closing the tab: the next visit sends them', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const camille = await signedIn(browser, CAMILLE.email)
    const organisationId = await createOrganisation(sophie)
    await openNotes(sophie, organisationId)
    await openNotes(camille, organisationId)

    // Sophie loses the network; this tab never gets it back.
    await sophie.context().setOffline(true)
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'offline', { timeout: 20_000 })
    await placeCaret(sophie, 'end')
    await sophie.keyboard.type('Gardé hors ligne')
    await expect.poll(() => notesText(sophie)).toBe('Gardé hors ligne')

    // The tab is closed before the connection comes back; later she opens the organisation again.
    const context = sophie.context()
    await sophie.close({ runBeforeUnload: false })
    await context.setOffline(false)
    const again = await context.newPage()
    await openNotes(again, organisationId)
    await expect.poll(() => notesText(again), LIVE_DELAY).toBe('Gardé hors ligne')
    await expect.poll(() => notesText(camille), LIVE_DELAY).toBe('Gardé hors ligne')
    await camille.reload()
    await expect(notesStatus(camille)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
    await expect.poll(() => notesText(camille)).toBe('Gardé hors ligne')

    await Promise.all([again, camille].map((page) => page.context().close()))
  })

  test('a paste beyond the notes limit is refused with a message, and nothing half-written', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const organisationId = await createOrganisation(sophie)
    await openNotes(sophie, organisationId)
    await placeCaret(sophie, 'end')
    await sophie.keyboard.insertText('Début. ')
    await sophie.keyboard.insertText('x'.repeat(20_000))
    await expect(sophie.getByTestId('notes-too-long')).toHaveText('Les notes sont limitées à 20 000 caractères : ce texte n’a pas été ajouté.')
    await expect.poll(() => notesText(sophie)).toBe('Début. ')
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved')
    await sophie.reload()
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 })
    await expect.poll(() => notesText(sophie)).toBe('Début. ')
    await sophie.context().close()
  })

  test('notes that cannot be opened say so, and retrying opens them', async ({ browser }) => {
    const sophie = await signedIn(browser, SOPHIE.email)
    const organisation = await createNamedOrganisation(sophie)

    // The server refuses the first `notes:join` (answered here, in Socket.IO's wire format).
    let refusals = 1
    let upgraded: () => void = () => undefined
    const websocketInUse = new Promise<void>((resolve) => (upgraded = resolve))
    await sophie.routeWebSocket(/\/socket\.io\//, (socket) => {
      const server = socket.connectToServer()
      socket.onMessage((message) => {
        if (message === '5') upgraded()
        const join = typeof message === 'string' ? /^42(\d+)\["notes:join"/.exec(message) : null
        if (join && refusals > 0) {
          refusals -= 1
          return socket.send(`43${join[1]}[{"ok":false,"error":"UNAVAILABLE"}]`)
        }
        server.send(message)
      })
    })
    // Reach the page without reloading, once the socket runs over the intercepted WebSocket.
    await sophie.goto('/organisations')
    await websocketInUse
    await sophie.getByRole('link', { name: organisation.name }).click()

    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'error')
    const alert = notesCard(sophie).getByRole('alert')
    await expect(alert).toContainText('Impossible d’ouvrir les notes')
    await expect(alert).toContainText('Le serveur ne répond pas.')
    await expect(sophie.getByTestId('notes-editor')).toHaveCount(0)
    await notesCard(sophie).screenshot({ path: path.join(SCREENSHOTS, 'notes-card-error-light.png'), animations: 'disabled' })

    await alert.getByRole('button', { name: 'Réessayer' }).click()
    await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved')
    await expect(notesContent(sophie)).toHaveAttribute('contenteditable', 'true')
    await sophie.context().close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    test(`the notes card with a colleague’s cursor (${scheme})`, async ({ browser }) => {
      const sophie = await signedIn(browser, SOPHIE.email, scheme)
      const camille = await signedIn(browser, CAMILLE.email, scheme)
      const organisationId = await createOrganisation(sophie)
      await openNotes(sophie, organisationId)
      await openNotes(camille, organisationId)

      await placeCaret(camille, 'end')
      await camille.keyboard.type('Contact : Jeanne Martin, directrice financière.')
      await camille.keyboard.press('Enter')
      await camille.keyboard.type('Prochaine étape : envoyer la plaquette du fonds ')
      await expect(remoteCaret(sophie, CAMILLE.name)).toBeVisible(LIVE_DELAY)
      await placeCaret(sophie, 'start')
      await sophie.keyboard.type('Priorité haute. ')
      await expect(notesStatus(sophie)).toHaveAttribute('data-status', 'saved')
      await expect.poll(() => notesText(camille), LIVE_DELAY).toContain('Priorité haute. Contact')

      await notesCard(sophie).scrollIntoViewIfNeeded()
      await notesCard(sophie).screenshot({ path: path.join(SCREENSHOTS, `notes-card-${scheme}.png`), animations: 'disabled' })
      await Promise.all([sophie, camille].map((page) => page.context().close()))
    })
  }
})
