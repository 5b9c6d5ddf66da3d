import type { z } from 'zod'
import { can } from '../../../shared/permissions.ts'
import type { Page } from '../../../shared/schemas/common.ts'
import {
  ACTIVE_TASK_STATUSES,
  type taskActionInput,
  type taskCreateInput,
  type taskListInput,
  type taskUpdateInput,
} from '../../../shared/schemas/task.ts'
import type { Prisma } from '../../db/client.ts'
import { DomainError, notFound } from '../../errors.ts'
import { appendEvent, diffFields } from '../../events/event-log.ts'
import { listPage, type ListSort } from '../paging.ts'
import { targetTeam, teamScope, type Db, type ServiceContext } from '../scope.ts'
import { lockForWrite } from '../versioned-write.ts'

const summarySelect = {
  id: true,
  title: true,
  dueAt: true,
  priority: true,
  status: true,
  completedAt: true,
  assigneeId: true,
  organisationId: true,
  personId: true,
  teamId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true } },
  organisation: { select: { id: true, name: true } },
  person: { select: { id: true, firstName: true, lastName: true } },
  team: { select: { id: true, name: true } },
} satisfies Prisma.TaskSelect

const detailInclude = {
  assignee: { select: { id: true, name: true, email: true } },
  createdBy: { select: { id: true, name: true } },
  organisation: { select: { id: true, name: true } },
  person: { select: { id: true, firstName: true, lastName: true, email: true } },
  team: { select: { id: true, name: true } },
} satisfies Prisma.TaskInclude

export type TaskSummary = Prisma.TaskGetPayload<{ select: typeof summarySelect }>
export type TaskDetail = Prisma.TaskGetPayload<{ include: typeof detailInclude }>

type ListInput = z.output<typeof taskListInput>
type TaskRow = Prisma.TaskGetPayload<object>

function listWhere(ctx: ServiceContext, input: ListInput, now: Date): Prisma.TaskWhereInput {
  const and: Prisma.TaskWhereInput[] = [teamScope(ctx.viewer)]
  if (input.view === 'mine') and.push({ assigneeId: ctx.viewer.id })
  if (input.view === 'overdue') and.push({ dueAt: { lt: now }, status: { in: [...ACTIVE_TASK_STATUSES] } })
  if (input.teamId) and.push({ teamId: input.teamId })
  if (input.status?.length) and.push({ status: { in: input.status } })
  if (input.priority?.length) and.push({ priority: { in: input.priority } })
  if (input.assigneeId) and.push({ assigneeId: input.assigneeId })
  if (input.organisationId) and.push({ organisationId: input.organisationId })
  if (input.personId) and.push({ personId: input.personId })
  if (input.q) {
    and.push({
      OR: [
        { title: { contains: input.q, mode: 'insensitive' } },
        { description: { contains: input.q, mode: 'insensitive' } },
      ],
    })
  }
  return { AND: and }
}

/**
 * What a task list reads besides the records, its input and the caller's role and team (see
 * `listWhere`): the clock (overdue: a task becomes overdue with no write), the caller (mine).
 */
export function taskListDependsOn(input: Pick<ListInput, 'view'>): { clock: boolean; caller: boolean } {
  return { clock: input.view === 'overdue', caller: input.view === 'mine' }
}

/** Undated tasks come last in either direction. */
const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.TaskDelegate>> = {
  dueAt: { keyset: ['dueAt'], missing: { dueAt: null } },
  priority: { enum: 'priority' },
  updatedAt: { keyset: ['updatedAt'] },
  createdAt: { keyset: ['createdAt'] },
}

/** The list's filters, scope and order: the list pages through it, exports stream all of it. */
export function taskListQuery(ctx: ServiceContext, input: ListInput) {
  const sort: ListSort<Prisma.TaskDelegate> = LIST_SORTS[input.sort.field]
  const direction: Prisma.SortOrder = input.sort.direction
  return { where: listWhere(ctx, input, new Date()), scope: teamScope(ctx.viewer), sort, direction }
}

export async function listTasks(ctx: ServiceContext, input: ListInput): Promise<Page<TaskSummary>> {
  return listPage(ctx.prisma.task, {
    ...taskListQuery(ctx, input),
    select: summarySelect,
    cursor: input.cursor,
    limit: input.limit,
  })
}

export async function getTask(ctx: ServiceContext, id: string): Promise<TaskDetail> {
  const task = await ctx.prisma.task.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!task) throw notFound('Task')
  return task
}

export interface TaskHistoryEntry {
  id: string
  type: string
  createdAt: Date
  actor: { id: string; name: string; avatarColor: string | null } | null
  changes: Record<string, { from: unknown; to: unknown }>
}

const HISTORY_LIMIT = 50

/** What happened to the task, newest first, from the event log. */
export async function getTaskHistory(ctx: ServiceContext, id: string): Promise<TaskHistoryEntry[]> {
  await findInScope(ctx, ctx.prisma, id)
  const events = await ctx.prisma.domainEvent.findMany({
    where: { entity: 'task', entityId: id },
    orderBy: { id: 'desc' },
    take: HISTORY_LIMIT,
  })
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((actorId): actorId is string => actorId !== null))]
  const actors = await ctx.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, avatarColor: true } })
  return events.map((event) => ({
    id: event.id.toString(),
    type: event.type,
    createdAt: event.createdAt,
    actor: actors.find((actor) => actor.id === event.actorId) ?? null,
    changes: ((event.payload as { changes?: TaskHistoryEntry['changes'] } | null)?.changes ?? {}) as TaskHistoryEntry['changes'],
  }))
}

interface References {
  assigneeId?: string | null
  organisationId?: string | null
  personId?: string | null
}

/** Assignee, organisation and person must belong to the task's team (which the caller can see). */
async function assertReferencesInTeam(db: Db, refs: References, teamId: string): Promise<void> {
  const [assignee, organisation, person] = await Promise.all([
    refs.assigneeId ? db.user.findFirst({ where: { id: refs.assigneeId, teamId, isActive: true }, select: { id: true } }) : true,
    refs.organisationId ? db.organisation.findFirst({ where: { id: refs.organisationId, teamId }, select: { id: true } }) : true,
    refs.personId ? db.person.findFirst({ where: { id: refs.personId, teamId }, select: { id: true } }) : true,
  ])
  const fieldErrors: Record<string, string[]> = {}
  if (!assignee) fieldErrors.assigneeId = ['not_team_member']
  if (!organisation) fieldErrors.organisationId = ['organisation_not_in_team']
  if (!person) fieldErrors.personId = ['person_not_in_team']
  if (Object.keys(fieldErrors).length) {
    throw new DomainError('INVALID', 'The task refers to records outside its team', { fieldErrors })
  }
}

export function eventPayload(task: TaskRow, extra: Record<string, unknown> = {}) {
  return {
    title: task.title,
    status: task.status,
    priority: task.priority,
    dueAt: task.dueAt,
    assigneeId: task.assigneeId,
    organisationId: task.organisationId,
    personId: task.personId,
    version: task.version,
    ...extra,
  }
}

type TaskFields = Omit<z.output<typeof taskCreateInput>, 'teamId'>

/** Writes a task of `teamId` and its event inside the caller's transaction (a task, or a follow-up of an interaction). */
export async function insertTask(tx: Db, ctx: ServiceContext, teamId: string, fields: TaskFields): Promise<string> {
  await assertReferencesInTeam(tx, fields, teamId)
  const created = await tx.task.create({ data: { ...fields, teamId, createdById: ctx.viewer.id } })
  await appendEvent(tx, {
    type: 'task.created',
    entity: 'task',
    entityId: created.id,
    teamId,
    actorId: ctx.viewer.id,
    payload: eventPayload(created),
  })
  return created.id
}

export async function createTask(ctx: ServiceContext, input: z.output<typeof taskCreateInput>): Promise<TaskDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const { teamId: _ignored, ...fields } = input
  const id = await ctx.prisma.$transaction((tx) => insertTask(tx, ctx, teamId, fields))
  return getTask(ctx, id)
}

export async function updateTask(ctx: ServiceContext, input: z.output<typeof taskUpdateInput>): Promise<TaskDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'task',
      id: input.id,
      baseVersion: input.version,
      fields: Object.keys(input.data),
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    await assertReferencesInTeam(tx, input.data, before.teamId)
    // Leaving DONE through an edit clears the completion date, as `reopen` does.
    const reopened = input.data.status !== undefined && before.status === 'DONE'
    // A new due date is a new deadline: the scheduler must notify it again.
    const rescheduled = input.data.dueAt !== undefined && input.data.dueAt?.getTime() !== before.dueAt?.getTime()
    const after = await tx.task.update({
      where: { id: input.id },
      data: {
        ...input.data,
        ...(reopened ? { completedAt: null } : {}),
        ...(rescheduled ? { dueNotifiedAt: null } : {}),
        version: { increment: 1 },
      },
    })
    const changes = diffFields(before, after, Object.keys(input.data) as (keyof TaskRow)[])
    await appendEvent(tx, {
      type: 'task.updated',
      entity: 'task',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: eventPayload(after, { changes, ...assigneeChange(before, after) }),
    })
  })
  return getTask(ctx, input.id)
}

/** Marks the task done; a writer of the team may, and so may its assignee whatever their role. */
export async function completeTask(ctx: ServiceContext, input: z.output<typeof taskActionInput>): Promise<TaskDetail> {
  return setStatus(ctx, input, 'DONE')
}

/** Brings a done or cancelled task back to OPEN; same rule as completing it. */
export async function reopenTask(ctx: ServiceContext, input: z.output<typeof taskActionInput>): Promise<TaskDetail> {
  return setStatus(ctx, input, 'OPEN')
}

async function setStatus(
  ctx: ServiceContext,
  input: z.output<typeof taskActionInput>,
  status: 'DONE' | 'OPEN',
): Promise<TaskDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await lockForWrite(tx, {
      entity: 'task',
      id: input.id,
      baseVersion: input.version,
      fields: ['status', 'completedAt'],
      read: async () => {
        const task = await findInScope(ctx, tx, input.id)
        if (!can(ctx.viewer.role, 'record:write') && task.assigneeId !== ctx.viewer.id) {
          throw new DomainError('FORBIDDEN', 'Only a member who can edit tasks, or the assignee, may do this')
        }
        return task
      },
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    // Completing a done task, or reopening an open one, changes nothing: double clicks are harmless.
    const unchanged = status === 'DONE' ? before.status === 'DONE' : isActive(before.status)
    if (unchanged) return
    const after = await tx.task.update({
      where: { id: input.id },
      data: { status, completedAt: status === 'DONE' ? new Date() : null, version: { increment: 1 } },
    })
    await appendEvent(tx, {
      type: status === 'DONE' ? 'task.completed' : 'task.updated',
      entity: 'task',
      entityId: after.id,
      teamId: after.teamId,
      actorId: ctx.viewer.id,
      payload: eventPayload(after, {
        completedAt: after.completedAt,
        changes: diffFields(before, after, ['status', 'completedAt']),
      }),
    })
  })
  return getTask(ctx, input.id)
}

export async function deleteTask(ctx: ServiceContext, input: z.output<typeof taskActionInput>): Promise<{ id: string }> {
  await ctx.prisma.$transaction(async (tx) => {
    const existing = await lockForWrite(tx, {
      entity: 'task',
      id: input.id,
      baseVersion: input.version,
      fields: null,
      read: () => findInScope(ctx, tx, input.id),
      conflict: (fields) => staleVersion(ctx, tx, input.id, fields),
    })
    await tx.task.delete({ where: { id: input.id } })
    await appendEvent(tx, {
      type: 'task.deleted',
      entity: 'task',
      entityId: existing.id,
      teamId: existing.teamId,
      actorId: ctx.viewer.id,
      payload: eventPayload(existing),
    })
  })
  return { id: input.id }
}

function isActive(status: TaskRow['status']): boolean {
  return (ACTIVE_TASK_STATUSES as readonly string[]).includes(status)
}

async function findInScope(ctx: ServiceContext, db: Db, id: string): Promise<TaskRow> {
  const task = await db.task.findFirst({ where: { id, ...teamScope(ctx.viewer) } })
  if (!task) throw notFound('Task')
  return task
}

/** The TASK_ASSIGNED notification needs to know who was assigned before. */
function assigneeChange(before: TaskRow, after: TaskRow) {
  return before.assigneeId === after.assigneeId ? {} : { previousAssigneeId: before.assigneeId }
}

/**
 * CONFLICT carrying the task as it is now and the fields changed by someone else (null: the whole
 * task), so the client can show both values and let the user choose. Read in the writer's transaction.
 */
async function staleVersion(ctx: ServiceContext, db: Db, id: string, fields: string[] | null): Promise<DomainError> {
  const current = await db.task.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Task')
  return new DomainError('CONFLICT', 'This task was changed by someone else', { current, fields })
}
