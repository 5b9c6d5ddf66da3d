import type { Prisma } from '../../db/client.ts'
import type { NotificationType } from '../../db/generated/enums.ts'
import { sqlOf, type SqlClient } from '../../db/sql.ts'
import { uuidv7 } from '../../db/uuid.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { ProjectedEvent } from '../../events/projection.ts'
import { renderNotification } from './notification.messages.ts'

type Tx = Prisma.TransactionClient

export interface Draft {
  type: NotificationType
  recipientIds: Array<string | null | undefined>
  link: string
  params: Record<string, string>
  eventId: bigint | null
  actorId: string | null
}

/**
 * Turns domain events into notifications (SPEC §4.3): pipeline moves, new interactions and signed
 * mandates notify the team's managers and the record's owner; assignments notify the assignee.
 * Nobody is notified of their own action.
 */
export async function projectNotifications(sql: SqlClient, events: ProjectedEvent[]): Promise<void> {
  const drafts: Draft[] = []
  for (const event of events) {
    const draft = await draftFor(sql, event)
    if (draft) drafts.push(draft)
  }
  await notify(sql, drafts)
}

async function draftFor(sql: SqlClient, event: ProjectedEvent): Promise<Draft | null> {
  const payload = (event.payload ?? {}) as Record<string, any>
  const base = { eventId: event.id, actorId: event.actorId }
  switch (event.type) {
    case 'organisation.updated': {
      const stage = payload.changes?.stage
      if (!stage || !event.teamId) return null
      return {
        ...base,
        type: 'PIPELINE_UPDATE',
        recipientIds: [...(await managersOf(sql, event.teamId)), payload.ownerId],
        link: `/organisations/${event.entityId}`,
        params: { name: String(payload.name ?? ''), from: String(stage.from), to: String(stage.to) },
      }
    }
    case 'interaction.created': {
      if (!event.teamId) return null
      const organisation: { name: string; ownerId: string | null } | undefined = payload.organisationId
        ? (await sql.query(`SELECT name, "ownerId"::text AS "ownerId" FROM "Organisation" WHERE id = $1::uuid`, [payload.organisationId])).rows[0]
        : undefined
      return {
        ...base,
        type: 'NEW_INTERACTION',
        recipientIds: [...(await managersOf(sql, event.teamId)), organisation?.ownerId],
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
        recipientIds: [...(await managersOf(sql, event.teamId)), payload.ownerId],
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

async function managersOf(sql: SqlClient, teamId: string): Promise<string[]> {
  const { rows } = await sql.query(`SELECT id::text FROM "User" WHERE "teamId" = $1::uuid AND role = 'MANAGER' AND "isActive"`, [teamId])
  return rows.map((manager: { id: string }) => manager.id)
}

/**
 * Creates the notifications of the drafts, then the events that carry them live to their
 * recipients: every row is written before the first event, since nothing may lock a row (a
 * notification locks its recipient's) once the event log's lock is held. Plain SQL, in the caller's
 * transaction: a Prisma one or a bare `pg` connection's (an import's, a projection's).
 */
export async function notify(db: Tx | SqlClient, drafts: Draft[]): Promise<void> {
  const sql = sqlOf(db)
  const created: Array<{ notification: Record<string, unknown>; unreadCount: number; actorId: string | null }> = []
  for (const draft of drafts) {
    const recipientIds = [...new Set(draft.recipientIds.filter((id): id is string => Boolean(id) && id !== draft.actorId))]
    if (recipientIds.length === 0) continue
    const { rows: recipients } = await sql.query(
      `SELECT id::text, language FROM "User" WHERE id = ANY($1::uuid[]) AND "isActive" AND NOT ($2::"NotificationType" = ANY("mutedNotifications"))`,
      [recipientIds, draft.type],
    )
    const actor = draft.actorId ? (await sql.query(`SELECT name FROM "User" WHERE id = $1::uuid`, [draft.actorId])).rows[0] : null
    for (const recipient of recipients as Array<{ id: string; language: string }>) {
      const text = renderNotification(draft.type, recipient.language, { actor: actor?.name ?? '', ...draft.params })
      // The fields of the row in the order Prisma returns them, so the event's payload is the same.
      const notification = { id: uuidv7(), recipientId: recipient.id, type: draft.type, title: text.title, body: text.body, link: draft.link, eventId: draft.eventId?.toString() ?? null, readAt: null, createdAt: new Date().toISOString() }
      await sql.query(
        `INSERT INTO "Notification" (id, "recipientId", type, title, body, link, "eventId", "createdAt") VALUES ($1::uuid, $2::uuid, $3::"NotificationType", $4, $5, $6, $7::bigint, $8::timestamp)`,
        [notification.id, notification.recipientId, notification.type, notification.title, notification.body, notification.link, notification.eventId, notification.createdAt],
      )
      const { rows } = await sql.query(`SELECT count(*)::int AS count FROM "Notification" WHERE "recipientId" = $1::uuid AND "readAt" IS NULL`, [recipient.id])
      created.push({ notification, unreadCount: rows[0].count, actorId: draft.actorId })
    }
  }
  for (const { notification, unreadCount, actorId } of created) {
    await appendEvent(sql, {
      type: 'notification.created',
      entity: 'notification',
      entityId: notification.id as string,
      teamId: null,
      actorId,
      payload: { recipientId: notification.recipientId, unreadCount, notification },
    })
  }
}
