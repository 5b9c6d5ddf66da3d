// Concurrent edits of one record from one base version, shared by the merge tests and the bench.

/** Ten organisation fields a writer can set to a value of its own. */
export const ORGANISATION_FIELDS = ['category', 'potentialAmount', 'email', 'phone', 'website', 'address', 'city', 'postalCode', 'country', 'language'] as const
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number]

const COUNTRIES = ['FR', 'BE', 'CH', 'LU', 'DE', 'IT', 'ES', 'NL', 'GB', 'PT']
const LANGUAGES = ['fr', 'en', 'de', 'it', 'es', 'nl'] as const

const pad = (value: number) => String(value % 100).padStart(2, '0')

/** A value for `field` that differs from round to round and (where the field allows) from writer to writer. */
export function organisationValue(field: OrganisationField, round: number, writer: number): string | number {
  switch (field) {
    case 'category':
      return `Catégorie ${round}-${writer}`
    case 'potentialAmount':
      return round * 1000 + writer
    case 'email':
      return `r${round}.w${writer}@merge.example`
    case 'phone':
      return `+33 1 ${pad(round)} ${pad(writer)} 00 00`
    case 'website':
      return `https://r${round}-w${writer}.merge.example`
    case 'address':
      return `${round} rue ${writer}`
    case 'city':
      return `Ville ${round}-${writer}`
    case 'postalCode':
      return `${round}-${writer}`
    case 'country':
      return COUNTRIES[(round + writer) % COUNTRIES.length]
    case 'language':
      return LANGUAGES[(round + writer) % LANGUAGES.length]
  }
}

export interface WriteOutcome {
  ok: boolean
  /** On CONFLICT: the fields the server named (null when it named none). */
  conflictFields?: string[] | null
  ms: number
}

/** Runs one write and classifies its answer: accepted, CONFLICT (with the fields named), or a failure that is thrown. */
export async function outcomeOf(write: () => Promise<unknown>): Promise<WriteOutcome> {
  const startedAt = performance.now()
  try {
    await write()
    return { ok: true, ms: performance.now() - startedAt }
  } catch (error) {
    const data = (error as { data?: { code?: string; details?: { fields?: string[] | null } } }).data
    if (data?.code !== 'CONFLICT') throw error
    return { ok: false, conflictFields: data.details?.fields ?? null, ms: performance.now() - startedAt }
  }
}

/** Starts every write on the same tick, so that they reach the server together. */
export function allAtOnce<T>(writes: Array<() => Promise<T>>): Promise<T[]> {
  return Promise.all(writes.map((write) => write()))
}
