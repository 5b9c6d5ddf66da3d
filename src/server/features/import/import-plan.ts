import { normalizeName } from '../../../shared/normalize.ts'
import {
  emptyImportCounts,
  type DuplicatePolicy,
  type ImportCounts,
  type ImportField,
  type ImportMapping,
  type ImportProblem,
  type ImportProblemCode,
} from '../../../shared/schemas/import.ts'
import type { SqlClient } from '../../db/sql.ts'
import type { ParsedFile, RowReader } from './import-file.ts'
import {
  cellText,
  parseAmount,
  parseBoolean,
  parseCountry,
  parseEmail,
  parseOrganisationType,
  parsePhone,
  parseStage,
  parseTags,
  parseUrl,
  type Cell,
  type Parsed,
} from './import-values.ts'

// The plan of an import: every row validated, every organisation and person matched (within the
// file, then against the target team only — matching never crosses the importer's scope) and given
// an action by the duplicate policy. The dry run reports it; the run executes it in one transaction.

export interface OrganisationValues {
  name: string
  type: string | null
  category: string | null
  stage: string | null
  potentialAmount: number | null
  email: string | null
  phone: string | null
  website: string | null
  address: string | null
  city: string | null
  postalCode: string | null
  country: string | null
  notes: string | null
  isActive: boolean | null
  tags: string[] | null
}

export interface PersonValues {
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  jobTitle: string | null
  linkedinUrl: string | null
  notes: string | null
}

export interface PlannedOrganisation {
  /** Its index in the plan's organisations. */
  key: number
  /** create: a new record; update: `existingId` gets the file's non-empty values; keep: matched, left as is. */
  action: 'create' | 'update' | 'keep'
  existingId: string | null
  values: OrganisationValues
  ownerId: string | null
  line: number
}

export interface PlannedPerson {
  /** Its index in the plan's people. */
  key: number
  action: 'create' | 'update' | 'keep'
  existingId: string | null
  values: PersonValues
  ownerId: string | null
  organisation: PlannedOrganisation | null
  line: number
}

export interface ImportPlan {
  organisations: PlannedOrganisation[]
  people: PlannedPerson[]
  problems: ImportProblem[]
  counts: ImportCounts
  /** `personId|organisationId` of the links that exist already. */
  existingLinks: Set<string>
}

export interface PlanOptions {
  teamId: string
  mapping: ImportMapping
  policy: DuplicatePolicy
}

const TEXT_LIMITS: Partial<Record<ImportField, number>> = {
  'organisation.name': 200,
  'organisation.category': 100,
  'organisation.address': 300,
  'organisation.city': 100,
  'organisation.postalCode': 20,
  'organisation.notes': 20_000,
  'person.firstName': 100,
  'person.lastName': 100,
  'person.jobTitle': 150,
  'person.notes': 20_000,
}

type RowValues = Partial<Record<ImportField, Cell>>

interface ParsedRow {
  line: number
  organisation: OrganisationValues | null
  /** The organisation's normalised name, computed once for the lookup and the matching. */
  organisationKey: string | null
  person: PersonValues | null
  ownerEmail: string | null
}

interface ValidatedRows {
  rows: ParsedRow[]
  problems: ImportProblem[]
  counts: ImportCounts
  /** The file's column that fills each field, for the problems' `column`. */
  columnOf: Map<ImportField, string>
}

/**
 * Plans an import as its file is read: `read` reads it with the row reader it is given
 * (`readImportFile`), which validates each row as it is parsed, so the file's cells are never all in
 * memory (only each valid row's values are kept). `mapping` gets the file's headers, and may refuse
 * them by throwing before any row is read.
 */
export async function planImport(
  sql: SqlClient,
  read: (rows: RowReader) => Promise<ParsedFile>,
  options: Omit<PlanOptions, 'mapping'> & { mapping: (headers: string[]) => ImportMapping },
): Promise<{ plan: ImportPlan; file: ParsedFile; mapping: ImportMapping }> {
  let validation: RowValidation | undefined
  const file = await read((headers) => {
    validation = rowValidation(headers, options.mapping(headers))
    return validation.readRow
  })
  // A readable file always has a header its reader was given.
  if (!validation) throw new Error('import file read without its header')
  const plan = await matchRows(sql, validation.result(file.rowCount), { ...options, mapping: validation.mapping })
  return { plan, file, mapping: validation.mapping }
}

interface RowValidation {
  mapping: ImportMapping
  readRow(row: Cell[], index: number): void
  result(rowCount: number): ValidatedRows
}

function rowValidation(headers: string[], mapping: ImportMapping): RowValidation {
  const columns = headers
    .map((header, index) => ({ header, index, field: mapping[header] ?? null }))
    .filter((column): column is { header: string; index: number; field: ImportField } => column.field !== null)
  const columnOf = new Map(columns.map((column) => [column.field, column.header]))
  const problems: ImportProblem[] = []
  const counts = emptyImportCounts()
  const parsedRows: ParsedRow[] = []

  const readRow = (row: Cell[], index: number) => {
    const line = index + 2
    const raw: RowValues = {}
    for (const column of columns) raw[column.field] = row[column.index] ?? null
    const rowProblems: ImportProblem[] = []
    const problem = (field: ImportField | '', code: ImportProblemCode, params: Record<string, string> = {}, severity: 'error' | 'warning' = 'error') =>
      rowProblems.push({ line, column: field ? (columnOf.get(field) ?? '') : '', code, params, severity })
    const text = (field: ImportField): string | null => {
      const value = cellText(raw[field] ?? null)
      if (value === '') return null
      const limit = TEXT_LIMITS[field] ?? 500
      if (value.length > limit) {
        problem(field, 'TOO_LONG', { max: String(limit) })
        return null
      }
      return value
    }
    const parse = <T,>(field: ImportField, parser: (cell: Cell) => Parsed<T>, code: ImportProblemCode): T | null => {
      const cell = raw[field] ?? null
      const result = parser(cell)
      if (result.error) {
        problem(field, code, { value: cellText(cell).slice(0, 100) })
        return null
      }
      return result.value ?? null
    }

    const organisationName = text('organisation.name')
    const firstName = text('person.firstName')
    const lastName = text('person.lastName')
    const ownerEmail = parse('owner.email', parseEmail, 'INVALID_EMAIL')
    const amount = parseAmount(raw['organisation.potentialAmount'] ?? null)
    if (!amount.error && amount.rounded) problem('organisation.potentialAmount', 'AMOUNT_ROUNDED', { value: cellText(raw['organisation.potentialAmount'] ?? null), rounded: String(amount.value) }, 'warning')
    const organisation: OrganisationValues | null = organisationName
      ? {
          name: organisationName,
          type: parse('organisation.type', parseOrganisationType, 'INVALID_TYPE'),
          category: text('organisation.category'),
          stage: parse('organisation.stage', parseStage, 'INVALID_STAGE'),
          potentialAmount: parse('organisation.potentialAmount', () => amount, 'INVALID_AMOUNT'),
          email: parse('organisation.email', parseEmail, 'INVALID_EMAIL'),
          phone: parse('organisation.phone', parsePhone, 'INVALID_PHONE'),
          website: parse('organisation.website', parseUrl, 'INVALID_URL'),
          address: text('organisation.address'),
          city: text('organisation.city'),
          postalCode: text('organisation.postalCode'),
          country: parse('organisation.country', parseCountry, 'INVALID_COUNTRY'),
          notes: text('organisation.notes'),
          isActive: parse('organisation.isActive', parseBoolean, 'INVALID_BOOLEAN'),
          tags: parse('organisation.tags', parseTags, 'TOO_LONG'),
        }
      : null
    const hasPerson = Boolean(firstName || lastName || cellText(raw['person.email'] ?? null))
    let person: PersonValues | null = null
    if (hasPerson) {
      if (!firstName) problem('person.firstName', 'MISSING_FIRST_NAME')
      if (!lastName) problem('person.lastName', 'MISSING_LAST_NAME')
      person = {
        firstName: firstName ?? '',
        lastName: lastName ?? '',
        email: parse('person.email', parseEmail, 'INVALID_EMAIL'),
        phone: parse('person.phone', parsePhone, 'INVALID_PHONE'),
        jobTitle: text('person.jobTitle'),
        linkedinUrl: parse('person.linkedinUrl', parseUrl, 'INVALID_URL'),
        notes: text('person.notes'),
      }
    }
    if (!organisation && !person) {
      const empty = Object.values(raw).every((cell) => cellText(cell ?? null) === '')
      problem(columnOf.has('organisation.name') ? 'organisation.name' : '', empty ? 'EMPTY_ROW' : 'MISSING_NAME')
    }
    problems.push(...rowProblems)
    if (rowProblems.some((item) => item.severity === 'error')) {
      counts.rowsWithErrors += 1
      return
    }
    parsedRows.push({ line, organisation, organisationKey: organisation && normalizeName(organisation.name), person, ownerEmail })
  }
  return {
    mapping,
    readRow,
    result(rowCount) {
      counts.rows = rowCount
      return { rows: parsedRows, problems, counts, columnOf }
    },
  }
}

async function matchRows(sql: SqlClient, { rows: parsedRows, problems, counts, columnOf }: ValidatedRows, options: PlanOptions): Promise<ImportPlan> {
  // Owners by e-mail: active members of the target team only.
  const ownerEmails = [...new Set(parsedRows.map((row) => row.ownerEmail).filter((email): email is string => Boolean(email)))]
  const { rows: ownerRows } = await sql.query(`SELECT id::text, email FROM "User" WHERE email IN ${textList(1)} AND "teamId" = $2::uuid AND "isActive"`, [JSON.stringify(ownerEmails), options.teamId])
  const owners = new Map((ownerRows as Array<{ id: string; email: string }>).map((user) => [user.email, user.id]))

  const existing = await loadExisting(sql, options.teamId, parsedRows)
  const organisations: PlannedOrganisation[] = []
  const organisationByName = new Map<string, PlannedOrganisation>()
  const organisationByEmail = new Map<string, PlannedOrganisation>()
  const people: PlannedPerson[] = []
  const personByEmail = new Map<string, PlannedPerson>()
  const personByNameAndOrganisation = new Map<string, PlannedPerson>()
  const duplicate = (line: number, column: string, where: 'file' | 'database', params: Record<string, string>) =>
    problems.push({
      line,
      column,
      code: where === 'file' ? 'DUPLICATE_IN_FILE' : 'DUPLICATE_IN_DATABASE',
      params: { ...params, policy: options.policy },
      severity: 'warning',
    })

  for (const row of parsedRows) {
    let ownerId: string | null = null
    if (row.ownerEmail) {
      ownerId = owners.get(row.ownerEmail) ?? null
      if (!ownerId) {
        problems.push({ line: row.line, column: columnOf.get('owner.email') ?? '', code: 'UNKNOWN_OWNER', params: { value: row.ownerEmail }, severity: 'warning' })
      }
    }

    let organisation: PlannedOrganisation | null = null
    if (row.organisation) {
      const values = row.organisation
      const nameKey = row.organisationKey!
      const inFile = organisationByName.get(nameKey) ?? (values.email ? organisationByEmail.get(values.email) : undefined)
      // A person's row names their organisation: a reference, not a duplicate, unless it says more.
      const onlyReference = row.person !== null && !hasOrganisationDetails(values)
      if (inFile && (onlyReference || options.policy !== 'create')) {
        organisation = inFile
        if (!onlyReference) {
          duplicate(row.line, columnOf.get('organisation.name') ?? '', 'file', { name: values.name, otherLine: String(inFile.line) })
          if (options.policy === 'update') mergeValues(inFile.values, values)
          else counts.organisations.skip += 1
        }
      } else {
        const match = existing.organisationByName.get(nameKey) ?? (values.email ? existing.organisationByEmail.get(values.email) : undefined)
        let action: PlannedOrganisation['action'] = 'create'
        if (match && (onlyReference || options.policy === 'skip')) action = 'keep'
        else if (match && options.policy === 'update') action = 'update'
        if (match && !onlyReference) duplicate(row.line, columnOf.get('organisation.name') ?? '', 'database', { name: values.name })
        organisation = {
          key: organisations.length,
          action,
          existingId: action === 'create' ? null : match!.id,
          values,
          ownerId,
          line: row.line,
        }
        organisations.push(organisation)
        if (!organisationByName.has(nameKey)) organisationByName.set(nameKey, organisation)
        if (values.email && !organisationByEmail.has(values.email)) organisationByEmail.set(values.email, organisation)
      }
    }

    if (row.person) {
      const values = row.person
      const nameKey = `${normalizeName(`${values.firstName} ${values.lastName}`)}|${organisation ? organisationIdentity(organisation) : ''}`
      const inFile = (values.email ? personByEmail.get(values.email) : undefined) ?? personByNameAndOrganisation.get(nameKey)
      if (inFile && options.policy !== 'create') {
        duplicate(row.line, columnOf.get(values.email && personByEmail.has(values.email) ? 'person.email' : 'person.lastName') ?? '', 'file', {
          name: `${values.firstName} ${values.lastName}`,
          otherLine: String(inFile.line),
        })
        if (options.policy === 'update') mergeValues(inFile.values, values)
        else counts.people.skip += 1
        continue
      }
      const match =
        (values.email ? existing.personByEmail.get(values.email) : undefined) ??
        (organisation?.existingId ? existing.personByNameAndOrganisation.get(`${normalizeName(`${values.firstName} ${values.lastName}`)}|${organisation.existingId}`) : undefined)
      let action: PlannedPerson['action'] = 'create'
      if (match && options.policy === 'skip') action = 'keep'
      else if (match && options.policy === 'update') action = 'update'
      if (match) {
        duplicate(row.line, columnOf.get(values.email && existing.personByEmail.has(values.email) ? 'person.email' : 'person.lastName') ?? '', 'database', {
          name: `${values.firstName} ${values.lastName}`,
        })
      }
      const person: PlannedPerson = {
        key: people.length,
        action,
        existingId: action === 'create' ? null : match!.id,
        values,
        ownerId,
        organisation,
        line: row.line,
      }
      people.push(person)
      if (values.email && !personByEmail.has(values.email)) personByEmail.set(values.email, person)
      if (!personByNameAndOrganisation.has(nameKey)) personByNameAndOrganisation.set(nameKey, person)
    }
  }

  for (const organisation of organisations) {
    counts.organisations[organisation.action === 'keep' ? 'skip' : organisation.action] += 1
  }
  for (const person of people) {
    counts.people[person.action === 'keep' ? 'skip' : person.action] += 1
    if (person.organisation && !isLinked(person, existing.links)) counts.links.create += 1
  }
  problems.sort((a, b) => a.line - b.line)
  return { organisations, people, problems, counts, existingLinks: existing.links }
}

/** Whether the person is already linked to the organisation (both existing records). */
export function isLinked(person: PlannedPerson, links: Set<string>): boolean {
  return Boolean(person.existingId && person.organisation?.existingId && links.has(`${person.existingId}|${person.organisation.existingId}`))
}

function organisationIdentity(organisation: PlannedOrganisation): string {
  return organisation.existingId ?? `new:${organisation.key}`
}

function hasOrganisationDetails(values: OrganisationValues): boolean {
  return Object.entries(values).some(([field, value]) => field !== 'name' && value !== null)
}

/** The later row's non-empty values complete or replace the earlier ones (policy "update"). */
function mergeValues<T extends object>(target: T, source: T) {
  for (const [field, value] of Object.entries(source)) {
    if (value !== null && value !== '') (target as Record<string, unknown>)[field] = value
  }
}

/**
 * A list parameter sent as one JSON text and unpacked in the database: the dry run goes through
 * Prisma, whose query compiler spent 18 s and ~500 MB on arrays of 100,000 names; one string costs
 * it nothing, and `pg` sends it faster than an array literal too. Matched with `IN (SELECT …)`, which
 * PostgreSQL hashes, where `= ANY(array)` of a subquery compares every row with every element.
 */
function textList(parameter: number): string {
  return `(SELECT jsonb_array_elements_text($${parameter}::jsonb))`
}

function uuidList(parameter: number): string {
  return `(SELECT jsonb_array_elements_text($${parameter}::jsonb)::uuid)`
}

async function loadExisting(sql: SqlClient, teamId: string, rows: ParsedRow[]) {
  // Filled in one pass (no array per row, no name normalised again).
  const nameSet = new Set<string>()
  const organisationEmailSet = new Set<string>()
  const personEmailSet = new Set<string>()
  for (const row of rows) {
    if (row.organisationKey !== null) nameSet.add(row.organisationKey)
    if (row.organisation?.email) organisationEmailSet.add(row.organisation.email)
    if (row.person?.email) personEmailSet.add(row.person.email)
  }
  const [names, organisationEmails, personEmails] = [[...nameSet], [...organisationEmailSet], [...personEmailSet]]
  const { rows: organisations } = (await sql.query(
    `SELECT id::text, "normalizedName", lower(email) AS email FROM "Organisation"
    WHERE "teamId" = $1::uuid AND ("normalizedName" IN ${textList(2)} OR lower(email) IN ${textList(3)})
    ORDER BY "createdAt"`,
    [teamId, JSON.stringify(names), JSON.stringify(organisationEmails)],
  )) as { rows: Array<{ id: string; normalizedName: string; email: string | null }> }
  const organisationByName = new Map<string, { id: string }>()
  const organisationByEmail = new Map<string, { id: string }>()
  for (const organisation of organisations) {
    if (!organisationByName.has(organisation.normalizedName)) organisationByName.set(organisation.normalizedName, organisation)
    if (organisation.email && !organisationByEmail.has(organisation.email)) organisationByEmail.set(organisation.email, organisation)
  }
  const { rows: peopleByEmail } = (await sql.query(
    `SELECT id::text, lower(email) AS email FROM "Person"
    WHERE "teamId" = $1::uuid AND lower(email) IN ${textList(2)}
    ORDER BY "createdAt"`,
    [teamId, JSON.stringify(personEmails)],
  )) as { rows: Array<{ id: string; email: string }> }
  const personByEmail = new Map<string, { id: string }>()
  for (const person of peopleByEmail) if (!personByEmail.has(person.email)) personByEmail.set(person.email, person)
  const organisationIds = organisations.map((organisation) => organisation.id)
  const { rows: linked } = (await sql.query(
    `SELECT p.id::text, p."firstName", p."lastName", l."organisationId"::text AS "organisationId"
    FROM "PersonOrganisationLink" l JOIN "Person" p ON p.id = l."personId"
    WHERE l."organisationId" IN ${uuidList(1)} AND p."teamId" = $2::uuid`,
    [JSON.stringify(organisationIds), teamId],
  )) as { rows: Array<{ id: string; firstName: string; lastName: string; organisationId: string }> }
  const personByNameAndOrganisation = new Map<string, { id: string }>()
  const links = new Set<string>()
  for (const person of linked) {
    const key = `${normalizeName(`${person.firstName} ${person.lastName}`)}|${person.organisationId}`
    if (!personByNameAndOrganisation.has(key)) personByNameAndOrganisation.set(key, person)
    links.add(`${person.id}|${person.organisationId}`)
  }
  // Links of people matched by e-mail to organisations of the file, so they are not linked twice.
  const matchedPeople = [...personByEmail.values()].map((person) => person.id)
  if (matchedPeople.length > 0) {
    const { rows: more } = (await sql.query(
      `SELECT "personId"::text AS "personId", "organisationId"::text AS "organisationId" FROM "PersonOrganisationLink"
      WHERE "personId" IN ${uuidList(1)}`,
      [JSON.stringify(matchedPeople)],
    )) as { rows: Array<{ personId: string; organisationId: string }> }
    for (const link of more) links.add(`${link.personId}|${link.organisationId}`)
  }
  return { organisationByName, organisationByEmail, personByEmail, personByNameAndOrganisation, links }
}
