import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT_SORT_FIELDS } from '../../src/shared/schemas/product.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, unique, type DemoUsers } from '../support/factories.ts'
import { makeMandate, makeProduct, randomIsin, withWrongCheckDigit } from '../support/factories-mandate.ts'
import { everySort, expectPagingInSortOrder, tiedTimestamps } from '../support/paging.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let managerParis: TestClient
let salesLyon: TestClient
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, managerParis, salesLyon, admin] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'admin@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const eventsOf = (entityId: string) =>
  server.deps.prisma.domainEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } })

describe('products', () => {
  it('creates, reads, updates and deletes with a domain event for each write', async () => {
    const isin = randomIsin('LU')
    const spaced = `${isin.slice(0, 2).toLowerCase()} ${isin.slice(2, 6)} ${isin.slice(6)}`
    const created = await salesParis.trpc.products.create.mutate({ name: '  Fonds Création ', isin: spaced, currency: 'eur' })
    expect(created).toMatchObject({
      name: 'Fonds Création',
      isin,
      kind: 'FUND',
      status: 'ACTIVE',
      currency: 'EUR',
      version: 1,
      team: { name: 'Paris' },
      mandates: [],
    })

    const updated = await salesParis.trpc.products.update.mutate({ id: created.id, version: 1, data: { kind: 'ETF', status: 'SUSPENDED' } })
    expect(updated).toMatchObject({ kind: 'ETF', status: 'SUSPENDED', version: 2 })

    await managerParis.trpc.products.delete.mutate({ id: created.id })
    expect((await errorOf(salesParis.trpc.products.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')

    const events = await eventsOf(created.id)
    expect(events.map((event) => event.type)).toEqual(['product.created', 'product.updated', 'product.deleted'])
    expect(events.every((event) => event.teamId === demo.teams.paris && event.entity === 'product')).toBe(true)
    expect(events[1].payload).toMatchObject({
      isin,
      changes: { kind: { from: 'FUND', to: 'ETF' }, status: { from: 'ACTIVE', to: 'SUSPENDED' } },
      version: 2,
    })
  })

  it('refuses an ISIN whose check digit is wrong with a clear field message', async () => {
    const error = await errorOf(salesParis.trpc.products.create.mutate({ name: 'Fonds faux', isin: withWrongCheckDigit(randomIsin()) }))
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.fieldCodes).toEqual({ isin: ['isin_check_digit'] })
  })

  it('answers bad input with BAD_REQUEST and field messages', async () => {
    const error = await errorOf(
      salesParis.trpc.products.create.mutate({
        name: 'x'.repeat(10_000),
        isin: 'FR12',
        kind: 'BOND' as 'FUND',
        status: 'OPEN' as 'ACTIVE',
        currency: 'EURO',
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(['currency', 'isin', 'kind', 'name', 'status'])
    expect(error.data?.fieldCodes?.isin[0]).not.toBe('isin_check_digit')
  })

  it('allows one product per ISIN in a team, answering CONFLICT on isin, while another team may reuse it', async () => {
    const isin = randomIsin()
    const first = await salesParis.trpc.products.create.mutate({ name: unique('Premier'), isin })
    const duplicate = await errorOf(salesParis.trpc.products.create.mutate({ name: unique('Doublon'), isin }))
    expect(duplicate.data?.code).toBe('CONFLICT')
    expect(Object.keys(duplicate.data?.fieldErrors ?? {})).toEqual(['isin'])

    await expect(salesLyon.trpc.products.create.mutate({ name: unique('Lyonnais'), isin })).resolves.toMatchObject({ isin, team: { name: 'Lyon' } })

    const other = await salesParis.trpc.products.create.mutate({ name: unique('Autre'), isin: randomIsin() })
    const renamed = await errorOf(salesParis.trpc.products.update.mutate({ id: other.id, version: 1, data: { isin } }))
    expect(renamed.data?.code).toBe('CONFLICT')
    expect(Object.keys(renamed.data?.fieldErrors ?? {})).toEqual(['isin'])
    expect((await salesParis.trpc.products.byId.query({ id: other.id })).version).toBe(1)
    expect((await salesParis.trpc.products.byId.query({ id: first.id })).isin).toBe(isin)
  })

  it('lets only one of several simultaneous creations with the same ISIN through, the others getting CONFLICT', async () => {
    const isin = randomIsin('IE')
    const results = await Promise.allSettled(
      [1, 2, 3].map((index) => managerParis.trpc.products.create.mutate({ name: `${unique('Course')} ${index}`, isin })),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    for (const result of results.filter((result) => result.status === 'rejected')) {
      const error = (result as PromiseRejectedResult).reason
      expect(error.data?.code).toBe('CONFLICT')
      expect(Object.keys(error.data?.fieldErrors ?? {})).toContain('isin')
    }
    expect(await server.deps.prisma.product.count({ where: { isin, teamId: demo.teams.paris } })).toBe(1)
  })

  it('refuses a stale version with CONFLICT carrying the current record, and overwrites nothing', async () => {
    const created = await salesParis.trpc.products.create.mutate({ name: unique('Conflit'), isin: randomIsin() })
    await salesParis.trpc.products.update.mutate({ id: created.id, version: 1, data: { status: 'CLOSED' } })
    const error = await errorOf(managerParis.trpc.products.update.mutate({ id: created.id, version: 1, data: { status: 'SUSPENDED' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details?.current).toMatchObject({ status: 'CLOSED', version: 2 })
    expect((await salesParis.trpc.products.byId.query({ id: created.id })).status).toBe('CLOSED')
  })

  it('keeps teams apart: another team’s product is not found, and lists never show it', async () => {
    const paris = await makeProduct(server.deps.prisma, { teamId: demo.teams.paris, name: unique('Secret parisien') })
    expect((await errorOf(salesLyon.trpc.products.byId.query({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.products.update.mutate({ id: paris.id, version: 1, data: { name: 'Pris' } }))).data?.code).toBe('NOT_FOUND')
    expect((await salesLyon.trpc.products.list.query({ q: paris.name })).total).toBe(0)
    expect((await salesLyon.trpc.products.list.query({ q: paris.isin })).total).toBe(0)
    expect((await admin.trpc.products.list.query({ q: paris.isin })).items.map((item) => item.id)).toEqual([paris.id])
  })

  it('shows its mandates with their organisation names, and a mandate count in lists', async () => {
    const product = await makeProduct(server.deps.prisma, { teamId: demo.teams.paris, name: unique('Fonds partagé') })
    const first = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, productIds: [product.id] })
    const second = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, productIds: [product.id], status: 'SIGNED' })

    const detail = await salesParis.trpc.products.byId.query({ id: product.id })
    const organisations = await server.deps.prisma.organisation.findMany({ where: { id: { in: [first.organisationId, second.organisationId] } } })
    expect(detail.mandates.map((mandate) => [mandate.id, mandate.organisation.name]).sort()).toEqual(
      [first, second].map((mandate) => [mandate.id, organisations.find((org) => org.id === mandate.organisationId)!.name]).sort(),
    )

    const listed = await salesParis.trpc.products.list.query({ q: product.name })
    expect(listed.items).toHaveLength(1)
    expect(listed.items[0]).toMatchObject({ id: product.id, mandateCount: 2 })

    // Deleting the product unlinks it and leaves the mandates in place.
    await managerParis.trpc.products.delete.mutate({ id: product.id })
    expect(await server.deps.prisma.mandate.count({ where: { id: { in: [first.id, second.id] } } })).toBe(2)
    const [deleted] = await server.deps.prisma.domainEvent.findMany({ where: { entityId: product.id, type: 'product.deleted' } })
    expect((deleted.payload as { mandateIds: string[] }).mandateIds.sort()).toEqual([first.id, second.id].sort())
  })

  it('paginates by cursor with filters, sort and a total', async () => {
    const prefix = unique('Pagination')
    for (let index = 0; index < 6; index++) {
      await makeProduct(server.deps.prisma, { teamId: demo.teams.paris, name: `${prefix} ${index}`, kind: index % 2 ? 'ETF' : 'FUND' })
    }
    await makeProduct(server.deps.prisma, { teamId: demo.teams.paris, name: `${prefix} fermé`, kind: 'ETF', status: 'CLOSED' })

    const filter = { q: prefix, kind: ['ETF' as const], status: ['ACTIVE' as const], sort: { field: 'name' as const, direction: 'desc' as const }, limit: 2 }
    const first = await salesParis.trpc.products.list.query(filter)
    const second = await salesParis.trpc.products.list.query({ ...filter, cursor: first.nextCursor })
    expect(first.total).toBe(3)
    expect(first.items.map((item) => item.name)).toEqual([`${prefix} 5`, `${prefix} 3`])
    expect(second.items.map((item) => item.name)).toEqual([`${prefix} 1`])
    expect(second.nextCursor).toBeNull()
  })

  it('pages by cursor through every product exactly once, in sort order, for every sort', async () => {
    const prisma = server.deps.prisma
    const prefix = unique('Paging')
    const names = ['b', 'a', 'c', 'a', 'b', 'a', 'c', 'b', 'a', 'd']
    for (const [index, name] of names.entries()) {
      const product = await makeProduct(prisma, { teamId: demo.teams.paris, name: `${prefix} ${name}` })
      await prisma.product.update({ where: { id: product.id }, data: tiedTimestamps(index) })
    }
    type Item = Awaited<ReturnType<typeof salesParis.trpc.products.list.query>>['items'][number]
    const sortKeys = { name: (item: Item) => item.name, updatedAt: (item: Item) => item.updatedAt }
    for (const sort of everySort(PRODUCT_SORT_FIELDS)) {
      await expectPagingInSortOrder((page) => salesParis.trpc.products.list.query({ q: prefix, sort, ...page }), {
        total: names.length,
        label: `${sort.field} ${sort.direction}`,
        direction: sort.direction,
        sortKey: sortKeys[sort.field],
      })
    }
  })
})
