import { describe, it, expect } from 'vitest'
import { isinCheckDigit, isValidIsin } from '../../src/shared/isin.ts'

const REAL_ISINS = ['FR0010315770', 'LU0290358497', 'IE00B4L5Y983', 'US0378331005', 'FR0000120271', 'DE000BAY0017']

describe('isinCheckDigit', () => {
  it('computes the check digit of real ISINs', () => {
    for (const isin of REAL_ISINS) expect(isinCheckDigit(isin.slice(0, 11))).toBe(Number(isin[11]))
  })

  it('throws on anything but a country code followed by 9 alphanumerics', () => {
    expect(() => isinCheckDigit('F1001031577')).toThrow()
    expect(() => isinCheckDigit('FR00103157')).toThrow()
    expect(() => isinCheckDigit('FR0010315770')).toThrow()
  })
})

describe('isValidIsin', () => {
  it('accepts real ISINs', () => {
    for (const isin of REAL_ISINS) expect(isValidIsin(isin)).toBe(true)
  })

  it('rejects altered check digits', () => {
    for (const isin of REAL_ISINS) {
      const altered = isin.slice(0, 11) + String((Number(isin[11]) + 1) % 10)
      expect(isValidIsin(altered)).toBe(false)
    }
  })

  it('rejects a transposition of two body characters', () => {
    expect(isValidIsin('FR0010315707')).toBe(false)
    expect(isValidIsin('US0378331050')).toBe(false)
  })

  it('rejects malformed strings', () => {
    for (const value of ['', 'FR001031577', 'FR00103157700', 'fr0010315770', '1R0010315770', 'FR001031577X', ' FR0010315770', 'FR-010315770']) {
      expect(isValidIsin(value)).toBe(false)
    }
  })
})
