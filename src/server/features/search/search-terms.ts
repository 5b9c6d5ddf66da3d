import { normalizeName } from '../../../shared/normalize.ts'

// How a query becomes words, and what counts as a typo (docs/search.md). Pure: unit-tested.

const MAX_WORDS = 8
const MAX_WORD_LENGTH = 40

export interface QueryWord {
  text: string
  /** The last word is a prefix: "montp" finds Montpensier. */
  prefix: boolean
  /** Edits forgiven: 1 from 5 letters (4 towards a longer word), 2 from 9; none with digits (ISIN, phone). */
  maxEdits: 0 | 1 | 2
}

/** A phone number as typed ("+33 1 42 …", "01.42…"): searched as its digits, national form. */
function phoneDigits(query: string): string | null {
  if (!/^[\d\s.+()/-]+$/.test(query)) return null
  let digits = query.replace(/\D/g, '')
  if (digits.length < 4) return null
  if (/^(0033|33)[1-9]\d{8}$/.test(digits)) digits = `0${digits.slice(-9)}`
  return digits
}

export function queryWords(query: string): QueryWord[] {
  const phone = phoneDigits(query.trim())
  if (phone) return [{ text: phone, prefix: true, maxEdits: 0 }]
  const normalized = normalizeName(query).split(' ')
  // One letter narrows nothing and would scan most of the index; a lone digit ("Lyon 6") is kept
  // beside other words, matched exactly.
  const words = normalized
    .filter((word) => word.length > 1 || (/^\d$/.test(word) && normalized.some((other) => other.length > 1)))
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
  const unique = [...new Set(words)].slice(0, MAX_WORDS)
  return unique.map((text, index) => ({
    text,
    prefix: index === unique.length - 1 && text.length > 1,
    maxEdits: maxEditsOf(text),
  }))
}

/**
 * One edit from 5 letters, two from 9. A 4-letter word may be a 5-letter one missing a letter
 * ("agns" for Agnès): it gets one edit too, but only towards longer words (see isCorrection).
 */
function maxEditsOf(word: string): 0 | 1 | 2 {
  if (!/^[a-z]+$/.test(word) || word.length < 4) return 0
  return word.length < 9 ? 1 : 2
}

/** Whether a known word is an allowed correction of a query word. */
export function isCorrection(query: QueryWord, candidate: string): boolean {
  if (candidate === query.text || query.maxEdits === 0) return false
  if (query.text.length === 4 && candidate.length < 5) return false
  return editDistance(candidate, query.text, query.maxEdits) <= query.maxEdits
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous2: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1)
      current.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > max) return max + 1
    previous2 = previous
    previous = current
  }
  return Math.min(previous[b.length], max + 1)
}

/** One word of a tsquery: its alternatives, and the lexemes they read from the index. */
export interface QueryTerm {
  /** `word:AB`, or `(word:AB | stem:CD | correction:)`. */
  text: string
  /**
   * What the index looks up for it: the same alternatives at any weight (GIN keeps no weights, the
   * recheck applies them), each lexeme or prefix once, and a prefix only if no shorter one covers it.
   * The index reads a prefix's posting lists once per occurrence in the tsquery.
   */
  lookup: string
  /** Lexemes matched whole. */
  lexemes: string[]
  /** Lexemes matched as prefixes (the last word and its stems). */
  prefixes: string[]
}

/** One word of a tsquery: the word itself (and its French stem), or a correction. */
function termOf(word: QueryWord, stems: readonly string[], corrections: readonly string[], weights: 'names' | 'ids' | 'all', withTypos: boolean): QueryTerm {
  const star = word.prefix ? ':*' : ':'
  const typed = [word.text, ...(weights === 'all' ? stems : [])]
  const fixes = withTypos ? corrections : []
  const parts = [`${word.text}${star}${weights === 'names' ? 'A' : 'AB'}`]
  if (weights === 'all') for (const stem of stems) parts.push(`${stem}${star}CD`)
  for (const correction of fixes) parts.push(`${correction}:${weights === 'names' ? 'A' : weights === 'ids' ? 'AB' : ''}`)
  const prefixes = word.prefix ? [...new Set(typed)].filter((prefix, _, all) => !all.some((other) => other !== prefix && prefix.startsWith(other))) : []
  const lexemes = [...new Set(word.prefix ? fixes : [...typed, ...fixes])].filter((lexeme) => !prefixes.some((prefix) => lexeme.startsWith(prefix)))
  const lookup = [...prefixes.map((prefix) => `${prefix}:*`), ...lexemes]
  return {
    text: parts.length === 1 ? parts[0] : `(${parts.join(' | ')})`,
    lookup: lookup.length === 1 ? lookup[0] : `(${lookup.join(' | ')})`,
    lexemes,
    prefixes,
  }
}

export interface TextQueries {
  /** Every word as typed (accents aside): the exact and prefix matches. */
  exact: string
  /** Words or their corrections: every match, typo matches included. */
  full: string
  /** `full` restricted to names (weight A), to rank name matches first. */
  names: string
  /** `full` restricted to names and identifiers (A, B). */
  ids: string
  /** The words of `exact` and `full` one by one, to choose those the index looks up (indexQuery). */
  exactTerms: QueryTerm[]
  fullTerms: QueryTerm[]
  hasTypos: boolean
}

/**
 * tsquery texts (to_tsquery('simple', …)) from words made only of [a-z0-9], so no operator of the
 * user's can reach the parser. `stems` are the French stems of each word (free text is stemmed).
 */
export function textQueries(words: readonly QueryWord[], stems: ReadonlyMap<string, readonly string[]>, corrections: ReadonlyMap<string, readonly string[]>): TextQueries {
  const terms = (weights: 'names' | 'ids' | 'all', withTypos: boolean) =>
    words.map((word) => termOf(word, stems.get(word.text) ?? [], corrections.get(word.text) ?? [], weights, withTypos))
  const build = (weights: 'names' | 'ids' | 'all', withTypos: boolean) => joinTerms(terms(weights, withTypos))
  const exactTerms = terms('all', false)
  const fullTerms = terms('all', true)
  return {
    exact: joinTerms(exactTerms),
    full: joinTerms(fullTerms),
    names: build('names', true),
    ids: build('ids', true),
    exactTerms,
    fullTerms,
    hasTypos: words.some((word) => (corrections.get(word.text)?.length ?? 0) > 0),
  }
}

function joinTerms(terms: readonly QueryTerm[]): string {
  return terms.map((term) => term.text).join(' & ')
}

/** How common the lexemes of one table's documents are, from PostgreSQL's statistics (pg_stats). */
export interface LexemeFrequencies {
  rows: number
  /** Share of the rows holding each of the most common lexemes. */
  common: ReadonlyMap<string, number>
  /** The share assumed for any other lexeme (most are far rarer than the least common one listed). */
  rare: number
}

// Costs (µs per row) measured on the million-row benchmark: a row the index returns is read from
// the heap and matched against the whole query; a prefix's posting lists are read whole (GIN's
// partial match); a word's posting list is skipped through beside rarer words.
const RECHECK_COST = 10
const PREFIX_COST = 0.6
const WORD_COST = 0.05
/** Words of a name go together ("caisse de prévoyance"): each further word is taken to narrow the rows tenfold at most. */
const MIN_NARROWING = 0.1
/** A short word ("de", "la", "du") mostly comes with the others ("de la Roche"): taken to narrow the rows by half at most. */
const SHORT_WORD_NARROWING = 0.5
const isShortWord = (term: QueryTerm) => term.prefixes.length === 0 && term.lexemes.every((lexeme) => lexeme.length <= 3)

/** The share of the rows a term's lookup returns, and what it costs (µs): its words and its prefixes apart. */
function lookupOf(term: QueryTerm, frequencies: LexemeFrequencies): { share: number; cost: number } {
  let words = 0
  for (const lexeme of term.lexemes) words += frequencies.common.get(lexeme) ?? frequencies.rare
  let prefixes = 0
  for (const prefix of term.prefixes) {
    // Lexemes too rare to be listed: more of them behind a short prefix.
    prefixes += frequencies.rare * (prefix.length <= 3 ? 20 : 5)
    for (const [lexeme, frequency] of frequencies.common) if (lexeme.startsWith(prefix)) prefixes += frequency
  }
  return { share: Math.min(words + prefixes, 1), cost: frequencies.rows * (words * WORD_COST + prefixes * PREFIX_COST) }
}

export interface IndexQuery {
  /** The tsquery text of the terms looked up. */
  text: string
  /** Estimated cost of the lookups and rechecks (µs, by the costs above). */
  cost: number
}

/**
 * The terms the GIN index looks up: the cheapest set by the costs above, and the whole query
 * rechecks the rows it returns (the caller's filter). Very common words ("de", "des") and a prefix
 * of a common word ("paris" → parisien…) cost more in the index than the rows they rule out, when
 * rarer words remain. Chooses speed only: the filter keeps the matches the same.
 */
export function indexQuery(terms: readonly QueryTerm[], frequencies: LexemeFrequencies): IndexQuery {
  const candidates = terms.map((term) => ({ term, ...lookupOf(term, frequencies) }))
  const chosen: typeof candidates = []
  let lookups = 0
  let rows = frequencies.rows
  let best = Infinity
  while (chosen.length < candidates.length) {
    let next: { candidate: (typeof candidates)[number]; total: number; rows: number } | undefined
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue
      const narrowed = chosen.length === 0 ? frequencies.rows * candidate.share : rows * Math.max(candidate.share, isShortWord(candidate.term) ? SHORT_WORD_NARROWING : MIN_NARROWING)
      const total = lookups + candidate.cost + narrowed * RECHECK_COST
      if (!next || total < next.total) next = { candidate, total, rows: narrowed }
    }
    if (!next || next.total >= best) break
    chosen.push(next.candidate)
    lookups += next.candidate.cost
    rows = next.rows
    best = next.total
  }
  // In the query's order, so that the same words give the same text.
  const looked = terms.filter((term) => chosen.some((candidate) => candidate.term === term))
  return { text: looked.map((term) => term.lookup).join(' & '), cost: best }
}

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', Œ: 'oe', Æ: 'ae' }

function foldChar(char: string): string {
  return (LIGATURES[char] ?? char.normalize('NFD').replace(/\p{M}+/gu, '')).toLowerCase()
}

/**
 * Character ranges [start, end) of the title's words that the query matched: a word starting with
 * a query word (or its stem), or equal to a correction. Accent-insensitive, on the original text.
 */
export function highlightRanges(title: string, words: readonly QueryWord[], stems: ReadonlyMap<string, readonly string[]>, corrections: ReadonlyMap<string, readonly string[]>): Array<[number, number]> {
  const prefixes = words.flatMap((word) => [word.text, ...(stems.get(word.text) ?? [])])
  const exact = new Set(words.flatMap((word) => corrections.get(word.text) ?? []))
  const ranges: Array<[number, number]> = []
  const chars = Array.from(title)
  let offset = 0
  let wordStart = -1
  let folded = ''
  const close = (end: number) => {
    if (wordStart >= 0 && folded && (exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix)))) {
      // The matched part: the whole word for a correction, else the typed prefix.
      const prefix = prefixes.filter((candidate) => folded.startsWith(candidate)).sort((a, b) => b.length - a.length)[0]
      ranges.push([wordStart, exact.has(folded) || !prefix ? end : endOfFoldedPrefix(title, wordStart, prefix.length)])
    }
    wordStart = -1
    folded = ''
  }
  for (const char of chars) {
    const fold = foldChar(char)
    if (/^[a-z0-9]+$/.test(fold)) {
      if (wordStart < 0) wordStart = offset
      folded += fold
    } else {
      close(offset)
    }
    offset += char.length
  }
  close(offset)
  return ranges
}

/** Where, in the original text, the first `length` folded characters of a word starting at `start` end. */
function endOfFoldedPrefix(text: string, start: number, length: number): number {
  let folded = 0
  let offset = start
  for (const char of Array.from(text.slice(start))) {
    if (folded >= length) break
    folded += foldChar(char).length
    offset += char.length
  }
  return offset
}
