import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export interface AxeFinding {
  id: string
  impact: string | null | undefined
  help: string
  targets: string[]
}

/** Runs axe (WCAG 2.1 A/AA) on the page as it is and returns the serious and critical findings. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }))
}

/** Fails with the list of findings when axe reports anything serious or critical. */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const findings = await seriousAxeViolations(page)
  expect(findings, `axe on ${where}:\n${JSON.stringify(findings, null, 2)}`).toEqual([])
}

/** The page is never wider than the screen: anything wide scrolls inside its own box. */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }))
  expect(scrollWidth, `${where}: page ${scrollWidth}px wide in a ${viewport}px window`).toBeLessThanOrEqual(viewport)
}

/** Waits until the screen has its heading and no loading placeholder left. */
export async function waitForScreen(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 })
}
