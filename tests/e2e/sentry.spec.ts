import { type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import pg from 'pg'
import { TEST_REDIS_URL } from '../support/env.ts'
import { startServerProcess, type ServerProcess } from '../support/processes.ts'
import { startSentrySink, type SentryEnvelopeEvent } from '../support/sentry-sink.ts'
import { DEMO_PASSWORD } from './session.ts'

// Sentry as a user meets it: a third node of this run (same database and Redis) with a DSN that
// points at a loopback envelope sink; the browser learns the DSN from /client-config.json, as in
// production, and both sides send real envelopes that the sink parses.

const databaseUrl = process.env.E2E_DATABASE_URL
const RELEASE = 'alforis-crm@e2e-sentry'

let sink: Awaited<ReturnType<typeof startSentrySink>>
let server: ServerProcess

test.describe.configure({ mode: 'serial' })
test.skip(!databaseUrl, 'needs the database of the run’s own servers (started by the global setup)')

test.beforeAll(async () => {
  test.setTimeout(180_000)
  sink = await startSentrySink()
  server = await startServerProcess(
    {
      DATABASE_URL: databaseUrl!,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: process.env.E2E_REDIS_PREFIX ?? '',
      LOG_LEVEL: 'warn',
      NODE_ID: 'node-e2e-sentry',
      SENTRY_DSN: sink.dsn,
      SENTRY_RELEASE: RELEASE,
      no_proxy: '127.0.0.1,localhost',
    },
    150_000,
  )
})

test.afterAll(async () => {
  await server?.stop()
  await sink?.close()
})

async function signInOnSentryNode(page: Page, email: string) {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByTestId('dashboard-greeting')).toBeVisible()
}

async function eventsMatching(match: (event: SentryEnvelopeEvent) => boolean, atLeast = 1) {
  await expect.poll(() => sink.events.filter(match).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast)
  return sink.events.filter(match)
}

const exceptionValues = (event: SentryEnvelopeEvent) => (event.exception?.values ?? []).map((value) => value.value ?? '')

test('an uncaught error in the browser reaches Sentry once, with the release and the page it happened on', async ({ page }) => {
  await signInOnSentryNode(page, 'sales.paris@demo.test')
  await page.goto(`${server.url}/organisations`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const marker = `e2e-sentry-probe-${Date.now()}`
  await page.evaluate((message) => {
    setTimeout(() => {
      throw new Error(message)
    })
  }, marker)

  const [event] = await eventsMatching((candidate) => exceptionValues(candidate).some((value) => value.includes(marker)))
  expect(event.release).toBe(RELEASE)
  expect(String((event.request as { url?: string } | undefined)?.url)).toContain('/organisations')
  // Sent once: a second look after a pause finds no duplicate.
  await page.waitForTimeout(1_000)
  expect(sink.events.filter((candidate) => exceptionValues(candidate).some((value) => value.includes(marker)))).toHaveLength(1)
})

test('a server failure is shown with its reference and reported once, by the server only', async ({ page }, testInfo) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT p.id FROM "Product" p JOIN "Team" t ON t.id = p."teamId" WHERE t.name = 'Paris' LIMIT 1`,
    )
    expect(rows).toHaveLength(1)
    await signInOnSentryNode(page, 'sales.paris@demo.test')
    const before = sink.events.length

    // The product table disappears for a moment: the record's page cannot load, for a reason that
    // is the server's and not the user's.
    await client.query('ALTER TABLE "Product" RENAME TO "Product_hidden"')
    try {
      await page.goto(`${server.url}/products/${rows[0].id}`)
      await expect(page.getByTestId('route-error')).toBeVisible()
    } finally {
      await client.query('ALTER TABLE "Product_hidden" RENAME TO "Product"')
    }
    await expect(page.getByTestId('route-error')).toContainText('Le serveur a rencontré un problème')
    const reference = (await page.getByTestId('incident-reference').textContent())?.replace(/^.*:\s*/, '').trim()
    expect(reference).toMatch(/^[\w.:-]{8,}$/)
    await page.screenshot({ path: testInfo.outputPath('route-error-with-reference.png') })

    const reported = await eventsMatching((event) => event.tags?.correlationId === reference)
    await page.waitForTimeout(1_500)
    // The client retried the load: each attempt is its own event with its own id, the shown one once.
    const attempts = sink.events.slice(before).filter((event) => event.tags?.procedure === 'products.byId')
    expect(new Set(attempts.map((event) => event.tags?.correlationId)).size).toBe(attempts.length)
    expect(attempts.filter((event) => event.tags?.correlationId === reference)).toHaveLength(1)
    expect(reported[0]).toMatchObject({ release: RELEASE, tags: { procedure: 'products.byId', node: 'node-e2e-sentry' } })
    // The browser did not send its own copy of an error the user already saw answered.
    const fromBrowser = sink.events.slice(before).filter((event) => (event.sdk as { name?: string } | undefined)?.name?.includes('react') || (event.sdk as { name?: string } | undefined)?.name?.includes('browser'))
    expect(fromBrowser).toHaveLength(0)

    // The retry works once the table is back.
    await page.getByRole('button', { name: 'Réessayer' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  } finally {
    await client.end()
  }
})
