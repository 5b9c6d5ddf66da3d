import { defineConfig } from '@playwright/test'

// Debian's Chromium: Playwright's own browser download is unreachable from these machines.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'tests/e2e',
  // Starts a real server on a fresh database unless E2E_BASE_URL points at one already running.
  globalSetup: './tests/e2e/global-setup.ts',
  // One browser at a time: the machines are small and shared, and logins hash passwords (argon2).
  workers: 1,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    // Read again in each worker, after the global setup has set it.
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 800 },
    // A click on something that never appears fails with its own message, not the test's timeout.
    actionTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
})
