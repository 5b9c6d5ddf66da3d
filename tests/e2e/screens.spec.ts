import { mkdirSync, writeFileSync } from 'node:fs'
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { expectNoHorizontalScroll, seriousAxeViolations, waitForScreen, type AxeFinding } from './a11y.ts'
import { signIn } from './session.ts'

// Every screen, for every role, in both themes, on a desktop (1280 px) and a phone (390 px):
// no serious or critical axe finding, and never a page wider than the window. Each axe pass takes
// seconds, so it runs on every screen at desktop width; at phone width (the same content) on the
// first screen only (the phone's own chrome: the top bar and its menu button), while the
// sideways-scroll check runs on every screen. The admin sees every screen and control: axe checks
// them in both themes. The other roles see the same screens with fewer controls (and a few of their
// own): one theme each, alternating, so each role's own variants are checked too.
const ROLES = [
  { role: 'ADMIN', email: 'admin@demo.test', axeThemes: ['light', 'dark'] },
  { role: 'MANAGER', email: 'manager.paris@demo.test', axeThemes: ['dark'] },
  { role: 'SALES', email: 'sales.paris@demo.test', axeThemes: ['light'] },
  { role: 'VIEWER', email: 'viewer.paris@demo.test', axeThemes: ['dark'] },
] as const

const SETUPS = [
  { name: 'desktop light', width: 1280, height: 800, colorScheme: 'light' },
  { name: 'desktop dark', width: 1280, height: 800, colorScheme: 'dark' },
  { name: 'phone light', width: 390, height: 844, colorScheme: 'light' },
  { name: 'phone dark', width: 390, height: 844, colorScheme: 'dark' },
] as const

async function firstId(page: Page, procedure: string): Promise<string | null> {
  const response = await page.request.get(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`)
  if (!response.ok()) return null
  const body = await response.json()
  return (body.result.data.json.items[0]?.id as string | undefined) ?? null
}

async function screensOf(page: Page, role: string): Promise<string[]> {
  const details = await Promise.all(
    [
      ['organisations.list', '/organisations'],
      ['people.list', '/people'],
      ['mandates.list', '/mandates'],
      ['products.list', '/products'],
    ].map(async ([procedure, base]) => {
      const id = await firstId(page, procedure)
      return id ? `${base}/${id}` : null
    }),
  )
  const screens = ['/', '/organisations', '/people', '/pipeline', '/mandates', '/products', '/tasks', '/activities', '/settings', '/settings/tokens']
  if (role !== 'VIEWER') screens.push('/imports')
  if (role === 'ADMIN' || role === 'MANAGER') screens.push('/admin')
  if (role === 'ADMIN') screens.push('/webhooks')
  return [...screens, ...details.filter((path): path is string => path !== null), '/no-such-page']
}

test.describe('every screen', () => {
  test.describe.configure({ timeout: 20 * 60_000 })

  for (const { role, email, axeThemes } of ROLES) {
    test(`${role}: axe finds nothing serious (${axeThemes.join(' and ')}) and no page scrolls sideways, light and dark, 1280 and 390 px`, async ({ page }) => {
      await signIn(page, email)
      const findings: { screen: string; setup: string; violations: AxeFinding[] }[] = []
      const wide: string[] = []
      for (const screen of await screensOf(page, role)) {
        await page.setViewportSize({ width: 1280, height: 800 })
        await page.goto(screen)
        await waitForScreen(page)
        for (const setup of SETUPS) {
          const axe = (axeThemes as readonly string[]).includes(setup.colorScheme) && (setup.width > 390 || screen === '/')
          await page.setViewportSize({ width: setup.width, height: setup.height })
          await page.emulateMedia({ colorScheme: setup.colorScheme })
          await expect(page.locator('html')).toHaveClass(new RegExp(setup.colorScheme === 'dark' ? '\\bdark\\b' : '^(?!.*\\bdark\\b)'))
          const where = `${screen} (${setup.name})`
          if (axe) findings.push({ screen, setup: setup.name, violations: await seriousAxeViolations(page) })
          const size = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
          if (size[0] > size[1]) wide.push(`${where}: ${size[0]}px in ${size[1]}px`)
        }
      }
      mkdirSync('test-results', { recursive: true })
      writeFileSync(`test-results/axe-${role}.json`, JSON.stringify(findings, null, 2))
      const failing = findings.filter((finding) => finding.violations.length > 0)
      expect(failing, JSON.stringify(failing, null, 2)).toEqual([])
      expect(wide).toEqual([])
    })
  }

  test('the sign-in screen: axe finds nothing serious and it never scrolls sideways, light and dark, 1280 and 390 px', async ({ page }) => {
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible()
    for (const setup of SETUPS) {
      await page.setViewportSize({ width: setup.width, height: setup.height })
      await page.emulateMedia({ colorScheme: setup.colorScheme })
      expect(await seriousAxeViolations(page), `/login (${setup.name})`).toEqual([])
      await expectNoHorizontalScroll(page, `/login (${setup.name})`)
    }
  })

  test('the pipeline at 1280 px: the board scrolls in its own box, the header spans the width', async ({ page }) => {
    await signIn(page, 'sales.paris@demo.test')
    await page.goto('/pipeline')
    await waitForScreen(page)
    await expectNoHorizontalScroll(page, '/pipeline at 1280 px')
    const header = await page.locator('header').first().boundingBox()
    expect(header?.width ?? 0).toBeGreaterThanOrEqual(1280 - 256 - 1)
    const board = page.getByTestId('pipeline-board')
    const overflow = await board.evaluate((element) => element.scrollWidth > element.clientWidth)
    expect(overflow).toBe(true)
  })
})
