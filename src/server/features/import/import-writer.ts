import { normalizeName } from '../../../shared/normalize.ts'
import { jsonParameter, utc, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { stageEvents, type NewDomainEvent } from '../../events/event-log.ts'
import { isLinked, type ImportPlan, type OrganisationValues } from './import-plan.ts'

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

export async function writePlan(sql: SqlClient, plan: ImportPlan, context: WriteContext): Promise<void> {
  // What the current chunk wrote, saved for undo and staged as events at its end: nothing grows with the file.
  let written: Written = { events: [], records: [] }
  let unitsDone = 0
  const step = async (units: number) => {
    // Both serialised and sent now: nothing of the chunk is held while they run, so V8 does not
    // promote it to the old space, where it would stay as garbage until the next full collection.
    const saved = Promise.all([recordForUndo(sql, context.importId, written.records), stageEvents(sql, written.events)])
    written = { events: [], records: [] }
    await saved
    unitsDone += units
    await context.progress(unitsDone)
  }
  const base = { teamId: context.teamId, actorId: context.actorId }
  const now = utc(new Date())

  // Organisations: created, then updated; those kept need nothing.
  const organisationIds = new Map<number, string>()
  for (const organisation of plan.organisations) if (organisation.existingId) organisationIds.set(organisation.key, organisation.existingId)
  const newOrganisations = plan.organisations.filter((organisation) => organisation.action === 'create')
  for (const chunk of chunks(newOrganisations)) {
    const ids = chunk.map(() => uuidv7())
    chunk.forEach((organisation, index) => organisationIds.set(organisation.key, ids[index]))
    await sql.query(
      `INSERT INTO "Organisation" (id, name, "normalizedName", type, category, stage, "potentialAmount", email, phone, website, address, city, "postalCode", country, notes, "isActive", tags, "ownerId", "teamId", version, "createdAt", "updatedAt")
      SELECT u.id, u.name, u."normalizedName", u.type::"OrganisationType", u.category, u.stage::"PipelineStage", u."potentialAmount", u.email, u.phone, u.website, u.address, u.city,
        u."postalCode", u.country, u.notes, u."isActive", ARRAY(SELECT json_array_elements_text(u.tags)), u."ownerId", $2::uuid, 1, $3::timestamp, $3::timestamp
      FROM json_to_recordset($1::json) AS u(${ORGANISATION_RECORD})`,
      [jsonParameter(sql, chunk.map(({ values, ownerId }, index) => ({ ...withDefaults(values), id: ids[index], normalizedName: normalizeName(values.name), ownerId }))), context.teamId, now],
    )
    chunk.forEach((organisation, index) => {
      const value = withDefaults(organisation.values)
      written.records.push({ entity: 'organisation', entityId: ids[index], action: 'created', before: null, version: 1 })
      written.events.push({
        ...base,
        type: 'organisation.created',
        entity: 'organisation',
        entityId: ids[index],
        payload: { name: value.name, type: value.type, stage: value.stage, potentialAmount: value.potentialAmount, ownerId: organisation.ownerId, version: 1, importId: context.importId },
      })
    })
    await step(chunk.length)
  }

  const updatedOrganisations = plan.organisations.filter((organisation) => organisation.action === 'update')
  for (const chunk of chunks(updatedOrganisations)) {
    const ids = chunk.map((organisation) => organisation.existingId!)
    const before = await selectColumns(sql, 'Organisation', [...ORGANISATION_COLUMNS, 'ownerId'], ids)
    const beforeById = new Map(before.map((row) => [row.id as string, row]))
    const rows = jsonParameter(sql, chunk.map(({ values, existingId, ownerId }) => ({ ...values, id: existingId, normalizedName: normalizeName(values.name), ownerId })))
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
  const personIds = new Map<(typeof plan.people)[number], string>()
  for (const person of plan.people) if (person.existingId) personIds.set(person, person.existingId)
  const newPeople = plan.people.filter((person) => person.action === 'create')
  for (const chunk of chunks(newPeople)) {
    const ids = chunk.map(() => uuidv7())
    chunk.forEach((person, index) => personIds.set(person, ids[index]))
    const rows = jsonParameter(sql, chunk.map((person, index) => ({ ...person.values, id: ids[index], ownerId: person.ownerId })))
    await sql.query(
      `INSERT INTO "Person" (id, "firstName", "lastName", email, phone, "jobTitle", "linkedinUrl", notes, "ownerId", "teamId", version, "createdAt", "updatedAt")
      SELECT u.id, u."firstName", u."lastName", u.email, u.phone, u."jobTitle", u."linkedinUrl", u.notes, u."ownerId", $2::uuid, 1, $3::timestamp, $3::timestamp
      FROM json_to_recordset($1::json) AS u(${PERSON_RECORD})`,
      [rows, context.teamId, now],
    )
    chunk.forEach((person, index) => {
      const organisationId = person.organisation ? organisationIds.get(person.organisation.key) : undefined
      written.records.push({ entity: 'person', entityId: ids[index], action: 'created', before: null, version: 1 })
      written.events.push({
        ...base,
        type: 'person.created',
        entity: 'person',
        entityId: ids[index],
        payload: { firstName: person.values.firstName, lastName: person.values.lastName, version: 1, organisationId: organisationId ?? null, importId: context.importId },
      })
    })
    await step(chunk.length)
  }

  const updatedPeople = plan.people.filter((person) => person.action === 'update')
  for (const chunk of chunks(updatedPeople)) {
    const ids = chunk.map((person) => person.existingId!)
    const before = await selectColumns(sql, 'Person', [...PERSON_COLUMNS, 'ownerId'], ids)
    const beforeById = new Map(before.map((row) => [row.id as string, row]))
    const rows = jsonParameter(sql, chunk.map((person) => ({ ...person.values, id: person.existingId, ownerId: person.ownerId })))
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
  const created = new Set(newPeople.map((person) => personIds.get(person)))
  for (const chunk of chunks(linked)) {
    const rows = jsonParameter(
      sql,
      chunk.map((person) => ({
        id: uuidv7(),
        personId: personIds.get(person)!,
        organisationId: organisationIds.get(person.organisation!.key)!,
        jobTitle: person.values.jobTitle,
        workEmail: person.values.email,
        isPrimary: person.action === 'create',
      })),
    )
    // A new person's organisation is their primary one; an existing person keeps theirs.
    const { rows: inserted } = (await sql.query(
      `INSERT INTO "PersonOrganisationLink" (id, "personId", "organisationId", "jobTitle", "workEmail", "isPrimary", "createdAt", "updatedAt")
      SELECT u.id, u."personId", u."organisationId", u."jobTitle", u."workEmail", u."isPrimary", $2::timestamp, $2::timestamp
      FROM json_to_recordset($1::json) AS u(id uuid, "personId" uuid, "organisationId" uuid, "jobTitle" text, "workEmail" text, "isPrimary" bool)
      ON CONFLICT ("personId", "organisationId") DO NOTHING
      RETURNING id::text, "personId"::text AS "personId", "organisationId"::text AS "organisationId"`,
      [rows, now],
    )) as { rows: Array<{ id: string; personId: string; organisationId: string }> }
    for (const link of inserted) {
      written.records.push({ entity: 'link', entityId: link.id, action: 'created', before: null, version: null })
      if (created.has(link.personId)) continue // the person's creation event names the organisation
      written.events.push({
        ...base,
        type: 'person.linked',
        entity: 'person',
        entityId: link.personId,
        payload: { organisationId: link.organisationId, created: true, importId: context.importId },
      })
    }
    await step(chunk.length)
  }
  await step(plan.people.length - linked.length)
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

/** A new organisation's values with the defaults of its columns, which its event states too. */
function withDefaults(values: OrganisationValues) {
  return { ...values, type: values.type ?? 'OTHER', stage: values.stage ?? 'PROSPECT', isActive: values.isActive ?? true, tags: values.tags ?? [] }
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

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK))
  return result
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
