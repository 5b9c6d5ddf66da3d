import { normalizeName } from '../../../shared/normalize.ts'
import { jsonParameter, reusableJsonParameter, utc, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { recordChange } from '../../cache/invalidation.ts'
import { createEventStaging, stageEvents, type NewDomainEvent } from '../../events/event-log.ts'
import { isLinked, type ImportPlan, type OrganisationValues, type PersonValues } from './import-plan.ts'

// Executes a plan inside the caller's transaction with set-based statements (`INSERT … SELECT … FROM
// json_to_recordset(…)`, `UPDATE … FROM json_to_recordset(…)`), a chunk at a time so that progress
// can be reported and a cancellation noticed between chunks. Each chunk's undo records are written
// and its events staged (events/event-log.ts) as it ends; the caller appends the staged events last.
// Nothing here commits: the caller's one transaction makes the whole import appear at once, or not
// at all. Plain SQL on the caller's client (a bare `pg` connection in the run): Prisma's
// per-statement cost was most of the import's CPU.
// A chunk's rows go as one JSON parameter (`jsonParameter`), which `JSON.stringify` builds natively
// in one piece: sent as `unnest` arrays, `pg` built a quoted array literal per column, value by value,
// about ten times the chunk's size in short-lived strings.

const CHUNK = 2_000

export interface WriteContext {
  importId: string
  teamId: string
  actorId: string | null
  /** Called between chunks with the units done so far; throws to abort (cancellation). */
  progress(unitsDone: number): Promise<void>
}

interface Written {
  events: NewDomainEvent[]
  records: Array<{ entity: string; entityId: string; action: 'created' | 'updated'; before: unknown; version: number | null }>
}

/** Units of work of a plan, for progress: one per organisation, person and link written. */
export function planUnits(plan: ImportPlan): number {
  return plan.organisations.length + plan.people.length * 2
}

const ORGANISATION_COLUMNS = ['name', 'type', 'category', 'stage', 'potentialAmount', 'email', 'phone', 'website', 'address', 'city', 'postalCode', 'country', 'notes', 'isActive', 'tags'] as const
const PERSON_COLUMNS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'linkedinUrl', 'notes'] as const

/** The records a chunk's JSON holds (`json_to_recordset`), named as the rows built below. */
const ORGANISATION_RECORD = `id uuid, name text, "normalizedName" text, type text, category text, stage text, "potentialAmount" float8, email text, phone text,
  website text, address text, city text, "postalCode" text, country text, notes text, "isActive" bool, tags json, "ownerId" uuid`
const PERSON_RECORD = `id uuid, "firstName" text, "lastName" text, email text, phone text, "jobTitle" text, "linkedinUrl" text, notes text, "ownerId" uuid`

/**
 * Statements writing a chunk of new records from `$1` (JSON rows, in the file's order), with their
 * undo records (`ImportRecord`, import `$4`) and their events staged in `staged_domain_events` (team
 * `$2`, actor `$5`; `$3` the time): the payloads are those the records' own writes give them.
 */
const CREATE_ORGANISATIONS = `
  WITH u AS MATERIALIZED (SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (${ORGANISATION_RECORD})) WITH ORDINALITY AS u),
  inserted AS (
    INSERT INTO "Organisation" (id, name, "normalizedName", type, category, stage, "potentialAmount", email, phone, website, address, city, "postalCode", country, notes, "isActive", tags, "ownerId", "teamId", version, "createdAt", "updatedAt")
    SELECT u.id, u.name, u."normalizedName", u.type::"OrganisationType", u.category, u.stage::"PipelineStage", u."potentialAmount", u.email, u.phone, u.website, u.address, u.city,
      u."postalCode", u.country, u.notes, u."isActive", ARRAY(SELECT json_array_elements_text(u.tags)), u."ownerId", $2::uuid, 1, $3::timestamp, $3::timestamp
    FROM u ORDER BY u.ordinality),
  undo AS (INSERT INTO "ImportRecord" ("importId", entity, "entityId", action, before, version) SELECT $4::uuid, 'organisation', u.id, 'created', NULL, 1 FROM u ORDER BY u.ordinality)
  INSERT INTO staged_domain_events (type, entity, "entityId", "teamId", "actorId", payload)
  SELECT 'organisation.created', 'organisation', u.id::text, $2::uuid, $5::uuid,
    jsonb_build_object('name', u.name, 'type', u.type, 'stage', u.stage, 'potentialAmount', u."potentialAmount", 'ownerId', u."ownerId", 'version', 1, 'importId', $4::text)
  FROM u ORDER BY u.ordinality`

const CREATE_PEOPLE = `
  WITH u AS MATERIALIZED (SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (${PERSON_RECORD}, "organisationId" uuid)) WITH ORDINALITY AS u),
  inserted AS (
    INSERT INTO "Person" (id, "firstName", "lastName", email, phone, "jobTitle", "linkedinUrl", notes, "ownerId", "teamId", version, "createdAt", "updatedAt")
    SELECT u.id, u."firstName", u."lastName", u.email, u.phone, u."jobTitle", u."linkedinUrl", u.notes, u."ownerId", $2::uuid, 1, $3::timestamp, $3::timestamp
    FROM u ORDER BY u.ordinality),
  undo AS (INSERT INTO "ImportRecord" ("importId", entity, "entityId", action, before, version) SELECT $4::uuid, 'person', u.id, 'created', NULL, 1 FROM u ORDER BY u.ordinality)
  INSERT INTO staged_domain_events (type, entity, "entityId", "teamId", "actorId", payload)
  SELECT 'person.created', 'person', u.id::text, $2::uuid, $5::uuid,
    jsonb_build_object('firstName', u."firstName", 'lastName', u."lastName", 'version', 1, 'organisationId', u."organisationId", 'importId', $4::text)
  FROM u ORDER BY u.ordinality`

/** Links already there are left alone (no undo record, no event); a new person's creation event names the organisation already. */
const CREATE_LINKS = `
  WITH u AS MATERIALIZED (SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (id uuid, "personId" uuid, "organisationId" uuid, "jobTitle" text, "workEmail" text, "isPrimary" bool)) WITH ORDINALITY AS u),
  inserted AS (
    INSERT INTO "PersonOrganisationLink" (id, "personId", "organisationId", "jobTitle", "workEmail", "isPrimary", "createdAt", "updatedAt")
    SELECT u.id, u."personId", u."organisationId", u."jobTitle", u."workEmail", u."isPrimary", $3::timestamp, $3::timestamp
    FROM u ORDER BY u.ordinality
    ON CONFLICT ("personId", "organisationId") DO NOTHING
    RETURNING id),
  undo AS (INSERT INTO "ImportRecord" ("importId", entity, "entityId", action, before, version) SELECT $4::uuid, 'link', u.id, 'created', NULL, NULL FROM u JOIN inserted USING (id) ORDER BY u.ordinality)
  INSERT INTO staged_domain_events (type, entity, "entityId", "teamId", "actorId", payload)
  SELECT 'person.linked', 'person', u."personId"::text, $2::uuid, $5::uuid,
    jsonb_build_object('organisationId', u."organisationId", 'created', true, 'importId', $4::text)
  FROM u JOIN inserted USING (id) WHERE NOT u."isPrimary" ORDER BY u.ordinality`

export async function writePlan(sql: SqlClient, plan: ImportPlan, context: WriteContext): Promise<void> {
  // What the current chunk wrote, saved for undo and staged as events at its end: nothing grows with the file.
  let written: Written = { events: [], records: [] }
  let unitsDone = 0
  const progressBy = async (units: number) => {
    unitsDone += units
    await context.progress(unitsDone)
  }
  // Updated records: their values before are read, their undo records and events built here.
  const step = async (units: number) => {
    // Both serialised and sent now: nothing of the chunk is held while they run, so V8 does not
    // promote it to the old space, where it would stay as garbage until the next full collection.
    const saved = Promise.all([recordForUndo(sql, context.importId, written.records), stageEvents(sql, written.events)])
    written = { events: [], records: [] }
    await saved
    await progressBy(units)
  }
  const base = { teamId: context.teamId, actorId: context.actorId }
  const now = utc(new Date())
  const chunkJson = reusableJsonParameter(sql)

  // Organisations: created, then updated; those kept need nothing.
  // Ids by the records' keys (their index in the plan): Maps of 100,000 entries grew by copying their
  // tables, and each entry cost more than an array's slot.
  const organisationIds = plan.organisations.map((organisation) => organisation.existingId)
  const newOrganisations = plan.organisations.filter((organisation) => organisation.action === 'create')
  // Created records: one statement per chunk writes them, their undo records and their staged events
  // (data-modifying CTEs, in the order of the file), so neither travels through Node.
  let staging = false
  const created = async (statement: string, rows: Buffer | string, units: number) => {
    if (!staging) {
      await createEventStaging(sql)
      recordChange({ entity: 'organisation', teamId: context.teamId, payload: {} }) // the team's scopes, as every event here names them
      staging = true
    }
    await sql.query(statement, [rows, context.teamId, now, context.importId, context.actorId])
    await progressBy(units)
  }
  for (const chunk of chunks(newOrganisations)) {
    const ids = chunk.map(() => uuidv7())
    chunk.forEach((organisation, index) => (organisationIds[organisation.key] = ids[index]))
    const rows = chunkJson(chunk.map(({ values, ownerId }, index) => organisationRow(values, ids[index], ownerId, { withDefaults: true })))
    await created(CREATE_ORGANISATIONS, rows, chunk.length)
  }

  const updatedOrganisations = plan.organisations.filter((organisation) => organisation.action === 'update')
  for (const chunk of chunks(updatedOrganisations)) {
    const ids = chunk.map((organisation) => organisation.existingId!)
    const before = await selectColumns(sql, 'Organisation', [...ORGANISATION_COLUMNS, 'ownerId'], ids)
    const beforeById = new Map(before.map((row) => [row.id as string, row]))
    const rows = chunkJson(chunk.map(({ values, existingId, ownerId }) => organisationRow(values, existingId!, ownerId, { withDefaults: false })))
    const { rows: after } = (await sql.query(
      `UPDATE "Organisation" o SET
        name = u.name, "normalizedName" = u."normalizedName",
        type = COALESCE(u.type::"OrganisationType", o.type), category = COALESCE(u.category, o.category),
        stage = COALESCE(u.stage::"PipelineStage", o.stage), "potentialAmount" = COALESCE(u."potentialAmount", o."potentialAmount"),
        email = COALESCE(u.email, o.email), phone = COALESCE(u.phone, o.phone), website = COALESCE(u.website, o.website),
        address = COALESCE(u.address, o.address), city = COALESCE(u.city, o.city), "postalCode" = COALESCE(u."postalCode", o."postalCode"),
        country = COALESCE(u.country, o.country), notes = COALESCE(u.notes, o.notes), "isActive" = COALESCE(u."isActive", o."isActive"),
        tags = COALESCE(ARRAY(SELECT json_array_elements_text(u.tags)), o.tags), "ownerId" = COALESCE(u."ownerId", o."ownerId"),
        version = o.version + 1, "updatedAt" = $3::timestamp
      FROM json_to_recordset($1::json) AS u(${ORGANISATION_RECORD})
      WHERE o.id = u.id AND o."teamId" = $2::uuid
      RETURNING ${returning([...ORGANISATION_COLUMNS, 'ownerId', 'version'], 'o')}`,
      [rows, context.teamId, now],
    )) as { rows: Array<Record<string, unknown> & { id: string; version: number }> }
    for (const row of after) {
      const previous = beforeById.get(row.id)!
      const changes = changesOf(previous, row, [...ORGANISATION_COLUMNS, 'ownerId'])
      written.records.push({ entity: 'organisation', entityId: row.id, action: 'updated', before: snapshot(previous, [...ORGANISATION_COLUMNS, 'ownerId']), version: row.version })
      written.events.push({
        ...base,
        type: 'organisation.updated',
        entity: 'organisation',
        entityId: row.id,
        payload: { name: row.name, type: row.type, stage: row.stage, potentialAmount: row.potentialAmount, ownerId: row.ownerId, version: row.version, changes, importId: context.importId },
      })
    }
    await step(chunk.length)
  }

  // People, then their links to the organisations of their rows.
  const personIds = plan.people.map((person) => person.existingId)
  const newPeople = plan.people.filter((person) => person.action === 'create')
  for (const chunk of chunks(newPeople)) {
    const ids = chunk.map(() => uuidv7())
    chunk.forEach((person, index) => (personIds[person.key] = ids[index]))
    const rows = chunkJson(
      chunk.map((person, index) =>
        Object.assign(personRow(person.values, ids[index], person.ownerId), {
          // For the creation event only: the organisation of the person's row.
          organisationId: person.organisation ? organisationIds[person.organisation.key] : null,
        }),
      ),
    )
    await created(CREATE_PEOPLE, rows, chunk.length)
  }

  const updatedPeople = plan.people.filter((person) => person.action === 'update')
  for (const chunk of chunks(updatedPeople)) {
    const ids = chunk.map((person) => person.existingId!)
    const before = await selectColumns(sql, 'Person', [...PERSON_COLUMNS, 'ownerId'], ids)
    const beforeById = new Map(before.map((row) => [row.id as string, row]))
    const rows = chunkJson(chunk.map((person) => personRow(person.values, person.existingId!, person.ownerId)))
    const { rows: after } = (await sql.query(
      `UPDATE "Person" p SET
        "firstName" = u."firstName", "lastName" = u."lastName", email = COALESCE(u.email, p.email), phone = COALESCE(u.phone, p.phone),
        "jobTitle" = COALESCE(u."jobTitle", p."jobTitle"), "linkedinUrl" = COALESCE(u."linkedinUrl", p."linkedinUrl"), notes = COALESCE(u.notes, p.notes),
        "ownerId" = COALESCE(u."ownerId", p."ownerId"), version = p.version + 1, "updatedAt" = $3::timestamp
      FROM json_to_recordset($1::json) AS u(${PERSON_RECORD})
      WHERE p.id = u.id AND p."teamId" = $2::uuid
      RETURNING ${returning([...PERSON_COLUMNS, 'ownerId', 'version'], 'p')}`,
      [rows, context.teamId, now],
    )) as { rows: Array<Record<string, unknown> & { id: string; version: number; firstName: string; lastName: string }> }
    for (const row of after) {
      const previous = beforeById.get(row.id)!
      written.records.push({ entity: 'person', entityId: row.id, action: 'updated', before: snapshot(previous, [...PERSON_COLUMNS, 'ownerId']), version: row.version })
      written.events.push({
        ...base,
        type: 'person.updated',
        entity: 'person',
        entityId: row.id,
        payload: { firstName: row.firstName, lastName: row.lastName, changes: changesOf(previous, row, [...PERSON_COLUMNS, 'ownerId']), version: row.version, importId: context.importId },
      })
    }
    await step(chunk.length)
  }

  const linked = plan.people.filter((person) => person.organisation && !isLinked(person, plan.existingLinks))
  for (const chunk of chunks(linked)) {
    const rows = chunkJson(
      chunk.map((person) => ({
        id: uuidv7(),
        personId: personIds[person.key]!,
        organisationId: organisationIds[person.organisation!.key]!,
        jobTitle: person.values.jobTitle,
        workEmail: person.values.email,
        // A new person's organisation is their primary one; an existing person keeps theirs.
        isPrimary: person.action === 'create',
      })),
    )
    await created(CREATE_LINKS, rows, chunk.length)
  }
  await progressBy(plan.people.length - linked.length)
}

/** What undo needs: the records created, and the ones updated with their values before. Not `async`: nothing is held while it runs. */
function recordForUndo(sql: SqlClient, importId: string, records: Written['records']): Promise<unknown> {
  if (records.length === 0) return Promise.resolve()
  return sql.query(
    `INSERT INTO "ImportRecord" ("importId", entity, "entityId", action, before, version)
    SELECT $1::uuid, u.entity, u."entityId", u.action, u.before, u.version
    FROM json_to_recordset($2::json) AS u(entity text, "entityId" uuid, action text, before jsonb, version int)`,
    [importId, jsonParameter(sql, records)],
  )
}

// A chunk's rows are built field by field, not spread from the plan's values (`{ ...values }`): V8
// allocates a copy spread from an object of the old space (the plan is) in the old space too, so
// each chunk left ~3 MB of garbage there until the next full collection.

/** `withDefaults`: a new organisation's, with the defaults of its columns (which its event states too). */
function organisationRow(values: OrganisationValues, id: string, ownerId: string | null, { withDefaults }: { withDefaults: boolean }) {
  return {
    id,
    name: values.name,
    normalizedName: normalizeName(values.name),
    type: withDefaults ? (values.type ?? 'OTHER') : values.type,
    category: values.category,
    stage: withDefaults ? (values.stage ?? 'PROSPECT') : values.stage,
    potentialAmount: values.potentialAmount,
    email: values.email,
    phone: values.phone,
    website: values.website,
    address: values.address,
    city: values.city,
    postalCode: values.postalCode,
    country: values.country,
    notes: values.notes,
    isActive: withDefaults ? (values.isActive ?? true) : values.isActive,
    tags: withDefaults ? (values.tags ?? []) : values.tags,
    ownerId,
  }
}

function personRow(values: PersonValues, id: string, ownerId: string | null) {
  return {
    id,
    firstName: values.firstName,
    lastName: values.lastName,
    email: values.email,
    phone: values.phone,
    jobTitle: values.jobTitle,
    linkedinUrl: values.linkedinUrl,
    notes: values.notes,
    ownerId,
  }
}

/** The given columns of the rows with these ids, as they are before an update. */
async function selectColumns(sql: SqlClient, table: 'Organisation' | 'Person', columns: readonly string[], ids: string[]): Promise<Array<Record<string, unknown>>> {
  const { rows } = await sql.query(`SELECT ${returning(columns, 't')} FROM "${table}" t WHERE t.id = ANY($1::uuid[])`, [ids])
  return rows
}

/** `alias."id"::text AS "id", alias."column", …`: ids as text, the other columns as they are. */
function returning(columns: readonly string[], alias: string): string {
  return [`${alias}.id::text AS id`, ...columns.map((column) => `${alias}."${column}"`)].join(', ')
}

/** One chunk at a time: sliced all at once, a 100,000-record list's chunks lived through all its writes. */
function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK)
}

function snapshot(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, row[field] ?? null]))
}

function changesOf(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]) {
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const field of fields) {
    const from = before[field] ?? null
    const to = after[field] ?? null
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to }
  }
  return changes
}
