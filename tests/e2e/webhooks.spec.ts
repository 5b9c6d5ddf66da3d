import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type APIRequestContext, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts'
import { signIn, callApi } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')


let receiver: WebhookReceiver
test.beforeAll(async () => {
  receiver = await startWebhookReceiver()
})
test.afterAll(async () => {
  await receiver?.close()
})

/** Leaves no endpoint behind: the other specs' events would keep calling a closed receiver. */
async function deleteWebhooks(page: Page) {
  for (const webhook of await callApi(page.request, 'webhooks.list', undefined)) await callApi(page.request, 'webhooks.delete', { id: webhook.id })
}

async function openWebhooks(page: Page) {
  await signIn(page, 'admin@demo.test')
  await page.goto('/webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible()
}

test('an admin creates a webhook, sees its secret once, pings it, watches a delivery arrive live and replays it', async ({ page }) => {
  await openWebhooks(page)
  await deleteWebhooks(page)
  await page.reload()
  await expect(page.getByText('Aucun webhook')).toBeVisible()

  // Create: a private address is refused with a field message, then the receiver's URL is taken.
  await page.getByTestId('webhook-create').click()
  const form = page.getByRole('dialog', { name: 'Nouveau webhook' })
  await form.getByLabel('URL du point de terminaison').fill('pas une adresse')
  await form.getByRole('button', { name: 'Créer le webhook' }).click()
  await expect(form.getByText('Saisissez une adresse http:// ou https:// valide')).toBeVisible()
  await form.getByLabel('URL du point de terminaison').fill(receiver.url('/e2e'))
  await form.getByLabel('Description').fill('Synchronisation e2e')
  await expect(form.getByRole('checkbox', { name: /Organisations/ })).toBeChecked()
  await form.getByRole('button', { name: 'Créer le webhook' }).click()

  const secretDialog = page.getByTestId('webhook-secret-dialog')
  const secretField = secretDialog.getByTestId('webhook-secret-value')
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9+/]{40,}=*$/)
  const secret = await secretField.inputValue()
  await expect(secretDialog.getByRole('button', { name: 'Copier' })).toBeVisible()
  await secretDialog.getByRole('button', { name: "C'est noté" }).click()
  await expect(secretDialog).toBeHidden()
  // Once closed, the secret is nowhere: not on the page, not after a reload.
  await expect(page.getByTestId('webhook-card')).toHaveCount(1)
  expect(await page.content()).not.toContain(secret.slice(6))
  await page.reload()
  await expect(page.getByTestId('webhook-card')).toHaveCount(1)
  expect(await page.content()).not.toContain(secret.slice(6))

  // Test ping: the endpoint's answer is shown.
  receiver.respond('/e2e', () => ({ status: 200, body: 'pong e2e' }))
  await page.getByTestId('webhook-test').click()
  await expect(page.getByTestId('webhook-ping-result')).toContainText(/Le point de terminaison a répondu 200 en \d+ ms/)
  await expect(page.getByTestId('webhook-ping-result')).toContainText('pong e2e')
  expect(receiver.at('/e2e')).toHaveLength(1)

  // The log is open and live: a change made elsewhere shows up without reloading.
  await page.getByTestId('webhook-log-toggle').click()
  const rows = page.getByTestId('delivery-row')
  await expect(rows).toHaveCount(1)
  await expect(page.getByTestId('delivery-log-live')).toHaveText('En direct')
  const organisation = await callApi(page.request, 'organisations.create', { name: 'Caisse des Dépôts e2e', type: 'INVESTOR' })
  const created = rows.filter({ hasText: 'organisation.created' })
  await expect(created).toHaveCount(1)
  await expect(created.getByText('Réussi')).toBeVisible()
  const first = receiver.at('/e2e').find((request) => request.body.includes(organisation.id))!
  expect(first).toBeDefined()

  // Replay: the same message, the same webhook-id, once more.
  await created.getByTestId('delivery-replay').click()
  await expect(page.getByTestId('replay-notice')).toHaveText('Envoi relancé')
  await expect.poll(() => receiver.at('/e2e').filter((request) => request.headers['webhook-id'] === first.headers['webhook-id']).length).toBe(2)
  await expect(created.getByRole('cell', { name: '2', exact: true })).toBeVisible()

  await deleteWebhooks(page)
})

test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`webhooks screen in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await openWebhooks(page)
      await deleteWebhooks(page)
      receiver.respond('/down', () => ({ status: 503, body: 'Service Unavailable' }))
      const { webhook } = await callApi(page.request, 'webhooks.create', {
        url: receiver.url('/crm/events'),
        events: ['organisation.*', 'mandate.signed'],
        description: 'Synchronisation avec le back-office',
      })
      await callApi(page.request, 'webhooks.create', { url: receiver.url('/down'), events: ['*'], description: 'Entrepôt de données' })
      await callApi(page.request, 'webhooks.test', { id: webhook.id })
      await callApi(page.request, 'organisations.create', { name: `Gestion Privée ${scheme}`, type: 'INVESTOR' })

      await page.goto(`/webhooks?webhook=${webhook.id}`)
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`))
      await expect(page.getByTestId('delivery-row')).toHaveCount(2)
      // On a desktop the log fits its card: every row's replay button is in view, no sideways scroll.
      const logBox = page.getByTestId('delivery-log').locator('table').locator('..')
      const overflow = () => logBox.evaluate((box) => box.scrollWidth - box.clientWidth)
      expect(await overflow()).toBeLessThanOrEqual(0)
      await page.screenshot({ path: path.join(SCREENSHOTS, `webhooks-${scheme}.png`), animations: 'disabled', fullPage: true })

      // On a phone the page never scrolls sideways: the log scrolls inside its own box.
      await page.setViewportSize({ width: 390, height: 844 })
      await expect(page.getByTestId('delivery-row')).toHaveCount(2)
      const pageWidth = () => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))
      expect(await pageWidth()).toBeLessThanOrEqual(390)
      expect(await overflow()).toBeGreaterThan(0)
      await logBox.scrollIntoViewIfNeeded()
      await logBox.evaluate((box) => box.scrollTo({ left: box.scrollWidth }))
      await expect(page.getByTestId('delivery-replay').first()).toBeInViewport()
      expect(await pageWidth()).toBeLessThanOrEqual(390)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: path.join(SCREENSHOTS, `webhooks-mobile-${scheme}.png`), animations: 'disabled', fullPage: true })
      await page.setViewportSize({ width: 1280, height: 800 })

      await page.getByTestId('webhook-create').click()
      await expect(page.getByTestId('webhook-event-picker')).toBeVisible()
      await page.screenshot({ path: path.join(SCREENSHOTS, `webhook-create-${scheme}.png`), animations: 'disabled' })
      await page.keyboard.press('Escape')

      await deleteWebhooks(page)
    })
  }
})
