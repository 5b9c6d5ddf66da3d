import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // One test file at a time. Two would take the suite from 12.5 to 7.5 minutes here, but two
    // files that each run two server nodes (about 40 pooled connections a node) can exceed
    // PostgreSQL's default 100 connections ("too many clients"): smaller pools in tests come first.
    maxWorkers: 1,
    // `--coverage` (npm run test:coverage, and npm test): line coverage of src/, printed as a summary.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/server/db/generated/**', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary', 'json'],
      reportsDirectory: 'coverage',
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Generous: CI shares two CPUs between parallel files, real databases and browsers.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Each file gets its own database; files run in parallel workers.
          fileParallelism: true,
        },
      },
      {
        test: {
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
