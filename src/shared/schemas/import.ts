import { z } from 'zod'
import { normalizeName } from '../normalize.ts'
import { idSchema, pageInput } from './common.ts'

// Imports (SPEC §4.6): the fields a column can fill, the header names recognised for each, and the
// inputs of the imports API. The upload itself goes through `POST /api/imports` (see docs/imports.md).

export const IMPORT_FIELDS = [
  'organisation.name',
  'organisation.type',
  'organisation.category',
  'organisation.stage',
  'organisation.potentialAmount',
  'organisation.email',
  'organisation.phone',
  'organisation.website',
  'organisation.address',
  'organisation.city',
  'organisation.postalCode',
  'organisation.country',
  'organisation.notes',
  'organisation.isActive',
  'organisation.tags',
  'person.firstName',
  'person.lastName',
  'person.email',
  'person.phone',
  'person.jobTitle',
  'person.linkedinUrl',
  'person.notes',
  'owner.email',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export const importField = z.enum(IMPORT_FIELDS)

/** Header names (compared normalised: case, accents and punctuation ignored) → field. */
const ALIASES: Record<ImportField, string[]> = {
  'organisation.name': ['raison sociale', 'societe', 'organisation', 'organization', 'entreprise', 'company', 'company name', 'nom de la societe', 'nom societe', 'compte', 'account', 'client', 'structure', 'etablissement'],
  'organisation.type': ['type', 'type d organisation', 'organisation type', 'type de compte', 'nature'],
  'organisation.category': ['categorie', 'category', 'segment'],
  'organisation.stage': ['etape', 'stage', 'pipeline', 'statut pipeline', 'phase', 'pipeline stage'],
  'organisation.potentialAmount': ['montant potentiel', 'potentiel', 'montant', 'potential amount', 'amount', 'encours potentiel', 'potential'],
  'organisation.email': ['email societe', 'e mail societe', 'email organisation', 'company email', 'organisation email', 'courriel societe'],
  'organisation.phone': ['telephone societe', 'tel societe', 'standard', 'company phone', 'organisation phone'],
  'organisation.website': ['site web', 'site', 'website', 'site internet', 'url', 'web'],
  'organisation.address': ['adresse', 'address', 'rue', 'street', 'adresse postale'],
  'organisation.city': ['ville', 'city', 'commune', 'localite', 'town'],
  'organisation.postalCode': ['code postal', 'cp', 'postal code', 'zip', 'zip code', 'postcode'],
  'organisation.country': ['pays', 'country', 'code pays', 'country code'],
  'organisation.notes': ['notes', 'note', 'commentaire', 'commentaires', 'remarques', 'comments', 'description'],
  'organisation.isActive': ['actif', 'active', 'is active', 'en activite'],
  'organisation.tags': ['tags', 'etiquettes', 'labels', 'mots cles'],
  'person.firstName': ['prenom', 'first name', 'firstname', 'given name', 'prenom du contact'],
  'person.lastName': ['nom de famille', 'last name', 'lastname', 'surname', 'family name', 'nom du contact'],
  'person.email': ['email contact', 'e mail contact', 'courriel contact', 'contact email', 'email personnel', 'personal email'],
  'person.phone': ['telephone contact', 'tel contact', 'portable', 'mobile', 'gsm', 'contact phone', 'mobile phone'],
  'person.jobTitle': ['fonction', 'poste', 'titre', 'job title', 'title', 'position', 'role'],
  'person.linkedinUrl': ['linkedin', 'profil linkedin', 'linkedin url'],
  'person.notes': ['notes contact', 'commentaire contact', 'contact notes'],
  'owner.email': ['proprietaire', 'responsable', 'owner', 'owner email', 'email proprietaire', 'commercial', 'charge d affaires', 'account manager', 'suivi par'],
}

/** Names that mean the organisation's or the person's field depending on whether the file has people. */
const CONTEXTUAL: Record<string, { organisation: ImportField; person: ImportField }> = {
  nom: { organisation: 'organisation.name', person: 'person.lastName' },
  name: { organisation: 'organisation.name', person: 'person.lastName' },
  email: { organisation: 'organisation.email', person: 'person.email' },
  'e mail': { organisation: 'organisation.email', person: 'person.email' },
  mail: { organisation: 'organisation.email', person: 'person.email' },
  courriel: { organisation: 'organisation.email', person: 'person.email' },
  'adresse e mail': { organisation: 'organisation.email', person: 'person.email' },
  'adresse email': { organisation: 'organisation.email', person: 'person.email' },
  telephone: { organisation: 'organisation.phone', person: 'person.phone' },
  tel: { organisation: 'organisation.phone', person: 'person.phone' },
  phone: { organisation: 'organisation.phone', person: 'person.phone' },
  'numero de telephone': { organisation: 'organisation.phone', person: 'person.phone' },
}

const BY_ALIAS = new Map<string, ImportField>()
for (const [field, names] of Object.entries(ALIASES) as Array<[ImportField, string[]]>) {
  for (const name of names) BY_ALIAS.set(name, field)
  BY_ALIAS.set(normalizeName(field), field)
}

export type ImportMapping = Record<string, ImportField | null>

/**
 * Suggests a field for each header: known names first, then the contextual ones (`Nom`, `E-mail`,
 * `Tél.`) go to the person when the file has a first-name column, else to the organisation.
 * A field is given to one column only.
 */
export function suggestMapping(headers: string[]): ImportMapping {
  const keys = headers.map((header) => normalizeName(header))
  const direct = keys.map((key) => BY_ALIAS.get(key) ?? null)
  const hasPeople = direct.includes('person.firstName')
  const mapping: ImportMapping = {}
  const taken = new Set<ImportField>()
  headers.forEach((header, index) => {
    const contextual = CONTEXTUAL[keys[index]]
    let field = direct[index] ?? (contextual ? contextual[hasPeople ? 'person' : 'organisation'] : null)
    // A people file with both "Nom" and "Société" but the person's e-mail already taken: the
    // organisation's column is the next best meaning.
    if (field && taken.has(field) && contextual) field = contextual[hasPeople ? 'organisation' : 'person']
    if (field && taken.has(field)) field = null
    if (field) taken.add(field)
    mapping[header] = field
  })
  return mapping
}

export const DUPLICATE_POLICIES = ['skip', 'update', 'create'] as const
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number]

export const IMPORT_STATUSES = ['DRAFT', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'UNDONE'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** Limits checked before parsing (see docs/imports.md). */
export const IMPORT_LIMITS = {
  fileBytes: 30 * 1024 * 1024,
  rows: 200_000,
  columns: 100,
  cellChars: 20_000,
  /** `.xlsx`: the sum of the entries' declared uncompressed sizes, and their number. */
  xlsxUncompressedBytes: 200 * 1024 * 1024,
  xlsxEntries: 2_000,
} as const

export const importIdInput = z.object({ id: idSchema })

export const importPreviewInput = z.object({
  id: idSchema,
  sheet: z.string().trim().min(1).max(200).optional(),
})

export const importConfigureInput = z.object({
  id: idSchema,
  sheet: z.string().trim().min(1).max(200).optional(),
  mapping: z
    .record(z.string().max(500), importField.nullable())
    .refine((mapping) => Object.keys(mapping).length <= IMPORT_LIMITS.columns, { message: 'Too many columns' }),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES),
})
export type ImportConfigureInput = z.input<typeof importConfigureInput>

export const importListInput = z.object({ ...pageInput })

export interface ImportProblem {
  /** The row as a spreadsheet numbers it (the header is line 1). */
  line: number
  /** The file's column header ('' when the problem concerns the whole row). */
  column: string
  code: ImportProblemCode
  /** What the message names (a value, another line…). */
  params: Record<string, string>
  /** error: the row is left out; warning: the row is imported, or skipped by the duplicate policy. */
  severity: 'error' | 'warning'
}

export const IMPORT_PROBLEM_CODES = [
  'EMPTY_ROW',
  'MISSING_NAME',
  'MISSING_FIRST_NAME',
  'MISSING_LAST_NAME',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_URL',
  'INVALID_AMOUNT',
  'INVALID_TYPE',
  'INVALID_STAGE',
  'INVALID_BOOLEAN',
  'INVALID_COUNTRY',
  'TOO_LONG',
  'UNKNOWN_OWNER',
  'DUPLICATE_IN_FILE',
  'DUPLICATE_IN_DATABASE',
  'AMOUNT_ROUNDED',
] as const
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number]

export interface ImportCounts {
  rows: number
  rowsWithErrors: number
  organisations: { create: number; update: number; skip: number }
  people: { create: number; update: number; skip: number }
  links: { create: number }
}

export const emptyImportCounts = (): ImportCounts => ({
  rows: 0,
  rowsWithErrors: 0,
  organisations: { create: 0, update: 0, skip: 0 },
  people: { create: 0, update: 0, skip: 0 },
  links: { create: 0 },
})

/** Live progress, carried by `import.progress` events and stored on the import. */
export interface ImportProgress {
  importId: string
  status: ImportStatus
  rowsDone: number
  totalRows: number
  rowsPerSecond: number
  secondsLeft: number | null
}
