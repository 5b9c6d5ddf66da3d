import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, unique, type DemoUsers } from '../support/factories.ts'
import { makeTeam, makeUser } from '../support/factories-task.ts'
import { everySort, expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let admin: TestClient
let salesParis: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[admin, salesParis] = await Promise.all([loginAs(server.url, 'admin@demo.test'), loginAs(server.url, 'sales.paris@demo.test')])
})
afterAll(async () => {
  await server?.stop()
})

describe('teams', () => {
  it('shows an admin every team and anyone else only their own, with counts', async () => {
    const all = await admin.trpc.teams.list.query({})
    expect(all.items.map((team) => team.name)).toEqual(expect.arrayContaining(['Lyon', 'Paris']))
    const own = await salesParis.trpc.teams.list.query({})
    expect(own).toMatchObject({ total: 1, nextCursor: null, items: [{ id: demo.teams.paris, name: 'Paris' }] })
    expect(own.items[0].counts.users).toBeGreaterThanOrEqual(4)
    expect(own.items[0].counts.organisations).toBeGreaterThan(0)
    expect((await errorOf(salesParis.trpc.teams.byId.query({ id: demo.teams.lyon }))).data?.code).toBe('NOT_FOUND')
    expect(await admin.trpc.teams.byId.query({ id: demo.teams.lyon })).toMatchObject({ name: 'Lyon' })
  })

  it('lets an admin create, rename and delete an empty team, with a domain event for each', async () => {
    const created = await admin.trpc.teams.create.mutate({ name: '  Bordeaux ' })
    expect(created).toMatchObject({ name: 'Bordeaux', counts: { users: 0, organisations: 0 } })
    const renamed = await admin.trpc.teams.update.mutate({ id: created.id, data: { name: 'Bordeaux Atlantique' } })
    expect(renamed.name).toBe('Bordeaux Atlantique')
    await admin.trpc.teams.delete.mutate({ id: created.id })
    expect((await errorOf(admin.trpc.teams.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
    const events = await server.deps.prisma.domainEvent.findMany({ where: { entityId: created.id }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.type)).toEqual(['team.created', 'team.updated', 'team.deleted'])
    expect(events[1].payload).toMatchObject({ changes: { name: { from: 'Bordeaux', to: 'Bordeaux Atlantique' } } })
  })

  it('refuses a name already taken, whatever its case, with CONFLICT on the name field', async () => {
    const duplicate = await errorOf(admin.trpc.teams.create.mutate({ name: 'paris' }))
    expect(duplicate.data?.code).toBe('CONFLICT')
    expect(duplicate.data?.fieldErrors).toHaveProperty('name')
    const team = await makeTeam(server.deps.prisma)
    const rename = await errorOf(admin.trpc.teams.update.mutate({ id: team.id, data: { name: 'Lyon' } }))
    expect(rename.data?.code).toBe('CONFLICT')
    // Changing only the case of its own name is allowed.
    expect(await admin.trpc.teams.update.mutate({ id: team.id, data: { name: team.name.toUpperCase() } })).toMatchObject({
      name: team.name.toUpperCase(),
    })
  })

  it('refuses to delete a team that still has members or records, and says what is left', async () => {
    const error = await errorOf(admin.trpc.teams.delete.mutate({ id: demo.teams.paris }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.message).toMatch(/still has .*users.*organisations/)
    expect(error.data?.details?.counts).toMatchObject({ users: expect.any(Number), organisations: expect.any(Number) })
    expect(await admin.trpc.teams.byId.query({ id: demo.teams.paris })).toMatchObject({ name: 'Paris' })

    const withMember = await makeTeam(server.deps.prisma)
    await makeUser(server.deps.prisma, { teamId: withMember.id })
    const memberError = await errorOf(admin.trpc.teams.delete.mutate({ id: withMember.id }))
    expect(memberError.data?.code).toBe('CONFLICT')
    expect(memberError.message).toMatch(/still has 1 user;/)
  })

  it('answers bad input with BAD_REQUEST and keeps team management to admins', async () => {
    const error = await errorOf(admin.trpc.teams.create.mutate({ name: '   ' }))
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.fieldErrors).toHaveProperty('name')
    expect((await errorOf(admin.trpc.teams.create.mutate({ name: 'x'.repeat(101) }))).data?.code).toBe('BAD_REQUEST')
    expect((await errorOf(salesParis.trpc.teams.create.mutate({ name: unique('Équipe') }))).data?.code).toBe('FORBIDDEN')
  })

  it('pages by cursor through every team exactly once, in sort order, for every sort', async () => {
    const prisma = server.deps.prisma
    const term = unique('Paging')
    const suffixes = ['b', 'a', 'c', 'e', 'd', 'g', 'f', 'h']
    for (const [index, suffix] of suffixes.entries()) {
      const team = await makeTeam(prisma, `${term} ${suffix}`)
      await prisma.team.update({ where: { id: team.id }, data: tiedTimestamps(index) })
    }
    type Item = Awaited<ReturnType<typeof admin.trpc.teams.list.query>>['items'][number]
    const sortKeys = { name: (item: Item) => item.name, createdAt: (item: Item) => item.createdAt }
    for (const sort of everySort(['name', 'createdAt'] as const)) {
      await expectPagingInSortOrder((page) => admin.trpc.teams.list.query({ q: term, sort, ...page }), {
        total: suffixes.length,
        label: `${sort.field} ${sort.direction}`,
        direction: sort.direction,
        sortKey: sortKeys[sort.field],
      })
    }
  })
})
