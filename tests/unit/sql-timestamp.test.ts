import { describe, expect, it } from 'vitest'
import { parseUtcTimestamp } from '../../src/server/db/sql.ts'

const byDateParser = (text: string) => new Date(`${text.replace(' ', 'T')}Z`).getTime()

describe('timestamps read on bare connections', () => {
  it('reads PostgreSQL timestamp text as the UTC moment Date would', () => {
    for (const text of [
      '2026-11-28 18:53:11',
      '2026-11-28 18:53:11.1',
      '2026-11-28 18:53:11.12',
      '2026-11-28 18:53:11.123',
      '2024-02-29 23:59:59.999',
      '1970-01-01 00:00:00',
      '1969-12-31 23:59:59.5',
      '0099-06-30 12:00:00', // years before 100: Date.UTC would read them as 1999
      '0001-01-01 00:00:00',
      '9999-12-31 23:59:59.999',
    ]) {
      expect(parseUtcTimestamp(text).getTime(), text).toBe(byDateParser(text))
    }
  })

  it('agrees with Date on 20,000 random moments written as PostgreSQL writes them', () => {
    for (let index = 0; index < 20_000; index++) {
      const moment = new Date(Math.floor(Math.random() * 4e12) - 1e12)
      // PostgreSQL drops the fraction's trailing zeros, and the fraction when it is zero.
      const text = moment.toISOString().replace('T', ' ').replace('Z', '').replace(/\.?0+$/, '')
      expect(parseUtcTimestamp(text).getTime(), text).toBe(moment.getTime())
    }
  })

  it('leaves what it does not recognise to Date', () => {
    expect(Number.isNaN(parseUtcTimestamp('infinity').getTime())).toBe(true)
    expect(parseUtcTimestamp('12026-01-01 00:00:00').getTime()).toBe(byDateParser('12026-01-01 00:00:00'))
  })
})
