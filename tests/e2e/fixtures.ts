import fs from 'node:fs'
import path from 'node:path'
import { test as base } from '@playwright/test'

export { expect } from '@playwright/test'

/**
 * Every spec's `test`: Playwright's own, plus the browser's JS coverage of the app's bundles when
 * E2E_COVERAGE_DIR is set (tests/run-all.sh sets it; tests/support/coverage-report.ts maps it back
 * to src/client through the build's hidden source maps and adds it to the vitest figures).
 */
export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const directory = process.env.E2E_COVERAGE_DIR
    if (!directory) return use(page)
    await page.coverage.startJSCoverage({ resetOnNavigation: false })
    await use(page)
    const entries = await page.coverage.stopJSCoverage().catch(() => [])
    const ours = entries
      .filter((entry) => /\/assets\/[^/?#]+\.js(?:$|[?#])/.test(entry.url))
      .map((entry) => ({ url: new URL(entry.url).pathname, functions: entry.functions }))
    if (!ours.length) return
    fs.mkdirSync(directory, { recursive: true })
    fs.writeFileSync(path.join(directory, `${testInfo.testId}-${testInfo.retry}.json`), JSON.stringify(ours))
  },
})
