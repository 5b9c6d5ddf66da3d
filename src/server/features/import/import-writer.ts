import { randomBytes } from 'node:crypto'
import { normalizeName } from '../../../shared/normalize.ts'
import type { Prisma } from '../../db/client.ts'
import { stageEvents, type NewDomainEvent } from '../../events/event-log.ts'
import { isLinked, type ImportPlan, type OrganisationValues, type PersonValues } from './import-plan.ts'

// Executes a plan inside the caller's transaction with set-based statements (`INSERT … SELECT
// unnest(…)`, `UPDATE … FROM unnest(…)`), a chunk at a time so that progress can be reported and
// a cancellation noticed between chunks. Each chunk's undo records are written and its events staged
// (events/event-log.ts) as it ends; the caller appends the staged events last. Nothing here commits:
// the caller's one transaction makes the whole import appear at once, or not at all.

type Tx = Prisma.TransactionClient

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

/** A time-ordered UUID (version 7), like the ones Prisma generates for new records. */
export function uuidv7(): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = (bytes[6] & 0x0f) | 0x70
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const ORGANISATION_COLUMNS = ['name', 'type', 'category', 'stage', 'potentialAmount', 'email', 'phone', 'website', 'address', 'city', 'postalCode', 'country', 'notes', 'isActive', 'tags'] as const
const PERSON_COLUMNS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'linkedinUrl', 'notes'] as const

export async function writePlan(tx: Tx, plan: ImportPlan, context: WriteContext): Promise<void> {
  // What the current chunk wrote, saved for undo and staged as events at its end: nothing grows with the file.
  let written: Written = { events: [], records: [] }
  let unitsDone = 0
  const step = async (units: number) => {
    await recordForUndo(tx, context.importId, written.records)
    await stageEvents(tx, written.events)
    written = { events: [], records: [] }
    unitsDone += units
    await context.progress(unitsDone)
  }
  const base = { teamId: context.teamId, actorId: context.actorId }
  const now = new Date()

  // Organisations: created, then updated; those kept need nothing.
  const organisationIds = new Map<number, string>()
  for (const organisation of plan.organisations) if (organisation.existingId) organisationIds.set(organisation.key, organisation.existingId)
  const newOrganisations = plan.organisations.filter((organisation) => organisation.action === 'create')
  for (const chunk of chunks(newOrganisations)) {
    const ids = chunk.map(() => uuidv7())
    chunk.forEach((organisation, index) => organisationIds.set(organisation.key, ids[index]))
    const values = chunk.map((organisation) => ({ ...organisation.values, type: organisation.values.type ?? 'OTHER', stage: organisation.values.stage ?? 'PROSPECT', isActive: organisation.values.isActive ?? true, tags: organisation.values.tags ?? [] }))
    await tx.$executeRaw`
      INSERT INTO "Organisation" (id, name, "normalizedName", type, category, stage, "potentialAmount", email, phone, website, address, city, "postalCode", country, notes, "isActive", tags, "ownerId", "teamId", version, "createdAt", "updatedAt")
      SELECT u.id, u.name, u.normalized, u.type::"OrganisationType", u.category, u.stage::"PipelineStage", u.amount, u.email, u.phone, u.website, u.address, u.city,
        u.postal, u.country, u.notes, u.active, ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), u.owner, ${context.teamId}::uuid, 1, ${now}, ${now}
      FROM unnest(${ids}::uuid[], ${values.map((v) => v.name)}::text[], ${values.map((v) => normalizeName(v.name))}::text[], ${values.map((v) => v.type)}::text[],
        ${values.map((v) => v.category)}::text[], ${values.map((v) => v.stage)}::text[], ${values.map((v) => v.potentialAmount)}::float8[],
        ${values.map((v) => v.email)}::text[], ${values.map((v) => v.phone)}::text[], ${values.map((v) => v.website)}::text[], ${values.map((v) => v.address)}::text[],
        ${values.map((v) => v.city)}::text[], ${values.map((v) => v.postalCode)}::text[], ${values.map((v) => v.country)}::text[], ${values.map((v) => v.notes)}::text[],
        ${values.map((v) => v.isActive)}::bool[], ${values.map((v) => JSON.stringify(v.tags))}::text[], ${chunk.map((o) => o.ownerId)}::uuid[])
        AS u(id, name, normalized, type, category, stage, amount, email, phone, website, address, city, postal, country, notes, active, tags, owner)`
    chunk.forEach((organisation, index) => {
      const value = values[index]
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
    const before = await tx.organisation.findMany({ where: { id: { in: ids } } })
    const beforeById = new Map(before.map((row) => [row.id, row]))
    const values = chunk.map((organisation) => organisation.values)
    const after = await tx.$queryRaw<Array<Record<string, unknown> & { id: string; version: number }>>`
      UPDATE "Organisation" o SET
        name = u.name, "normalizedName" = u.normalized,
        type = COALESCE(u.type::"OrganisationType", o.type), category = COALESCE(u.category, o.category),
        stage = COALESCE(u.stage::"PipelineStage", o.stage), "potentialAmount" = COALESCE(u.amount, o."potentialAmount"),
        email = COALESCE(u.email, o.email), phone = COALESCE(u.phone, o.phone), website = COALESCE(u.website, o.website),
        address = COALESCE(u.address, o.address), city = COALESCE(u.city, o.city), "postalCode" = COALESCE(u.postal, o."postalCode"),
        country = COALESCE(u.country, o.country), notes = COALESCE(u.notes, o.notes), "isActive" = COALESCE(u.active, o."isActive"),
        tags = COALESCE(ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), o.tags), "ownerId" = COALESCE(u.owner, o."ownerId"),
        version = o.version + 1, "updatedAt" = ${now}
      FROM unnest(${ids}::uuid[], ${values.map((v) => v.name)}::text[], ${values.map((v) => normalizeName(v.name))}::text[], ${values.map((v) => v.type)}::text[],
        ${values.map((v) => v.category)}::text[], ${values.map((v) => v.stage)}::text[], ${values.map((v) => v.potentialAmount)}::float8[],
        ${values.map((v) => v.email)}::text[], ${values.map((v) => v.phone)}::text[], ${values.map((v) => v.website)}::text[], ${values.map((v) => v.address)}::text[],
        ${values.map((v) => v.city)}::text[], ${values.map((v) => v.postalCode)}::text[], ${values.map((v) => v.country)}::text[], ${values.map((v) => v.notes)}::text[],
        ${values.map((v) => v.isActive)}::bool[], ${values.map((v) => (v.tags ? JSON.stringify(v.tags) : null))}::text[], ${chunk.map((o) => o.ownerId)}::uuid[])
        AS u(id, name, normalized, type, category, stage, amount, email, phone, website, address, city, postal, country, notes, active, tags, owner)
      WHERE o.id = u.id AND o."teamId" = ${context.teamId}::uuid
      -- Not o.*: the search document (tsvector) is no value Prisma can read back.
      RETURNING o."id", o."name", o."normalizedName", o."type", o."category", o."stage", o."potentialAmount", o."email", o."phone", o."website", o."address", o."city", o."postalCode", o."country", o."language", o."notes", o."isActive", o."tags", o."ownerId", o."teamId", o."version", o."createdAt", o."updatedAt"`
    for (const row of after) {
      const previous = beforeById.get(row.id)!
      const changes = changesOf(previous as unknown as Record<string, unknown>, row, [...ORGANISATION_COLUMNS, 'ownerId'])
      written.records.push({ entity: 'organisation', entityId: row.id, action: 'updated', before: snapshot(previous as unknown as Record<string, unknown>, [...ORGANISATION_COLUMNS, 'ownerId']), version: row.version })
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
    const values = chunk.map((person) => person.values)
    await tx.$executeRaw`
      INSERT INTO "Person" (id, "firstName", "lastName", email, phone, "jobTitle", "linkedinUrl", notes, "ownerId", "teamId", version, "createdAt", "updatedAt")
      SELECT u.id, u.first, u.last, u.email, u.phone, u.job, u.linkedin, u.notes, u.owner, ${context.teamId}::uuid, 1, ${now}, ${now}
      FROM unnest(${ids}::uuid[], ${values.map((v) => v.firstName)}::text[], ${values.map((v) => v.lastName)}::text[], ${values.map((v) => v.email)}::text[],
        ${values.map((v) => v.phone)}::text[], ${values.map((v) => v.jobTitle)}::text[], ${values.map((v) => v.linkedinUrl)}::text[], ${values.map((v) => v.notes)}::text[],
        ${chunk.map((p) => p.ownerId)}::uuid[]) AS u(id, first, last, email, phone, job, linkedin, notes, owner)`
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
    const before = await tx.person.findMany({ where: { id: { in: ids } } })
    const beforeById = new Map(before.map((row) => [row.id, row]))
    const values = chunk.map((person) => person.values)
    const after = await tx.$queryRaw<Array<Record<string, unknown> & { id: string; version: number; firstName: string; lastName: string }>>`
      UPDATE "Person" p SET
        "firstName" = u.first, "lastName" = u.last, email = COALESCE(u.email, p.email), phone = COALESCE(u.phone, p.phone),
        "jobTitle" = COALESCE(u.job, p."jobTitle"), "linkedinUrl" = COALESCE(u.linkedin, p."linkedinUrl"), notes = COALESCE(u.notes, p.notes),
        "ownerId" = COALESCE(u.owner, p."ownerId"), version = p.version + 1, "updatedAt" = ${now}
      FROM unnest(${ids}::uuid[], ${values.map((v) => v.firstName)}::text[], ${values.map((v) => v.lastName)}::text[], ${values.map((v) => v.email)}::text[],
        ${values.map((v) => v.phone)}::text[], ${values.map((v) => v.jobTitle)}::text[], ${values.map((v) => v.linkedinUrl)}::text[], ${values.map((v) => v.notes)}::text[],
        ${chunk.map((p) => p.ownerId)}::uuid[]) AS u(id, first, last, email, phone, job, linkedin, notes, owner)
      WHERE p.id = u.id AND p."teamId" = ${context.teamId}::uuid
      -- Not p.*: the search document (tsvector) is no value Prisma can read back.
      RETURNING p."id", p."firstName", p."lastName", p."email", p."phone", p."jobTitle", p."linkedinUrl", p."notes", p."ownerId", p."teamId", p."version", p."createdAt", p."updatedAt"`
    for (const row of after) {
      const previous = beforeById.get(row.id)! as unknown as Record<string, unknown>
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
    const ids = chunk.map(() => uuidv7())
    const people = chunk.map((person) => personIds.get(person)!)
    const organisations = chunk.map((person) => organisationIds.get(person.organisation!.key)!)
    // A new person's organisation is their primary one; an existing person keeps theirs.
    const inserted = await tx.$queryRaw<Array<{ id: string; personId: string; organisationId: string }>>`
      INSERT INTO "PersonOrganisationLink" (id, "personId", "organisationId", "jobTitle", "workEmail", "isPrimary", "createdAt", "updatedAt")
      SELECT u.id, u.person, u.organisation, u.job, u.email, u.primary, ${now}, ${now}
      FROM unnest(${ids}::uuid[], ${people}::uuid[], ${organisations}::uuid[], ${chunk.map((p) => p.values.jobTitle)}::text[],
        ${chunk.map((p) => p.values.email)}::text[], ${chunk.map((p) => p.action === 'create')}::bool[]) AS u(id, person, organisation, job, email, "primary")
      ON CONFLICT ("personId", "organisationId") DO NOTHING
      RETURNING id::text, "personId"::text AS "personId", "organisationId"::text AS "organisationId"`
    const created = new Set(newPeople.map((person) => personIds.get(person)))
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

/** What undo needs: the records created, and the ones updated with their values before. */
async function recordForUndo(tx: Tx, importId: string, records: Written['records']) {
  if (records.length === 0) return
  await tx.$executeRaw`
    INSERT INTO "ImportRecord" ("importId", entity, "entityId", action, before, version)
    SELECT ${importId}::uuid, u.entity, u.id, u.action, u.before::jsonb, u.version
    FROM unnest(${records.map((r) => r.entity)}::text[], ${records.map((r) => r.entityId)}::uuid[], ${records.map((r) => r.action)}::text[],
      ${records.map((r) => (r.before ? JSON.stringify(r.before) : null))}::text[], ${records.map((r) => r.version)}::int[]) AS u(entity, id, action, before, version)`
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
