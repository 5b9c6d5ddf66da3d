import type { Prisma } from '../../db/client.ts'
import type { NotificationType } from '../../db/generated/enums.ts'
import { queryPrepared, sqlOf, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { appendEventBatch } from '../../events/event-log.ts'
import type { ProjectedEvent } from '../../events/projection.ts'
import { renderNotification } from './notification.messages.ts'

type Tx = Prisma.TransactionClient

export interface Draft {
  type: NotificationType
  recipientIds: Array<string | null | undefined>
  /** A team whose active managers are recipients too (resolved with the others, in the same statement). */
  managersOf?: string | null
  link: string
  params: Record<string, string>
  eventId: bigint | null
  actorId: string | null
}

interface OrganisationRef {
  name: string
  ownerId: string | null
}

/**
 * Turns domain events into notifications (SPEC §4.3): pipeline moves, new interactions and signed
 * mandates notify the team's managers and the record's owner; assignments notify the assignee.
 * Nobody is notified of their own action. It runs for every write, so a batch costs a constant
 * number of statements: the organisations that new interactions name, then `notify`'s three.
 */
export async function projectNotifications(sql: SqlClient, events: ProjectedEvent[]): Promise<void> {
  const organisations = await organisationsOf(sql, events)
  const drafts = events.map((event) => draftFor(event, organisations)).filter((draft): draft is Draft => draft !== null)
  await notify(sql, drafts)
}

/** The name and owner of the organisations that new interactions name, in one query for the batch. */
async function organisationsOf(sql: SqlClient, events: ProjectedEvent[]): Promise<Map<string, OrganisationRef>> {
  const ids = new Set<string>()
  for (const event of events) {
    const organisationId = (event.payload as Record<string, any> | null)?.organisationId
    if (event.type === 'interaction.created' && event.teamId && organisationId) ids.add(String(organisationId))
  }
  if (ids.size === 0) return new Map()
  const { rows } = await sql.query(`SELECT id::text AS id, name, "ownerId"::text AS "ownerId" FROM "Organisation" WHERE id = ANY($1::uuid[])`, [[...ids]])
  return new Map(rows.map((row: OrganisationRef & { id: string }) => [row.id, { name: row.name, ownerId: row.ownerId }]))
}

/**
 * Whether an event makes a notification (the organisation's name and owner aside): the projection
 * is woken for these only. The others wait for the next pass, which moves the cursor past them.
 */
export function mayNotify(event: Omit<ProjectedEvent, 'id' | 'createdAt'>): boolean {
  return draftFor({ ...event, id: 0n, createdAt: new Date(0) } as ProjectedEvent, new Map()) !== null
}

function draftFor(event: ProjectedEvent, organisations: Map<string, OrganisationRef>): Draft | null {
  const payload = (event.payload ?? {}) as Record<string, any>
  const base = { eventId: event.id, actorId: event.actorId }
  switch (event.type) {
    case 'organisation.updated': {
      const stage = payload.changes?.stage
      if (!stage || !event.teamId) return null
      return {
        ...base,
        type: 'PIPELINE_UPDATE',
        recipientIds: [payload.ownerId],
        managersOf: event.teamId,
        link: `/organisations/${event.entityId}`,
        params: { name: String(payload.name ?? ''), from: String(stage.from), to: String(stage.to) },
      }
    }
    case 'interaction.created': {
      if (!event.teamId) return null
      const organisation = payload.organisationId ? organisations.get(String(payload.organisationId)) : undefined
      return {
        ...base,
        type: 'NEW_INTERACTION',
        recipientIds: [organisation?.ownerId],
        managersOf: event.teamId,
        // Interactions have no page of their own: the organisation's, else the first person's.
        link: payload.organisationId ? `/organisations/${payload.organisationId}` : `/people/${payload.personIds?.[0] ?? ''}`,
        params: { name: organisation?.name ?? String(payload.summary ?? ''), summary: String(payload.summary ?? '') },
      }
    }
    case 'mandate.created':
    case 'mandate.updated': {
      const signedNow = event.type === 'mandate.created' ? payload.status === 'SIGNED' : payload.changes?.status?.to === 'SIGNED'
      if (!signedNow || !event.teamId) return null
      return {
        ...base,
        type: 'MANDATE_SIGNED',
        recipientIds: [payload.ownerId],
        managersOf: event.teamId,
        link: `/mandates/${event.entityId}`,
        params: { name: String(payload.organisation?.name ?? ''), reference: String(payload.reference ?? '') },
      }
    }
    case 'task.created':
    case 'task.updated': {
      const assigneeId = payload.assigneeId as string | null | undefined
      const newlyAssigned = event.type === 'task.created' ? Boolean(assigneeId) : payload.previousAssigneeId !== undefined && Boolean(assigneeId)
      if (!newlyAssigned) return null
      return {
        ...base,
        type: 'TASK_ASSIGNED',
        recipientIds: [assigneeId],
        link: `/tasks/${event.entityId}`,
        params: { title: String(payload.title ?? '') },
      }
    }
    default:
      return null
  }
}

/**
 * Creates the notifications of the drafts, then the events that carry them live to their
 * recipients: every row is written before the first event, since nothing may lock a row (a
 * notification locks its recipient's) once the event log's lock is held. Plain SQL, in the caller's
 * transaction: a Prisma one or a bare `pg` connection's (an import's, a projection's). Three
 * statements whatever the drafts (each a round trip, and this runs for every write): the
 * recipients, the rows with the unread counts, the events.
 */
export async function notify(db: Tx | SqlClient, drafts: Draft[]): Promise<void> {
  const sql = sqlOf(db)
  const recipients = await recipientsOf(sql, drafts)
  if (recipients.length === 0) return
  const notifications = recipients.map(({ draft, id, language, actorName }) => {
    const text = renderNotification(draft.type, language, { actor: actorName ?? '', ...draft.params })
    // The fields of the row in the order Prisma returns them, so the event's payload is the same.
    return { id: uuidv7(), recipientId: id, type: draft.type, title: text.title, body: text.body, link: draft.link, eventId: draft.eventId?.toString() ?? null, readAt: null, createdAt: new Date().toISOString() }
  })
  const unreadCounts = await insertNotifications(sql, notifications)
  await appendEventBatch(
    sql,
    notifications.map((notification, index) => ({
      type: 'notification.created',
      entity: 'notification',
      entityId: notification.id,
      teamId: null,
      actorId: recipients[index].draft.actorId,
      payload: { recipientId: notification.recipientId, unreadCount: unreadCounts[index], notification },
    })),
  )
}

interface Recipient {
  draft: Draft
  id: string
  language: string
  actorName: string | null
}

/**
 * Who receives each draft, in draft order then by id: its listed recipients and its team's managers,
 * once each, if active, not the actor, and not muting that type; with their language and the
 * actor's name. One statement for all drafts (their position in the arrays keeps them apart).
 */
async function recipientsOf(sql: SqlClient, drafts: Draft[]): Promise<Recipient[]> {
  const listedDrafts: number[] = []
  const listedUsers: string[] = []
  drafts.forEach((draft, index) => {
    for (const id of new Set(draft.recipientIds)) {
      if (id && id !== draft.actorId) {
        listedDrafts.push(index + 1)
        listedUsers.push(id)
      }
    }
  })
  if (listedUsers.length === 0 && !drafts.some((draft) => draft.managersOf)) return []
  const { rows } = await queryPrepared(sql, RECIPIENTS_SQL, [
    drafts.map((draft) => draft.type),
    drafts.map((draft) => draft.actorId),
    drafts.map((draft) => draft.managersOf ?? null),
    listedDrafts,
    listedUsers,
  ])
  return rows.map((row: { draft: number; id: string; language: string; actorName: string | null }) => ({
    draft: drafts[row.draft - 1],
    id: row.id,
    language: row.language,
    actorName: row.actorName,
  }))
}

const RECIPIENTS_SQL = `
  WITH drafts AS (
    SELECT * FROM unnest($1::"NotificationType"[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS d(type, "actorId", "teamId", draft)
  ), candidates AS (
    SELECT drafts.draft, manager.id AS "userId" FROM drafts JOIN "User" manager ON manager."teamId" = drafts."teamId" AND manager.role = 'MANAGER'
    UNION
    SELECT draft, "userId" FROM unnest($4::bigint[], $5::uuid[]) AS listed(draft, "userId")
  )
  SELECT candidates.draft::int AS draft, recipient.id::text AS id, recipient.language, actor.name AS "actorName"
  FROM candidates
  JOIN drafts USING (draft)
  JOIN "User" recipient ON recipient.id = candidates."userId"
  LEFT JOIN "User" actor ON actor.id = drafts."actorId"
  WHERE recipient."isActive" AND NOT (drafts.type = ANY(recipient."mutedNotifications")) AND recipient.id IS DISTINCT FROM drafts."actorId"
  ORDER BY candidates.draft, recipient.id`

interface NotificationRow {
  id: string
  recipientId: string
  type: NotificationType
  title: string
  body: string | null
  link: string
  eventId: string | null
  createdAt: string
}

/**
 * Inserts the rows and returns each one's unread count right after it (rising when a recipient gets
 * several). The count is read in the insert's statement, whose snapshot does not see the rows it
 * inserts: the recipient's unread count before, plus that recipient's rows up to this one.
 */
async function insertNotifications(sql: SqlClient, notifications: NotificationRow[]): Promise<number[]> {
  const { rows } = await queryPrepared(
    sql,
    `WITH inserted AS (
      INSERT INTO "Notification" (id, "recipientId", type, title, body, link, "eventId", "createdAt")
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::"NotificationType"[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::timestamp[]))
    SELECT "recipientId"::text AS "recipientId", count(*)::int AS unread FROM "Notification"
    WHERE "recipientId" = ANY($2::uuid[]) AND "readAt" IS NULL GROUP BY "recipientId"`,
    [
      notifications.map((row) => row.id),
      notifications.map((row) => row.recipientId),
      notifications.map((row) => row.type),
      notifications.map((row) => row.title),
      notifications.map((row) => row.body),
      notifications.map((row) => row.link),
      notifications.map((row) => row.eventId),
      notifications.map((row) => row.createdAt),
    ],
  )
  const unread = new Map<string, number>(rows.map((row: { recipientId: string; unread: number }) => [row.recipientId, row.unread]))
  return notifications.map((row) => {
    const count = (unread.get(row.recipientId) ?? 0) + 1
    unread.set(row.recipientId, count)
    return count
  })
}
