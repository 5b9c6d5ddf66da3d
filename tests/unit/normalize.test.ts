import { describe, it, expect } from 'vitest'
import { normalizeName } from '../../src/shared/normalize.ts'

describe('normalizeName', () => {
  it('lower-cases, strips accents and collapses punctuation', () => {
    expect(normalizeName('  Société Générale — Gestion  ')).toBe('societe generale gestion')
  })

  it('treats apostrophes, hyphens and ampersands as separators', () => {
    expect(normalizeName("Caisse d'Épargne Rhône-Alpes & Co.")).toBe('caisse d epargne rhone alpes co')
  })

  it('expands ligatures', () => {
    expect(normalizeName('Œuvres Sociales Cæsar')).toBe('oeuvres sociales caesar')
  })

  it('keeps digits and returns an empty string for punctuation only', () => {
    expect(normalizeName('Fonds N°2 — 2024')).toBe('fonds n 2 2024')
    expect(normalizeName(' — ')).toBe('')
  })
})
