import { normalizeName } from '../../../shared/normalize.ts'
import { ORGANISATION_TYPES } from '../../../shared/schemas/organisation.ts'
import { PIPELINE_STAGES } from '../../../shared/pipeline.ts'

// Cell values as spreadsheets give them (French formats included) → the CRM's values. Each parser
// returns `{ value }` or `{ error }`; an empty cell is `{ value: null }`.

export type Cell = string | number | boolean | Date | null
export type Parsed<T> = { value: T | null; error?: undefined; rounded?: boolean } | { value?: undefined; error: 'invalid' }

export function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return formatFrenchDate(cell)
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non'
  return String(cell).trim()
}

export function formatFrenchDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
}

/** `25/12/2026`, `25-12-2026`, `25.12.26`, ISO `2026-12-25`, or a spreadsheet date. */
export function parseDate(cell: Cell): Parsed<Date> {
  if (cell === null || cell === '') return { value: null }
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { error: 'invalid' } : { value: cell }
  const text = String(cell).trim()
  let match = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/)
  let [day, month, year] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0]
  if (!match) {
    match = text.match(/^(\d{4})-(\d{2})-(\d{2})$/)
    if (!match) return { error: 'invalid' }
    ;[year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  }
  if (year < 100) year += 2000
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { error: 'invalid' }
  return { value: date }
}

/**
 * Amounts in whole euros: `1 250 000,50 €`, `1.250.000,50`, `1,250,000.50`, `1250000`, `12 k€`.
 * Cents are rounded (the CRM keeps whole euros) and flagged so the report can say so.
 */
export function parseAmount(cell: Cell): Parsed<number> {
  if (cell === null || cell === '') return { value: null }
  if (typeof cell === 'number') return finiteAmount(cell)
  if (typeof cell !== 'string') return { error: 'invalid' }
  let text = cell.replace(/[\s\u00a0\u202f']/g, '').replace(/(eur|euros?|€)$/i, '').replace(/^€/, '')
  let multiplier = 1
  const suffix = text.match(/([kKmM])$/)
  if (suffix) {
    multiplier = suffix[1].toLowerCase() === 'k' ? 1_000 : 1_000_000
    text = text.slice(0, -1)
  }
  if (!/^-?[\d.,]+$/.test(text)) return { error: 'invalid' }
  const lastComma = text.lastIndexOf(',')
  const lastDot = text.lastIndexOf('.')
  let normalised: string
  if (lastComma >= 0 && lastDot >= 0) {
    // The later separator is the decimal one: 1.250.000,50 or 1,250,000.50.
    const decimal = lastComma > lastDot ? ',' : '.'
    const thousands = decimal === ',' ? '.' : ','
    normalised = text.split(thousands).join('').replace(decimal, '.')
  } else if (lastComma >= 0) {
    // French decimal comma, unless it groups thousands (1,250,000).
    normalised = /^-?\d{1,3}(,\d{3}){2,}$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.')
  } else {
    normalised = /^-?\d{1,3}(\.\d{3}){2,}$/.test(text) ? text.replace(/\./g, '') : text
  }
  if ((normalised.match(/\./g) ?? []).length > 1) return { error: 'invalid' }
  return finiteAmount(Number(normalised) * multiplier)
}

function finiteAmount(amount: number): Parsed<number> {
  if (!Number.isFinite(amount) || amount < 0 || amount > 1e13) return { error: 'invalid' }
  const rounded = Math.round(amount)
  return { value: rounded, rounded: rounded !== amount }
}

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x', 'actif', 'active'])
const FALSE_WORDS = new Set(['non', 'n', 'no', 'faux', 'false', '0', 'inactif', 'inactive'])

export function parseBoolean(cell: Cell): Parsed<boolean> {
  if (cell === null || cell === '') return { value: null }
  if (typeof cell === 'boolean') return { value: cell }
  const key = normalizeName(String(cell))
  if (TRUE_WORDS.has(key)) return { value: true }
  if (FALSE_WORDS.has(key)) return { value: false }
  return { error: 'invalid' }
}

type OrganisationType = (typeof ORGANISATION_TYPES)[number]
const TYPE_WORDS: Record<string, OrganisationType> = {
  investisseur: 'INVESTOR',
  investisseurs: 'INVESTOR',
  client: 'INVESTOR',
  investor: 'INVESTOR',
  fournisseur: 'SUPPLIER',
  'societe de gestion': 'SUPPLIER',
  'asset manager': 'SUPPLIER',
  supplier: 'SUPPLIER',
  distributeur: 'DISTRIBUTOR',
  distributor: 'DISTRIBUTOR',
  partenaire: 'PARTNER',
  partner: 'PARTNER',
  autre: 'OTHER',
  other: 'OTHER',
}

export function parseOrganisationType(cell: Cell): Parsed<OrganisationType> {
  return fromWords(cell, TYPE_WORDS, ORGANISATION_TYPES)
}

type Stage = (typeof PIPELINE_STAGES)[number]
const STAGE_WORDS: Record<string, Stage> = {
  prospect: 'PROSPECT',
  qualifie: 'QUALIFIED',
  qualified: 'QUALIFIED',
  proposition: 'PROPOSAL',
  proposal: 'PROPOSAL',
  negociation: 'NEGOTIATION',
  negotiation: 'NEGOTIATION',
  gagne: 'WON',
  won: 'WON',
  signe: 'WON',
  perdu: 'LOST',
  lost: 'LOST',
}

export function parseStage(cell: Cell): Parsed<Stage> {
  return fromWords(cell, STAGE_WORDS, PIPELINE_STAGES)
}

function fromWords<T extends string>(cell: Cell, words: Record<string, T>, values: readonly T[]): Parsed<T> {
  if (cell === null || cell === '') return { value: null }
  const key = normalizeName(String(cell))
  const upper = String(cell).trim().toUpperCase() as T
  if (values.includes(upper)) return { value: upper }
  return key in words ? { value: words[key] } : { error: 'invalid' }
}

const COUNTRY_WORDS: Record<string, string> = {
  france: 'FR',
  belgique: 'BE',
  belgium: 'BE',
  suisse: 'CH',
  switzerland: 'CH',
  luxembourg: 'LU',
  allemagne: 'DE',
  germany: 'DE',
  espagne: 'ES',
  spain: 'ES',
  italie: 'IT',
  italy: 'IT',
  'royaume uni': 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  'pays bas': 'NL',
  netherlands: 'NL',
  monaco: 'MC',
  'etats unis': 'US',
  'united states': 'US',
  usa: 'US',
}

export function parseCountry(cell: Cell): Parsed<string> {
  if (cell === null || cell === '') return { value: null }
  const text = String(cell).trim()
  if (/^[a-z]{2}$/i.test(text)) return { value: text.toUpperCase() }
  const code = COUNTRY_WORDS[normalizeName(text)]
  return code ? { value: code } : { error: 'invalid' }
}

export function parseEmail(cell: Cell): Parsed<string> {
  const text = cellText(cell).toLowerCase()
  if (text === '') return { value: null }
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(text) && text.length <= 254 ? { value: text } : { error: 'invalid' }
}

export function parsePhone(cell: Cell): Parsed<string> {
  const text = cellText(cell)
  if (text === '') return { value: null }
  return /^\+?[\d\s().-]{6,25}$/.test(text) ? { value: text } : { error: 'invalid' }
}

export function parseUrl(cell: Cell): Parsed<string> {
  const text = cellText(cell)
  if (text === '') return { value: null }
  const url = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`
  try {
    const parsed = new URL(url)
    if (!['http:', 'https:'].includes(parsed.protocol) || url.length > 500) return { error: 'invalid' }
    return { value: url }
  } catch {
    return { error: 'invalid' }
  }
}

export function parseTags(cell: Cell): Parsed<string[]> {
  const text = cellText(cell)
  if (text === '') return { value: null }
  const tags = [...new Set(text.split(/[,;|]/).map((tag) => tag.trim()).filter(Boolean))]
  return tags.length <= 20 && tags.every((tag) => tag.length <= 40) ? { value: tags } : { error: 'invalid' }
}
