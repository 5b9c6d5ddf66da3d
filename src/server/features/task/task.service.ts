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

/** Undated tasks come last in either direction. */
const LIST_SORTS: Record<ListInput['sort']['field'], ListSort<Prisma.TaskDelegate>> = {
  dueAt: { keyset: ['dueAt'], missing: { dueAt: null } },
  priority: { enum: 'priority' },
  updatedAt: { keyset: ['updatedAt'] },
  createdAt: { keyset: ['createdAt'] },
}

export async function listTasks(ctx: ServiceContext, input: ListInput): Promise<Page<TaskSummary>> {
  return listPage(ctx.prisma.task, {
    where: listWhere(ctx, input, new Date()),
    scope: teamScope(ctx.viewer),
    select: summarySelect,
    sort: LIST_SORTS[input.sort.field],
    direction: input.sort.direction,
    cursor: input.cursor,
    limit: input.limit,
  })
}

export async function getTask(ctx: ServiceContext, id: string): Promise<TaskDetail> {
  const task = await ctx.prisma.task.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!task) throw notFound('Task')
  return task
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
  if (!assignee) fieldErrors.assigneeId = ['Not an active member of this team']
  if (!organisation) fieldErrors.organisationId = ['No such organisation in this team']
  if (!person) fieldErrors.personId = ['No such person in this team']
  if (Object.keys(fieldErrors).length) {
    throw new DomainError('INVALID', 'The task refers to records outside its team', { fieldErrors })
  }
}

function eventPayload(task: TaskRow, extra: Record<string, unknown> = {}) {
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

export async function createTask(ctx: ServiceContext, input: z.output<typeof taskCreateInput>): Promise<TaskDetail> {
  const teamId = targetTeam(ctx.viewer, input.teamId)
  const id = await ctx.prisma.$transaction(async (tx) => {
    await assertReferencesInTeam(tx, input, teamId)
    const { teamId: _ignored, ...fields } = input
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
  })
  return getTask(ctx, id)
}

export async function updateTask(ctx: ServiceContext, input: z.output<typeof taskUpdateInput>): Promise<TaskDetail> {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await findInScope(ctx, tx, input.id)
    if (before.version !== input.version) throw await staleVersion(ctx, input.id)
    await assertReferencesInTeam(tx, input.data, before.teamId)
    // Leaving DONE through an edit clears the completion date, as `reopen` does.
    const reopened = input.data.status !== undefined && before.status === 'DONE'
    // A new due date is a new deadline: the scheduler must notify it again.
    const rescheduled = input.data.dueAt !== undefined && input.data.dueAt?.getTime() !== before.dueAt?.getTime()
    const { count } = await tx.task.updateMany({
      where: { id: input.id, version: input.version },
      data: {
        ...input.data,
        ...(reopened ? { completedAt: null } : {}),
        ...(rescheduled ? { dueNotifiedAt: null } : {}),
        version: { increment: 1 },
      },
    })
    if (count === 0) throw await staleVersion(ctx, input.id)
    const after = await tx.task.findUniqueOrThrow({ where: { id: input.id } })
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
    const before = await findInScope(ctx, tx, input.id)
    if (!can(ctx.viewer.role, 'record:write') && before.assigneeId !== ctx.viewer.id) {
      throw new DomainError('FORBIDDEN', 'Only a member who can edit tasks, or the assignee, may do this')
    }
    if (input.version !== undefined && before.version !== input.version) throw await staleVersion(ctx, input.id)
    // Completing a done task, or reopening an open one, changes nothing: double clicks are harmless.
    const unchanged = status === 'DONE' ? before.status === 'DONE' : isActive(before.status)
    if (unchanged) return
    const { count } = await tx.task.updateMany({
      where: { id: input.id, version: before.version },
      data: { status, completedAt: status === 'DONE' ? new Date() : null, version: { increment: 1 } },
    })
    if (count === 0) throw await staleVersion(ctx, input.id)
    const after = await tx.task.findUniqueOrThrow({ where: { id: input.id } })
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
    const existing = await findInScope(ctx, tx, input.id)
    if (input.version !== undefined && existing.version !== input.version) throw await staleVersion(ctx, input.id)
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

/** CONFLICT carrying the task as it is now, so the client can show both values and let the user choose. */
async function staleVersion(ctx: ServiceContext, id: string): Promise<DomainError> {
  const current = await ctx.prisma.task.findFirst({ where: { id, ...teamScope(ctx.viewer) }, include: detailInclude })
  if (!current) return notFound('Task')
  return new DomainError('CONFLICT', 'This task was changed by someone else', { current })
}
