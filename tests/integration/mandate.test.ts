import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANDATE_SORT_FIELDS } from '../../src/shared/schemas/mandate.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { makeMandate, makeProduct, makeSupplier } from '../support/factories-mandate.ts'
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

const userId = (email: string) => demo.byEmail.get(email)!.id
const parisSupplier = () => makeSupplier(server.deps.prisma, { teamId: demo.teams.paris })
const parisProduct = () => makeProduct(server.deps.prisma, { teamId: demo.teams.paris })
const eventsOf = (entityId: string) => server.deps.prisma.domainEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } })

describe('mandates', () => {
  it('creates with products, reads, updates and deletes with a domain event for each write', async () => {
    const supplier = await parisSupplier()
    const [fund, etf] = await Promise.all([parisProduct(), parisProduct()])
    const created = await salesParis.trpc.mandates.create.mutate({
      organisationId: supplier.id,
      reference: ' MDT-TEST-1 ',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      productIds: [fund.id, etf.id, fund.id],
    })
    expect(created).toMatchObject({
      reference: 'MDT-TEST-1',
      type: 'DISTRIBUTION',
      status: 'DRAFT',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      signedAt: null,
      version: 1,
      ownerId: userId('sales.paris@demo.test'),
      organisation: { id: supplier.id, name: supplier.name, type: 'SUPPLIER' },
      team: { name: 'Paris' },
    })
    expect(created.products.map((product) => product.id).sort()).toEqual([fund.id, etf.id].sort())

    const updated = await salesParis.trpc.mandates.update.mutate({ id: created.id, version: 1, data: { notes: 'Renouvelable', endDate: '2028-06-30' } })
    expect(updated).toMatchObject({ notes: 'Renouvelable', endDate: '2028-06-30', version: 2 })

    await managerParis.trpc.mandates.delete.mutate({ id: created.id })
    expect((await errorOf(salesParis.trpc.mandates.byId.query({ id: created.id }))).data?.code).toBe('NOT_FOUND')
    expect(await server.deps.prisma.product.count({ where: { id: { in: [fund.id, etf.id] } } })).toBe(2)

    const events = await eventsOf(created.id)
    expect(events.map((event) => event.type)).toEqual(['mandate.created', 'mandate.updated', 'mandate.deleted'])
    expect(events.every((event) => event.teamId === demo.teams.paris && event.entity === 'mandate')).toBe(true)
    expect(events[0].payload).toMatchObject({ organisation: { id: supplier.id, name: supplier.name }, status: 'DRAFT' })
    expect((events[0].payload as { productIds: string[] }).productIds.sort()).toEqual([fund.id, etf.id].sort())
    expect(events[1].payload).toMatchObject({
      changes: { notes: { from: null, to: 'Renouvelable' }, endDate: { from: '2027-12-31', to: '2028-06-30' } },
      version: 2,
    })
    expect(Object.keys((events[1].payload as { changes: object }).changes).sort()).toEqual(['endDate', 'notes'])
  })

  it('stamps signedAt when the mandate becomes SIGNED, shows the move in the event, and keeps the date afterwards', async () => {
    const mandate = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, status: 'NEGOTIATION' })
    const before = Date.now()
    const signed = await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { status: 'SIGNED' } })
    expect(signed.status).toBe('SIGNED')
    expect(signed.signedAt).toBeInstanceOf(Date)
    expect(signed.signedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000)

    const [event] = await server.deps.prisma.domainEvent.findMany({ where: { entityId: mandate.id, type: 'mandate.updated' } })
    expect(event.payload).toMatchObject({
      status: 'SIGNED',
      changes: { status: { from: 'NEGOTIATION', to: 'SIGNED' }, signedAt: { from: null, to: signed.signedAt!.toISOString() } },
    })

    const expired = await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 2, data: { status: 'EXPIRED' } })
    expect(expired.signedAt).toEqual(signed.signedAt)
    const again = await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 3, data: { status: 'SIGNED' } })
    expect(again.signedAt).toEqual(signed.signedAt)

    const createdSigned = await salesParis.trpc.mandates.create.mutate({ organisationId: (await parisSupplier()).id, status: 'SIGNED' })
    expect(createdSigned.signedAt).toBeInstanceOf(Date)
  })

  it('takes only a supplier of the caller’s scope: BAD_REQUEST on organisationId otherwise, NOT_FOUND out of scope', async () => {
    const investor = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris, type: 'INVESTOR' })
    const notSupplier = await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId: investor.id }))
    expect(notSupplier.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(notSupplier.data?.fieldErrors ?? {})).toEqual(['organisationId'])

    const lyonSupplier = await makeSupplier(server.deps.prisma, { teamId: demo.teams.lyon })
    expect((await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId: lyonSupplier.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId: crypto.randomUUID() }))).data?.code).toBe('NOT_FOUND')

    const mandate = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris })
    const moved = await errorOf(salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { organisationId: investor.id } }))
    expect(moved.data?.code).toBe('BAD_REQUEST')
    // Even an admin, who reads both teams, cannot hang a Paris mandate on a Lyon supplier.
    const crossTeam = await errorOf(admin.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { organisationId: lyonSupplier.id } }))
    expect(crossTeam.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(crossTeam.data?.fieldErrors ?? {})).toEqual(['organisationId'])

    const otherSupplier = await parisSupplier()
    const rehomed = await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { organisationId: otherSupplier.id } })
    expect(rehomed.organisation).toMatchObject({ id: otherSupplier.id, name: otherSupplier.name })
    expect(await server.deps.prisma.mandate.count({ where: { organisationId: investor.id } })).toBe(0)
  })

  it('goes to its supplier’s team, so an admin creates a Lyon mandate from a Lyon supplier', async () => {
    const lyonSupplier = await makeSupplier(server.deps.prisma, { teamId: demo.teams.lyon })
    const created = await admin.trpc.mandates.create.mutate({ organisationId: lyonSupplier.id, ownerId: userId('sales.lyon@demo.test') })
    expect(created).toMatchObject({ team: { name: 'Lyon' }, owner: { id: userId('sales.lyon@demo.test') } })
    expect((await salesLyon.trpc.mandates.byId.query({ id: created.id })).id).toBe(created.id)
  })

  it('validates dates strictly, including an end date before the stored start date', async () => {
    const organisationId = (await parisSupplier()).id
    for (const startDate of ['2025-02-30', '2025-13-01', '01/02/2025', '2025-01-01T10:00:00Z', '0000-01-01']) {
      const error = await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId, startDate }))
      expect([startDate, error.data?.code, Object.keys(error.data?.fieldErrors ?? {})]).toEqual([startDate, 'BAD_REQUEST', ['startDate']])
    }
    const reversed = await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId, startDate: '2025-06-01', endDate: '2025-05-31' }))
    expect(reversed.data?.fieldCodes).toEqual({ endDate: ['end_before_start'] })

    const mandate = await salesParis.trpc.mandates.create.mutate({ organisationId, startDate: '2024-02-29', endDate: '' })
    expect(mandate).toMatchObject({ startDate: '2024-02-29', endDate: null })
    const early = await errorOf(salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { endDate: '2024-02-28' } }))
    expect(early.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(early.data?.fieldErrors ?? {})).toEqual(['endDate'])
    const sameDay = await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { endDate: '2024-02-29' } })
    expect(sameDay.endDate).toBe('2024-02-29')
  })

  it('answers bad input with BAD_REQUEST and field messages', async () => {
    const error = await errorOf(
      salesParis.trpc.mandates.create.mutate({
        organisationId: 'not-a-uuid',
        type: 'FRANCHISE' as 'OTHER',
        status: 'DONE' as 'DRAFT',
        reference: 'x'.repeat(5_000),
        productIds: ['nope'],
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(['organisationId', 'productIds', 'reference', 'status', 'type'])
  })

  it('refuses owners and products from outside the mandate’s team, creating nothing', async () => {
    const organisationId = (await parisSupplier()).id
    const reference = unique('MDT-REFUS')
    const owner = await errorOf(salesParis.trpc.mandates.create.mutate({ organisationId, reference, ownerId: userId('sales.lyon@demo.test') }))
    expect(owner.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(owner.data?.fieldErrors ?? {})).toEqual(['ownerId'])

    const lyonProduct = await makeProduct(server.deps.prisma, { teamId: demo.teams.lyon })
    const products = await errorOf(
      salesParis.trpc.mandates.create.mutate({ organisationId, reference, productIds: [(await parisProduct()).id, lyonProduct.id] }),
    )
    expect(products.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(products.data?.fieldErrors ?? {})).toEqual(['productIds'])
    expect(await server.deps.prisma.mandate.count({ where: { reference } })).toBe(0)
  })

  it('adds and removes products of the same team, idempotently, with an event for each real change', async () => {
    const mandate = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris })
    const product = await parisProduct()

    const added = await salesParis.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: product.id })
    expect(added.products.map((item) => item.id)).toEqual([product.id])
    expect(added.updatedAt.getTime()).toBeGreaterThan(mandate.updatedAt.getTime())
    await salesParis.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: product.id })
    expect((await salesParis.trpc.mandates.byId.query({ id: mandate.id })).products).toHaveLength(1)

    const removed = await salesParis.trpc.mandates.removeProduct.mutate({ mandateId: mandate.id, productId: product.id })
    expect(removed.products).toEqual([])
    await salesParis.trpc.mandates.removeProduct.mutate({ mandateId: mandate.id, productId: product.id })

    const events = await eventsOf(mandate.id)
    expect(events.map((event) => event.type)).toEqual(['mandate.product_added', 'mandate.product_removed'])
    expect(events[0].payload).toMatchObject({ product: { id: product.id, isin: product.isin } })
    expect(added.version).toBe(1)
  })

  it('refuses linking a product of another team: NOT_FOUND out of scope, BAD_REQUEST for an admin', async () => {
    const mandate = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris })
    const lyonProduct = await makeProduct(server.deps.prisma, { teamId: demo.teams.lyon })
    const sales = await errorOf(salesParis.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: lyonProduct.id }))
    expect(sales.data?.code).toBe('NOT_FOUND')
    const byAdmin = await errorOf(admin.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: lyonProduct.id }))
    expect(byAdmin.data?.code).toBe('BAD_REQUEST')
    expect(Object.keys(byAdmin.data?.fieldErrors ?? {})).toEqual(['productId'])
    expect(await server.deps.prisma.mandateProduct.count({ where: { mandateId: mandate.id } })).toBe(0)

    const lyonCaller = await errorOf(salesLyon.trpc.mandates.addProduct.mutate({ mandateId: mandate.id, productId: lyonProduct.id }))
    expect(lyonCaller.data?.code).toBe('NOT_FOUND')
  })

  it('refuses a stale version with CONFLICT carrying the current record, and overwrites nothing', async () => {
    const mandate = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris })
    await salesParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { notes: 'Première' } })
    const error = await errorOf(managerParis.trpc.mandates.update.mutate({ id: mandate.id, version: 1, data: { notes: 'Seconde' } }))
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.data?.details?.current).toMatchObject({ notes: 'Première', version: 2 })
    expect((await salesParis.trpc.mandates.byId.query({ id: mandate.id })).notes).toBe('Première')
  })

  it('keeps teams apart: another team’s mandate is not found, and lists never show it', async () => {
    const paris = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, reference: unique('SECRET') })
    expect((await errorOf(salesLyon.trpc.mandates.byId.query({ id: paris.id }))).data?.code).toBe('NOT_FOUND')
    expect((await errorOf(salesLyon.trpc.mandates.update.mutate({ id: paris.id, version: 1, data: { notes: 'Pris' } }))).data?.code).toBe('NOT_FOUND')
    expect((await salesLyon.trpc.mandates.list.query({ q: paris.reference! })).total).toBe(0)
    expect((await salesLyon.trpc.mandates.list.query({ organisationId: paris.organisationId })).total).toBe(0)
  })

  it('lists with organisation name and product count, filtered by status, organisation, product and owner', async () => {
    const supplier = await parisSupplier()
    const product = await parisProduct()
    const owner = userId('manager.paris@demo.test')
    const signed = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, organisationId: supplier.id, status: 'SIGNED', productIds: [product.id], ownerId: owner })
    const draft = await makeMandate(server.deps.prisma, { teamId: demo.teams.paris, organisationId: supplier.id, status: 'DRAFT' })

    const bySupplier = await salesParis.trpc.mandates.list.query({ organisationId: supplier.id })
    expect(bySupplier.total).toBe(2)
    const signedItem = bySupplier.items.find((item) => item.id === signed.id)
    expect(signedItem).toMatchObject({ organisation: { id: supplier.id, name: supplier.name }, productCount: 1, status: 'SIGNED' })
    expect(bySupplier.items.find((item) => item.id === draft.id)).toMatchObject({ productCount: 0 })

    expect((await salesParis.trpc.mandates.list.query({ organisationId: supplier.id, status: ['SIGNED'] })).items.map((item) => item.id)).toEqual([signed.id])
    expect((await salesParis.trpc.mandates.list.query({ productId: product.id })).items.map((item) => item.id)).toEqual([signed.id])
    expect((await salesParis.trpc.mandates.list.query({ organisationId: supplier.id, ownerId: owner })).items.map((item) => item.id)).toEqual([signed.id])
    expect((await salesParis.trpc.mandates.list.query({ q: supplier.name })).total).toBe(2)
  })

  it('pages by cursor through every mandate exactly once, in sort order, undated mandates last, for every sort', async () => {
    const prisma = server.deps.prisma
    const supplier = await parisSupplier()
    const startDates = ['2026-03-01', null, '2024-01-15', '2025-07-01', null, '2024-01-15', '2030-12-31', null, '2025-07-01', '2024-01-15']
    const endDates = [null, '2031-06-30', '2029-01-01', null, '2029-01-01', '2031-06-30', null, '2027-12-31', '2029-01-01', null]
    const calendarDate = (date: string | null) => (date === null ? null : new Date(`${date}T00:00:00Z`))
    for (const [index, startDate] of startDates.entries()) {
      const mandate = await makeMandate(prisma, { teamId: demo.teams.paris, organisationId: supplier.id })
      await prisma.mandate.update({
        where: { id: mandate.id },
        data: { startDate: calendarDate(startDate), endDate: calendarDate(endDates[index]), ...tiedTimestamps(index) },
      })
    }
    type Item = Awaited<ReturnType<typeof salesParis.trpc.mandates.list.query>>['items'][number]
    const sortKeys = {
      updatedAt: (item: Item) => item.updatedAt,
      startDate: (item: Item) => item.startDate,
      endDate: (item: Item) => item.endDate,
    }
    for (const sort of everySort(MANDATE_SORT_FIELDS)) {
      const items = await expectPagingInSortOrder(
        (page) => salesParis.trpc.mandates.list.query({ organisationId: supplier.id, sort, ...page }),
        { total: startDates.length, label: `${sort.field} ${sort.direction}`, direction: sort.direction, sortKey: sortKeys[sort.field] },
      )
      if (sort.field === 'startDate') expect(items.slice(-3).map((item) => item.startDate)).toEqual([null, null, null])
      if (sort.field === 'endDate') expect(items.slice(-4).map((item) => item.endDate)).toEqual([null, null, null, null])
    }
  })
})
