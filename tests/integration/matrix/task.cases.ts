import { unique } from '../../support/factories.ts'
import { makeTask } from '../../support/factories-task.ts'
import { teamRule, type Caller, type MatrixCase, type MatrixFixture, type Outcome, type Target } from './types.ts'

/** own: assigned to the caller; sameTeam: assigned to a teammate; otherTeam: the other team's. */
function assignment(caller: Caller, target: Target) {
  if (target === 'own') return { teamId: caller.teamId, assigneeId: caller.id }
  if (target === 'sameTeam') return { teamId: caller.teamId, assigneeId: caller.teammateId }
  return { teamId: caller.otherTeamId, assigneeId: caller.otherTeamUserId }
}

const taskFor = (fixture: MatrixFixture, caller: Caller, target: Target, status: 'OPEN' | 'DONE' = 'OPEN') =>
  makeTask(fixture.prisma, { ...assignment(caller, target), status })

/** Completing or reopening: writers of the team, and the task's assignee whatever their role. */
const writerOrAssignee = (role: Caller['role'], target: Target): Outcome => {
  if (target === 'otherTeam' && role !== 'ADMIN') return 'NOT_FOUND'
  if (role === 'VIEWER' && target !== 'own') return 'FORBIDDEN'
  return 'ok'
}

export const taskCases: MatrixCase[] = [
  {
    path: 'tasks.list',
    input: async (fixture, caller, target) => ({ q: (await taskFor(fixture, caller, target)).title }),
    expected: (role) => teamRule('VIEWER')(role, 'own'),
  },
  {
    path: 'tasks.byId',
    input: async (fixture, caller, target) => ({ id: (await taskFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'tasks.history',
    input: async (fixture, caller, target) => ({ id: (await taskFor(fixture, caller, target)).id }),
    expected: teamRule('VIEWER'),
  },
  {
    path: 'tasks.create',
    input: async (_fixture, caller, target) => ({
      title: unique('Nouvelle tâche'),
      ...(target === 'otherTeam' ? { teamId: caller.otherTeamId } : { assigneeId: assignment(caller, target).assigneeId }),
    }),
    expected: (role, target) => {
      const outcome = teamRule('SALES')(role, target)
      return outcome === 'NOT_FOUND' ? 'BAD_REQUEST' : outcome
    },
  },
  {
    path: 'tasks.update',
    input: async (fixture, caller, target) => ({
      id: (await taskFor(fixture, caller, target)).id,
      version: 1,
      data: { priority: 'HIGH' },
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'tasks.complete',
    input: async (fixture, caller, target) => ({ id: (await taskFor(fixture, caller, target)).id }),
    expected: writerOrAssignee,
  },
  {
    path: 'tasks.reopen',
    input: async (fixture, caller, target) => ({ id: (await taskFor(fixture, caller, target, 'DONE')).id }),
    expected: writerOrAssignee,
  },
  {
    path: 'tasks.delete',
    input: async (fixture, caller, target) => ({ id: (await taskFor(fixture, caller, target)).id }),
    expected: teamRule('MANAGER'),
  },
]

const twoTasksFor = async (fixture: MatrixFixture, caller: Caller, target: Target) => [
  (await taskFor(fixture, caller, target)).id,
  (await taskFor(fixture, caller, target)).id,
]

export const taskBulkCases: MatrixCase[] = [
  {
    path: 'tasks.bulkUpdate',
    input: async (fixture, caller, target) => ({ ids: await twoTasksFor(fixture, caller, target), patch: { priority: 'HIGH' } }),
    expected: teamRule('SALES'),
  },
  {
    path: 'tasks.bulkRestore',
    input: async (fixture, caller, target) => ({
      items: (await twoTasksFor(fixture, caller, target)).map((id) => ({ id, fields: { priority: 'LOW' } })),
    }),
    expected: teamRule('SALES'),
  },
  {
    path: 'tasks.bulkDelete',
    input: async (fixture, caller, target) => ({ ids: await twoTasksFor(fixture, caller, target) }),
    expected: teamRule('MANAGER'),
  },
]
