import { can } from '../../../shared/permissions.ts'
import { normalizeName } from '../../../shared/normalize.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError } from '../../errors.ts'
import { appendEvent, appendEvents, type NewDomainEvent } from '../../events/event-log.ts'
import type { ServiceContext } from '../scope.ts'
import { findImport } from './import.service.ts'

// Undo of a finished import, in one transaction: the records it created are deleted and the ones it
// updated get their previous values back — unless someone has changed them since (a later version,
// or, for a created record, anything attached to it that the import did not create), in which case
// they are kept and listed in the report.

type Tx = Prisma.TransactionClient
interface Kept {
  entity: 'organisation' | 'person'
  id: string
  name: string
}

export interface UndoReport {
  removed: { organisations: number; people: number; links: number }
  restored: { organisations: number; people: number }
  kept: Kept[]
}

export async function undoImport(ctx: ServiceContext, id: string): Promise<UndoReport> {
  const found = await findImport(ctx, id)
  // Deleting records is a manager's right; a salesperson may take back their own import.
  if (found.createdById !== ctx.viewer.id && !can(ctx.viewer.role, 'record:delete')) {
    throw new DomainError('FORBIDDEN', 'Only the importer or a manager can undo this import')
  }
  return ctx.prisma.$transaction(
    async (tx) => {
      const { count } = await tx.import.updateMany({ where: { id, status: 'SUCCEEDED' }, data: { status: 'UNDONE', undoneAt: new Date() } })
      if (count === 0) throw new DomainError('CONFLICT', 'Only a finished import can be undone')
      const events: NewDomainEvent[] = []
      const base = { teamId: found.teamId, actorId: ctx.viewer.id }
      const report: UndoReport = { removed: { organisations: 0, people: 0, links: 0 }, restored: { organisations: 0, people: 0 }, kept: [] }

      // Created people: removed when untouched since (same version, nothing attached since).
      const people = await tx.$queryRaw<Array<{ id: string; firstName: string; lastName: string }>>`
        DELETE FROM "Person" p USING "ImportRecord" r
        WHERE r."importId" = ${id}::uuid AND r.entity = 'person' AND r.action = 'created' AND p.id = r."entityId" AND p.version = r.version
          AND NOT EXISTS (SELECT 1 FROM "PersonOrganisationLink" l WHERE l."personId" = p.id
            AND l.id NOT IN (SELECT "entityId" FROM "ImportRecord" WHERE "importId" = ${id}::uuid AND entity = 'link'))
          AND NOT EXISTS (SELECT 1 FROM "InteractionPerson" i WHERE i."personId" = p.id)
          AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."personId" = p.id)
        RETURNING p.id::text, p."firstName", p."lastName"`
      report.removed.people = people.length
      for (const person of people) {
        events.push({ ...base, type: 'person.deleted', entity: 'person', entityId: person.id, payload: { firstName: person.firstName, lastName: person.lastName, importId: id, undo: true } })
      }

      const organisations = await tx.$queryRaw<Array<{ id: string; name: string; type: string; stage: string; potentialAmount: number | null; ownerId: string | null; version: number }>>`
        DELETE FROM "Organisation" o USING "ImportRecord" r
        WHERE r."importId" = ${id}::uuid AND r.entity = 'organisation' AND r.action = 'created' AND o.id = r."entityId" AND o.version = r.version
          AND NOT EXISTS (SELECT 1 FROM "PersonOrganisationLink" l WHERE l."organisationId" = o.id)
          AND NOT EXISTS (SELECT 1 FROM "Mandate" m WHERE m."organisationId" = o.id)
          AND NOT EXISTS (SELECT 1 FROM "Interaction" i WHERE i."organisationId" = o.id)
          AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."organisationId" = o.id)
        RETURNING o.id::text, o.name, o.type::text, o.stage::text, o."potentialAmount", o."ownerId"::text AS "ownerId", o.version`
      report.removed.organisations = organisations.length
      for (const organisation of organisations) {
        const { id: entityId, ...snapshot } = organisation
        events.push({ ...base, type: 'organisation.deleted', entity: 'organisation', entityId, payload: { ...snapshot, importId: id, undo: true } })
      }

      // Links the import made between records that existed before it (the others went with them).
      await tx.$executeRaw`
        DELETE FROM "PersonOrganisationLink" l USING "ImportRecord" r
        WHERE r."importId" = ${id}::uuid AND r.entity = 'link' AND l.id = r."entityId"
          AND l."personId" NOT IN (SELECT "entityId" FROM "ImportRecord" WHERE "importId" = ${id}::uuid AND entity = 'person' AND action = 'created')
          AND l."organisationId" NOT IN (SELECT "entityId" FROM "ImportRecord" WHERE "importId" = ${id}::uuid AND entity = 'organisation' AND action = 'created')`
      const [{ remaining }] = await tx.$queryRaw<Array<{ remaining: number }>>`
        SELECT count(*)::int AS remaining FROM "ImportRecord" r JOIN "PersonOrganisationLink" l ON l.id = r."entityId"
        WHERE r."importId" = ${id}::uuid AND r.entity = 'link'`
      report.removed.links = (await tx.importRecord.count({ where: { importId: id, entity: 'link' } })) - remaining

      // Created records still there were changed since (or have something attached): kept.
      report.kept = await tx.$queryRaw<Kept[]>`
        SELECT 'organisation' AS entity, o.id::text, o.name FROM "ImportRecord" r JOIN "Organisation" o ON o.id = r."entityId"
        WHERE r."importId" = ${id}::uuid AND r.entity = 'organisation' AND r.action = 'created'
        UNION ALL
        SELECT 'person', p.id::text, p."firstName" || ' ' || p."lastName" FROM "ImportRecord" r JOIN "Person" p ON p.id = r."entityId"
        WHERE r."importId" = ${id}::uuid AND r.entity = 'person' AND r.action = 'created'`
      await restoreUpdated(tx, id, base, events, report)
      await appendEvents(tx, events)
      await tx.import.update({ where: { id }, data: { undoReport: report as unknown as Prisma.InputJsonValue }, select: { id: true } })
      await appendEvent(tx, {
        type: 'import.updated',
        entity: 'import',
        entityId: id,
        teamId: found.teamId,
        actorId: ctx.viewer.id,
        payload: { importId: id, status: 'UNDONE', fileName: found.fileName, undo: { ...report, kept: report.kept.length } },
      })
      return report
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  )
}

const ORGANISATION_FIELDS = ['name', 'type', 'category', 'stage', 'potentialAmount', 'email', 'phone', 'website', 'address', 'city', 'postalCode', 'country', 'notes', 'isActive', 'tags', 'ownerId'] as const
const PERSON_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'linkedinUrl', 'notes', 'ownerId'] as const

/** Updated records get their values from before the import back, when nobody changed them since. */
async function restoreUpdated(tx: Tx, importId: string, base: { teamId: string; actorId: string }, events: NewDomainEvent[], report: UndoReport) {
  const records = await tx.importRecord.findMany({ where: { importId, action: 'updated' }, orderBy: { id: 'asc' } })
  for (const record of records) {
    const before = (record.before ?? {}) as Record<string, unknown>
    if (record.entity === 'organisation') {
      const data = Object.fromEntries(ORGANISATION_FIELDS.map((field) => [field, before[field] ?? (field === 'tags' ? [] : null)])) as Prisma.OrganisationUncheckedUpdateManyInput
      const current = await tx.organisation.findUnique({ where: { id: record.entityId } })
      const { count } = await tx.organisation.updateMany({
        where: { id: record.entityId, version: record.version ?? -1 },
        data: { ...data, normalizedName: normalizeName(String(before.name ?? '')), version: { increment: 1 } },
      })
      if (!current) continue
      if (count === 0) {
        report.kept.push({ entity: 'organisation', id: current.id, name: current.name })
        continue
      }
      report.restored.organisations += 1
      const after = await tx.organisation.findUniqueOrThrow({ where: { id: record.entityId } })
      events.push({
        ...base,
        type: 'organisation.updated',
        entity: 'organisation',
        entityId: after.id,
        payload: { name: after.name, type: after.type, stage: after.stage, potentialAmount: after.potentialAmount, ownerId: after.ownerId, version: after.version, changes: changes(current, after, ORGANISATION_FIELDS), importId, undo: true },
      })
    } else if (record.entity === 'person') {
      const data = Object.fromEntries(PERSON_FIELDS.map((field) => [field, before[field] ?? null])) as Prisma.PersonUncheckedUpdateManyInput
      const current = await tx.person.findUnique({ where: { id: record.entityId } })
      const { count } = await tx.person.updateMany({ where: { id: record.entityId, version: record.version ?? -1 }, data: { ...data, version: { increment: 1 } } })
      if (!current) continue
      if (count === 0) {
        report.kept.push({ entity: 'person', id: current.id, name: `${current.firstName} ${current.lastName}` })
        continue
      }
      report.restored.people += 1
      const after = await tx.person.findUniqueOrThrow({ where: { id: record.entityId } })
      events.push({
        ...base,
        type: 'person.updated',
        entity: 'person',
        entityId: after.id,
        payload: { firstName: after.firstName, lastName: after.lastName, version: after.version, changes: changes(current, after, PERSON_FIELDS), importId, undo: true },
      })
    }
  }
}

function changes<T extends Record<string, unknown>>(before: T, after: T, fields: readonly string[]) {
  const result: Record<string, { from: unknown; to: unknown }> = {}
  for (const field of fields) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) result[field] = { from: before[field] ?? null, to: after[field] ?? null }
  }
  return result
}
