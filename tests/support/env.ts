// Where the integration tests find the machine's real services (see SETUP-FACTS).
export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** Production-mode servers the tests start need their own 2FA key (config.ts refuses to start without one). */
export const TEST_TOTP_ENCRYPTION_KEY = 'test-only-totp-encryption-key-0123456789abcdef'
