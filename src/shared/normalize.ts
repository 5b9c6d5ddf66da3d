// Ligatures that NFD leaves whole but that French names use (e.g. "Œuvres sociales").
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' }

/** Lower-cased, accent-free, punctuation-free form of a name, for duplicate detection and search. */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (char) => LIGATURES[char])
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
