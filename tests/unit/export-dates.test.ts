import { describe, expect, it } from 'vitest'
import { formatDate, parisWallClock } from '../../src/server/features/export/export.format.ts'

// formatDate builds dates from their numbers for speed; Intl.DateTimeFormat is the reference it
// must match: French and ISO forms, calendar dates in UTC, moments in Paris time across DST changes.
const reference = {
  fr: {
    date: new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
    datetime: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  },
  en: {
    date: new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
    datetime: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  },
}

function mismatches(times: number[]): string[] {
  const found: string[] = []
  for (const time of times) {
    const value = new Date(time)
    for (const language of ['fr', 'en'] as const) {
      for (const kind of ['date', 'datetime'] as const) {
        const expected = reference[language][kind].format(value)
        const actual = formatDate(value, kind, language)
        if (actual !== expected) found.push(`${value.toISOString()} ${language} ${kind}: ${actual} ≠ ${expected}`)
      }
    }
  }
  return found
}

describe('export dates', () => {
  it('writes what Intl writes, hour after hour around the DST changes and year ends of 1979-2031', () => {
    const times: number[] = []
    for (let year = 1979; year <= 2031; year++) {
      for (const [month, day] of [[2, 24], [9, 24], [11, 30]]) {
        const start = Date.UTC(year, month, day)
        for (let time = start; time < start + 9 * 86_400_000; time += 61 * 60_000 + 1_013) times.push(time)
      }
    }
    expect(mismatches(times)).toEqual([])
  }, 60_000)

  it('writes what Intl writes for moments from year 900 to 10010, including those Intl writes differently', () => {
    const times = [Date.UTC(99, 0, 1) - 1_900 * 365 * 86_400_000, Date.UTC(999, 11, 31, 23, 59), Date.UTC(9999, 11, 31, 23, 30), Date.UTC(10000, 0, 1), -1, 0]
    let seed = 11
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647)
    const from = Date.UTC(900, 0, 1)
    const to = Date.UTC(10_010, 0, 1)
    for (let index = 0; index < 5_000; index++) times.push(Math.floor(from + random() * (to - from)))
    expect(mismatches(times)).toEqual([])
  }, 60_000)

  it('gives the Paris wall-clock time of a moment, summer and winter', () => {
    expect(parisWallClock(new Date('2026-07-14T10:05:00Z')).toISOString()).toBe('2026-07-14T12:05:00.000Z')
    expect(parisWallClock(new Date('2026-12-24T23:30:00Z')).toISOString()).toBe('2026-12-25T00:30:00.000Z')
    // The hour the clocks go forward (01:00 UTC on the last Sunday of March): 01:59 then 03:00.
    expect(parisWallClock(new Date('2026-03-29T00:59:00Z')).toISOString()).toBe('2026-03-29T01:59:00.000Z')
    expect(parisWallClock(new Date('2026-03-29T01:00:00Z')).toISOString()).toBe('2026-03-29T03:00:00.000Z')
  })
})
