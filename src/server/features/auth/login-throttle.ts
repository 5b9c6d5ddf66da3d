import { createHash } from 'node:crypto'
import { DomainError } from '../../errors.ts'
import type { Cache } from '../../infra/cache.ts'

/**
 * Sign-in throttling that an attacker cannot turn against the account's owner (ASVS V6.3.1):
 *
 * - per account *and* client address, failures cost a growing delay (1 s after the 5th, doubling up
 *   to 15 minutes): guessing from one address slows to a crawl, while the owner, signing in from
 *   their own address, is not held up by someone else's failures;
 * - per account, whatever the address, at most 100 failures an hour: past that, sign-ins to the
 *   account are refused until the hour is over, and the owner is told (credential stuffing from
 *   many addresses);
 * - per address, 30 failures in 15 minutes across accounts (password spraying).
 *
 * Keys are the e-mail as typed (lower-cased by the schema), known account or not, so the answers do
 * not reveal which accounts exist.
 */
export const FREE_FAILURES = 4
export const MAX_DELAY_SECONDS = 15 * 60
export const ACCOUNT_FAILURES_PER_HOUR = 100
export const ADDRESS_FAILURES = 30
const HOUR = 3600
const ADDRESS_WINDOW_SECONDS = 15 * 60

/** Seconds to wait after the `failures`-th failure from one address on one account. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS)
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32)
}

export function createLoginThrottle(cache: Cache) {
  const keys = (email: string, ip: string) => {
    const account = digest(email)
    const pair = `${account}:${digest(ip)}`
    return {
      pairFailures: `login-failures:pair:${pair}`,
      pairUntil: `login-wait:pair:${pair}`,
      account: `login-failures:account:${account}`,
      address: `login-failures:ip:${digest(ip)}`,
    }
  }

  return {
    /** Refuses the attempt (RATE_LIMITED, with the seconds to wait) before any password is checked. */
    async check(email: string, ip: string): Promise<void> {
      const key = keys(email, ip)
      const [until, accountFailures, addressFailures] = await Promise.all([
        cache.get<number>(key.pairUntil),
        cache.get<number>(key.account),
        cache.get<number>(key.address),
      ])
      const waitMs = (until ?? 0) - Date.now()
      if (waitMs > 0) throw limited(Math.ceil(waitMs / 1000), 'pair')
      if ((accountFailures ?? 0) >= ACCOUNT_FAILURES_PER_HOUR) throw limited(HOUR, 'account')
      if ((addressFailures ?? 0) >= ADDRESS_FAILURES) throw limited(ADDRESS_WINDOW_SECONDS, 'address')
    },

    /** Counts a failure; says whether it just reached the account's hourly cap (to tell the owner). */
    async fail(email: string, ip: string): Promise<{ accountFailures: number; lockedNow: boolean }> {
      const key = keys(email, ip)
      const [pairFailures, accountFailures] = await Promise.all([
        cache.increment(key.pairFailures, HOUR),
        cache.increment(key.account, HOUR),
        cache.increment(key.address, ADDRESS_WINDOW_SECONDS),
      ])
      const delay = delayAfter(pairFailures)
      if (delay > 0) await cache.set(key.pairUntil, Date.now() + delay * 1000, delay)
      return { accountFailures, lockedNow: accountFailures === ACCOUNT_FAILURES_PER_HOUR }
    },

    /** A success from this address clears its delays (not the account's hourly count). */
    async succeed(email: string, ip: string): Promise<void> {
      const key = keys(email, ip)
      await Promise.all([cache.delete(key.pairFailures), cache.delete(key.pairUntil)])
    },
  }
}

function limited(retryAfterSeconds: number, scope: 'pair' | 'account' | 'address') {
  const message =
    scope === 'pair'
      ? `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`
      : 'Too many failed sign-in attempts; try again later'
  return new DomainError('RATE_LIMITED', message, { retryAfterSeconds })
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
