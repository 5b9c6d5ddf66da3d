import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src/server/features/import/import-file.ts'
import { parseAmount, parseBoolean, parseCountry, parseDate, parseOrganisationType, parseStage } from '../../src/server/features/import/import-values.ts'
import { suggestMapping } from '../../src/shared/schemas/import.ts'

describe('French formats', () => {
  it('reads amounts written the French, English and spreadsheet ways', () => {
    expect(parseAmount('1 250 000,50 €')).toEqual({ value: 1_250_001, rounded: true })
    expect(parseAmount('1\u202f250\u202f000 €')).toEqual({ value: 1_250_000, rounded: false })
    expect(parseAmount('1.250.000,00')).toEqual({ value: 1_250_000, rounded: false })
    expect(parseAmount('1,250,000.00')).toEqual({ value: 1_250_000, rounded: false })
    expect(parseAmount('12 k€')).toEqual({ value: 12_000, rounded: false })
    expect(parseAmount('2,5 M€')).toEqual({ value: 2_500_000, rounded: false })
    expect(parseAmount(3000)).toEqual({ value: 3000, rounded: false })
    expect(parseAmount('abc')).toEqual({ error: 'invalid' })
    expect(parseAmount('-5')).toEqual({ error: 'invalid' })
    expect(parseAmount('')).toEqual({ value: null })
  })

  it('reads French dates, ISO dates and spreadsheet dates, refusing impossible ones', () => {
    expect(parseDate('25/12/2026')).toEqual({ value: new Date(Date.UTC(2026, 11, 25)) })
    expect(parseDate('2026-12-25')).toEqual({ value: new Date(Date.UTC(2026, 11, 25)) })
    expect(parseDate('25.12.26')).toEqual({ value: new Date(Date.UTC(2026, 11, 25)) })
    expect(parseDate('30/02/2026')).toEqual({ error: 'invalid' })
  })

  it('reads yes/no, types, stages and countries in French and English', () => {
    expect([parseBoolean('oui'), parseBoolean('Non'), parseBoolean('x'), parseBoolean('peut-être')]).toEqual([{ value: true }, { value: false }, { value: true }, { error: 'invalid' }])
    expect(parseOrganisationType('Investisseur')).toEqual({ value: 'INVESTOR' })
    expect(parseOrganisationType('Société de gestion')).toEqual({ value: 'SUPPLIER' })
    expect(parseStage('Négociation')).toEqual({ value: 'NEGOTIATION' })
    expect(parseStage('won')).toEqual({ value: 'WON' })
    expect(parseCountry('France')).toEqual({ value: 'FR' })
    expect(parseCountry('be')).toEqual({ value: 'BE' })
  })
})

describe('encodings', () => {
  it('detects a BOM, then strict UTF-8, then Windows-1252 (with € and ’ right)', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8' })
    expect(decodeText(Buffer.from('Société €', 'utf8'))).toEqual({ text: 'Société €', encoding: 'utf-8' })
    expect(decodeText(Buffer.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x20, 0x80, 0x92]))).toEqual({ text: 'Société €’', encoding: 'windows-1252' })
  })
})

describe('header mapping', () => {
  it('maps "Nom", "E-mail" and "Tél." to the person in a people file, to the organisation otherwise', () => {
    expect(suggestMapping(['Société', 'Prénom', 'Nom', 'E-mail', 'Tél.'])).toEqual({
      Société: 'organisation.name',
      Prénom: 'person.firstName',
      Nom: 'person.lastName',
      'E-mail': 'person.email',
      'Tél.': 'person.phone',
    })
    expect(suggestMapping(['Nom', 'Courriel', 'Téléphone', 'Colonne inconnue'])).toEqual({
      Nom: 'organisation.name',
      Courriel: 'organisation.email',
      Téléphone: 'organisation.phone',
      'Colonne inconnue': null,
    })
  })
})
