import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { makeOrganisation } from '../support/factories.ts'
import { makeApiToken, makeTask, makeTeam, makeUser } from '../support/factories-task.ts'
import { makeMandate } from '../support/factories-mandate.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The dashboard's figures against expectations computed by hand on a small fixture of two fresh
// teams (the demo data lives in other teams and must not leak into them either).

let server: TestServer
const DAY = 86_400_000

interface TeamFixture {
  teamId: string
  manager: { id: string; name: string; client: TestClient }
  sales: { id: string; name: string; client: TestClient }
  sales2: { id: string; name: string }
  viewer: { client: TestClient }
}
let alpha: TeamFixture
let beta: TeamFixture
let admin: TestClient
let range: { from: Date; previousFrom: Date; to: Date; weekFrom: Date; weekTo: Date }
const ids: Record<string, string> = {}

async function makeTeamFixture(label: string): Promise<TeamFixture> {
  const prisma = server.deps.prisma
  const team = await makeTeam(prisma, `${label} ${Date.now()}`)
  const client = async (role: 'MANAGER' | 'SALES' | 'VIEWER', name: string) => {
    const user = await makeUser(prisma, { teamId: team.id, role, name })
    const { token } = await makeApiToken(prisma, { userId: user.id, scope: 'READ_WRITE' })
    return { id: user.id, name: user.name, client: createTestClient(server.url, { token }) }
  }
  const sales2 = await makeUser(prisma, { teamId: team.id, role: 'SALES', name: `${label} Zoé` })
  return {
    teamId: team.id,
    manager: await client('MANAGER', `${label} Manager`),
    sales: await client('SALES', `${label} Alice`),
    sales2: { id: sales2.id, name: sales2.name },
    viewer: await client('VIEWER', `${label} Viewer`),
  }
}

/** A stage change as the pipeline writes it, dated in the past (moves of earlier periods). */
async function pastMove(team: TeamFixture, organisationId: string, from: string, to: string, amount: number, at: Date) {
  await server.deps.prisma.domainEvent.create({
    data: {
      type: 'organisation.updated',
      entity: 'organisation',
      entityId: organisationId,
      teamId: team.teamId,
      actorId: team.sales.id,
      payload: { name: 'past', stage: to, potentialAmount: amount, ownerId: team.sales.id, version: 2, changes: { stage: { from, to } } },
      createdAt: at,
    },
  })
}

const summary = (client: TestClient, input: Parameters<TestClient['trpc']['dashboard']['summary']['query']>[0] = {}) =>
  client.trpc.dashboard.summary.query(input)

beforeAll(async () => {
  server = await startTestServer()
  const prisma = server.deps.prisma
  admin = await loginAs(server.url, 'admin@demo.test')
  alpha = await makeTeamFixture('Alpha')
  beta = await makeTeamFixture('Beta')
  range = (await summary(alpha.manager.client)).range
  const inPeriod = new Date((range.from.getTime() + range.to.getTime()) / 2)
  const inPreviousPeriod = new Date(range.previousFrom.getTime() + DAY)
  const a = alpha.teamId
  const alice = alpha.sales.id
  const zoe = alpha.sales2.id

  // Alpha's pipeline: 6 active organisations, 1 inactive (never counted).
  ids.prospect = (await makeOrganisation(prisma, { teamId: a, ownerId: alice, stage: 'PROSPECT', potentialAmount: 100_000 })).id
  ids.qualified = (await makeOrganisation(prisma, { teamId: a, ownerId: zoe, stage: 'QUALIFIED', potentialAmount: 200_000 })).id
  ids.proposal = (await makeOrganisation(prisma, { teamId: a, ownerId: alice, stage: 'PROPOSAL', potentialAmount: 300_000 })).id
  ids.negotiation = (await makeOrganisation(prisma, { teamId: a, ownerId: alice, stage: 'NEGOTIATION', potentialAmount: 500_000, name: 'Alpha Gagnée' })).id
  ids.lost = (await makeOrganisation(prisma, { teamId: a, ownerId: zoe, stage: 'PROPOSAL', potentialAmount: 50_000 })).id
  ids.stale = (await makeOrganisation(prisma, { teamId: a, ownerId: zoe, stage: 'QUALIFIED', potentialAmount: 10_000, name: 'Alpha Oubliée' })).id
  const inactive = await makeOrganisation(prisma, { teamId: a, ownerId: alice, stage: 'PROSPECT', potentialAmount: 999_000 })
  await prisma.organisation.update({ where: { id: inactive.id }, data: { isActive: false } })
  // Created in the previous period; not touched for 40 days but contacted 3 days ago (no follow-up).
  ids.contacted = (await makeOrganisation(prisma, { teamId: a, ownerId: alice, stage: 'PROSPECT', potentialAmount: 1_000 })).id
  await prisma.$executeRaw`UPDATE "Organisation" SET "createdAt" = ${inPreviousPeriod}, "updatedAt" = ${new Date(Date.now() - 40 * DAY)} WHERE id = ${ids.contacted}::uuid`
  await prisma.$executeRaw`UPDATE "Organisation" SET "updatedAt" = ${new Date(Date.now() - 45 * DAY)} WHERE id = ${ids.stale}::uuid`

  // Moves through the API this period: one plain move, one win, one loss.
  await alpha.sales.client.trpc.pipeline.move.mutate({ id: ids.proposal, fromStage: 'PROPOSAL', toStage: 'NEGOTIATION' })
  await alpha.sales.client.trpc.pipeline.move.mutate({ id: ids.negotiation, fromStage: 'NEGOTIATION', toStage: 'WON' })
  await alpha.manager.client.trpc.pipeline.move.mutate({ id: ids.lost, fromStage: 'PROPOSAL', toStage: 'LOST' })
  // The previous period: two wins and one loss, from the log.
  await pastMove(alpha, ids.prospect, 'NEGOTIATION', 'WON', 70_000, inPreviousPeriod)
  await pastMove(alpha, ids.prospect, 'NEGOTIATION', 'WON', 30_000, inPreviousPeriod)
  await pastMove(alpha, ids.prospect, 'PROPOSAL', 'LOST', 5_000, inPreviousPeriod)

  // Beta wins a large deal: it must never appear in Alpha's figures.
  const betaDeal = await makeOrganisation(prisma, { teamId: beta.teamId, ownerId: beta.sales.id, stage: 'NEGOTIATION', potentialAmount: 9_000_000 })
  await beta.sales.client.trpc.pipeline.move.mutate({ id: betaDeal.id, fromStage: 'NEGOTIATION', toStage: 'WON' })

  // Tasks: Alice has 2 overdue and 1 due this week; Zoé 1 due this week; done and later ones don't count.
  const dueThisWeek = new Date((Date.now() + range.weekTo.getTime()) / 2)
  await makeTask(prisma, { teamId: a, assigneeId: alice, dueAt: new Date(Date.now() - 2 * DAY) })
  await makeTask(prisma, { teamId: a, assigneeId: alice, dueAt: new Date(Date.now() - 20 * DAY), status: 'IN_PROGRESS' })
  await makeTask(prisma, { teamId: a, assigneeId: alice, dueAt: dueThisWeek })
  await makeTask(prisma, { teamId: a, assigneeId: zoe, dueAt: dueThisWeek })
  await makeTask(prisma, { teamId: a, assigneeId: zoe, dueAt: new Date(Date.now() - DAY), status: 'DONE' })
  await makeTask(prisma, { teamId: a, assigneeId: zoe, dueAt: new Date(range.weekTo.getTime() + 3 * DAY) })
  await makeTask(prisma, { teamId: beta.teamId, assigneeId: beta.sales.id, dueAt: new Date(Date.now() - DAY) })

  // Interactions: Alice 2 this week (API) + 1 two weeks before; Zoé 1 this week; one 6 weeks ago (outside).
  await alpha.sales.client.trpc.interactions.create.mutate({ kind: 'CALL', occurredAt: new Date(), summary: 'Appel de suivi', organisationId: ids.contacted })
  await alpha.sales.client.trpc.interactions.create.mutate({ kind: 'MEETING', occurredAt: new Date(), summary: 'Rendez-vous', organisationId: ids.qualified })
  const interaction = (authorId: string, occurredAt: Date) =>
    prisma.interaction.create({ data: { kind: 'NOTE', summary: 'Note', occurredAt, authorId, teamId: a, organisationId: ids.qualified } })
  await interaction(alice, new Date(range.weekFrom.getTime() - 10 * DAY))
  await interaction(zoe, new Date(Math.max(range.weekFrom.getTime(), Date.now() - 60_000)))
  await interaction(zoe, new Date(range.weekFrom.getTime() - 40 * DAY))
  // Contacted recently, but within this week so that the weekly counts stay as planned.
  const recently = new Date(Math.max(range.weekFrom.getTime() + 60_000, Date.now() - 3 * DAY))
  await prisma.$executeRaw`UPDATE "Interaction" SET "occurredAt" = ${recently} WHERE "organisationId" = ${ids.contacted}::uuid`

  // Mandates: 1 signed this period, 1 in the previous one, 1 draft.
  const signed = await makeMandate(prisma, { teamId: a, ownerId: alice, status: 'SIGNED' })
  await prisma.mandate.update({ where: { id: signed.id }, data: { signedAt: inPeriod } })
  const older = await makeMandate(prisma, { teamId: a, ownerId: zoe, status: 'SIGNED' })
  await prisma.mandate.update({ where: { id: older.id }, data: { signedAt: inPreviousPeriod } })
  await makeMandate(prisma, { teamId: a, ownerId: zoe, status: 'DRAFT' })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('dashboard.summary', () => {
  it('starts the month at midnight on the 1st in Paris and compares with the month before', () => {
    const paris = (date: Date) => {
      const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date)
      const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value
      return `${part('day')} ${part('hour')}:${part('minute')}`
    }
    expect(paris(range.from)).toBe('1 00:00')
    expect(paris(range.previousFrom)).toBe('1 00:00')
    expect(range.from.getTime()).toBeLessThanOrEqual(range.to.getTime())
    expect(range.from.getTime() - range.previousFrom.getTime()).toBeGreaterThanOrEqual(28 * DAY - 3_600_000)
  })

  it("sums the team's active pipeline by stage with weighted amounts", async () => {
    const figures = await summary(alpha.manager.client)
    const byStage = Object.fromEntries(figures.stages.map((row) => [row.stage, [row.count, row.amount, row.weightedAmount]]))
    // Suppliers created by the mandate factory are in PROSPECT without an amount.
    expect(byStage).toEqual({
      PROSPECT: [2 + 3, 101_000, 10_100],
      QUALIFIED: [2, 210_000, 52_500],
      PROPOSAL: [0, 0, 0],
      NEGOTIATION: [1, 300_000, 225_000],
      WON: [1, 500_000, 500_000],
      LOST: [1, 50_000, 0],
    })
    expect(figures.openPipeline).toEqual({ count: 8, amount: 611_000, weightedAmount: 287_600 })
  })

  it('counts wins, losses and moves of this period against the previous one', async () => {
    const figures = await summary(alpha.manager.client)
    expect(figures.won).toEqual({ count: 1, previousCount: 2, amount: 500_000, previousAmount: 100_000 })
    expect(figures.lost).toEqual({ count: 1, previousCount: 1, amount: 50_000, previousAmount: 5_000 })
    expect(figures.moves).toEqual({ count: 3, previousCount: 3 })
    // 7 organisations + 3 suppliers this period; one dated in the previous period.
    expect(figures.newOrganisations).toEqual({ count: 10, previousCount: 1 })
    expect(figures.mandatesSigned).toEqual({ count: 1, previousCount: 1 })
  })

  it('lists overdue tasks and tasks due this week by assignee', async () => {
    const figures = await summary(alpha.manager.client)
    expect(figures.tasks.overdue).toBe(2)
    expect(figures.tasks.dueThisWeek).toBe(2)
    expect(figures.tasks.byAssignee.map((row) => [row.assignee?.name, row.overdue, row.dueThisWeek])).toEqual([
      [alpha.sales.name, 2, 1],
      [alpha.sales2.name, 0, 1],
    ])
  })

  it('counts interactions per salesperson over the last four weeks', async () => {
    const figures = await summary(alpha.manager.client)
    expect(figures.interactions.weekStarts).toHaveLength(4)
    expect(figures.interactions.weekStarts[3].getTime()).toBe(range.weekFrom.getTime())
    expect(figures.interactions.total).toBe(4)
    expect(figures.interactions.bySalesperson.map((row) => [row.user?.name, row.counts, row.total])).toEqual([
      [alpha.sales.name, [0, 1, 0, 2], 3],
      [alpha.sales2.name, [0, 0, 0, 1], 1],
    ])
  })

  it('names the open deals nobody has moved or contacted for 30 days', async () => {
    const figures = await summary(alpha.manager.client)
    expect(figures.followUps.count).toBe(1)
    expect(figures.followUps.items.map((item) => [item.name, item.stage, item.owner?.name])).toEqual([
      ['Alpha Oubliée', 'QUALIFIED', alpha.sales2.name],
    ])
  })

  it('feeds the latest moves, wins and interactions with who did them, newest first', async () => {
    const figures = await summary(alpha.manager.client)
    const feed = figures.activity.map((item) => [item.kind, item.actor?.name, item.organisation?.name ?? null])
    expect(feed.slice(0, 2).map(([kind, actor]) => [kind, actor])).toEqual([
      ['interaction', alpha.sales.name],
      ['interaction', alpha.sales.name],
    ])
    expect(feed).toContainEqual(['won', alpha.sales.name, 'Alpha Gagnée'])
    expect(feed).toContainEqual(['lost', alpha.manager.name, expect.any(String)])
    const kinds = figures.activity.map((item) => item.kind).sort()
    expect(kinds).toEqual(['interaction', 'interaction', 'lost', 'lost', 'moved', 'won', 'won', 'won'])
    // Older events come last: the previous period's moves close the feed.
    expect(figures.activity.at(-1)!.at.getTime()).toBeLessThan(range.from.getTime())
  })

  it("never shows another team's figures: Beta's 9 M€ win stays out of Alpha's and in Beta's", async () => {
    const [alphaFigures, betaFigures, alphaViewer] = await Promise.all([
      summary(alpha.manager.client),
      summary(beta.manager.client),
      summary(alpha.viewer.client),
    ])
    expect(alphaFigures.won.amount).toBe(500_000)
    expect(betaFigures.won).toMatchObject({ count: 1, amount: 9_000_000 })
    expect(betaFigures.tasks.overdue).toBe(1)
    expect(JSON.stringify(alphaFigures)).not.toContain(beta.sales.name)
    expect(JSON.stringify(betaFigures)).not.toContain(alpha.sales.name)
    // A viewer of the team sees the same figures as its manager.
    expect({ ...alphaViewer, generatedAt: null, range: null }).toEqual({ ...alphaFigures, generatedAt: null, range: null })
    // Asking for another team's figures gives an empty answer, not theirs.
    const peeking = await summary(alpha.manager.client, { teamId: beta.teamId })
    expect(peeking.won.count).toBe(0)
    expect(peeking.openPipeline.count).toBe(0)
    expect(peeking.activity).toEqual([])
  })

  it('lets an admin narrow to one team, and shows every team by default', async () => {
    const [onlyAlpha, everything, alphaFigures] = await Promise.all([
      summary(admin, { teamId: alpha.teamId }),
      summary(admin),
      summary(alpha.manager.client),
    ])
    expect(onlyAlpha.stages).toEqual(alphaFigures.stages)
    expect(onlyAlpha.won).toEqual(alphaFigures.won)
    expect(everything.won.amount).toBeGreaterThanOrEqual(9_500_000)
  })

  it("shows a salesperson their own pipeline, tasks and activity with scope 'mine'", async () => {
    const mine = await summary(alpha.sales.client, { scope: 'mine' })
    const byStage = Object.fromEntries(mine.stages.map((row) => [row.stage, row.count]))
    expect(byStage).toEqual({ PROSPECT: 3, QUALIFIED: 0, PROPOSAL: 0, NEGOTIATION: 1, WON: 1, LOST: 0 })
    expect(mine.won).toMatchObject({ count: 1, previousCount: 2 })
    expect(mine.lost).toMatchObject({ count: 0 })
    expect(mine.tasks.byAssignee.map((row) => row.assignee?.id)).toEqual([alpha.sales.id])
    expect(mine.interactions.bySalesperson.map((row) => row.user?.id)).toEqual([alpha.sales.id])
    expect(mine.mandatesSigned).toEqual({ count: 1, previousCount: 0 })
  })

  it('follows the chosen period', async () => {
    const quarter = await summary(alpha.manager.client, { period: 'quarter' })
    const week = await summary(alpha.manager.client, { period: 'week' })
    expect(quarter.range.from.getTime()).toBeLessThanOrEqual(range.from.getTime())
    expect(week.range.from.getTime()).toBe(range.weekFrom.getTime())
    expect(quarter.won.count + quarter.won.previousCount).toBeGreaterThanOrEqual(1)
  })

  it('answers bad input with BAD_REQUEST', async () => {
    await expect(summary(alpha.manager.client, { period: 'year' as never })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } })
    await expect(summary(alpha.manager.client, { teamId: 'not-a-uuid' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } })
  })
})
