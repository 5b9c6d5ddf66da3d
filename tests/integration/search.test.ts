import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchKind, SearchQueryInput } from '../../src/shared/schemas/search.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { makeMandate, makeProduct, randomIsin } from '../support/factories-mandate.ts'
import { makeInteraction, makeLink, makePerson } from '../support/factories-person.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Global search (docs/search.md) against the real index: every matching rule, ranking, grouping,
// limits, team scoping, read-your-writes and bad input. Names use invented words that the demo
// data does not contain, so each assertion sees only this file's records.

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let salesLyon: TestClient
let viewerParis: TestClient
let managerParis: TestClient
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, salesLyon, viewerParis, managerParis, admin] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
    loginAs(server.url, 'admin@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const paris = () => demo.teams.paris
const lyon = () => demo.teams.lyon

async function find(client: TestClient, q: string, options: Omit<SearchQueryInput, 'q'> = {}) {
  return client.trpc.search.query.query({ q, ...options })
}

/** Titles of one kind's group, best first. */
async function titles(client: TestClient, q: string, kind: SearchKind = 'organisation', options: Omit<SearchQueryInput, 'q'> = {}) {
  const result = await find(client, q, options)
  return result.groups.find((group) => group.kind === kind)?.items.map((item) => item.title) ?? []
}

function organisation(name: string, teamId = paris(), extra: Record<string, unknown> = {}) {
  return makeOrganisation(server.deps.prisma, { teamId, name }).then((created) =>
    Object.keys(extra).length ? server.deps.prisma.organisation.update({ where: { id: created.id }, data: extra }) : created,
  )
}

describe('search matching', () => {
  it('is accent-insensitive both ways', async () => {
    await organisation('Société Générale Quirvalde')
    await organisation('Echiquier Brovannes')
    expect(await titles(salesParis, 'societe generale quirvalde')).toEqual(['Société Générale Quirvalde'])
    expect(await titles(salesParis, 'SOCIÉTÉ GÉNÉRALE QUIRVALDE')).toEqual(['Société Générale Quirvalde'])
    expect(await titles(salesParis, 'Échiquier Brovannes')).toEqual(['Echiquier Brovannes'])
  })

  it('takes the last word as a prefix, and finds words inside names', async () => {
    await organisation('Montpensier Zéphyrande')
    await organisation('BNP Paribas Orvelance')
    expect(await titles(salesParis, 'zephyrande montp')).toEqual(['Montpensier Zéphyrande'])
    expect(await titles(salesParis, 'zephyr')).toEqual(['Montpensier Zéphyrande'])
    expect(await titles(salesParis, 'orvelance')).toEqual(['BNP Paribas Orvelance'])
    expect(await titles(salesParis, 'paribas orvel')).toEqual(['BNP Paribas Orvelance'])
    // Only the last word is a prefix.
    expect(await titles(salesParis, 'orvel paribas')).toEqual([])
  })

  it('forgives one edit in words of 5+ letters: substitution, insertion, deletion, transposition', async () => {
    await organisation('Carvalhide Partenaires')
    for (const typo of ['carvalhode', 'carvaalhide', 'carvlhide', 'cavralhide', 'acrvalhide']) {
      expect(await titles(salesParis, `${typo} partenaires`), typo).toEqual(['Carvalhide Partenaires'])
    }
    const [item] = (await find(salesParis, 'cravalhide')).groups[0].items
    expect(item).toMatchObject({ title: 'Carvalhide Partenaires', match: 'typo' })
    expect(item.highlights).toEqual([[0, 10]])
  })

  it('finds transpositions of short words that trigram similarity alone misses', async () => {
    await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Odile', lastName: 'Vernoux' })
    expect(await titles(salesParis, 'odile vernuox', 'person')).toEqual(['Odile Vernoux'])
    expect(await titles(salesParis, 'oidle vernoux', 'person')).toEqual(['Odile Vernoux'])
  })

  it('forgives two edits from 9 letters, one from 5, a missing letter from 4', async () => {
    await organisation('Brandenvalle Conseil')
    await organisation('Quorg Conseil')
    expect(await titles(salesParis, 'brandanvale conseil')).toEqual(['Brandenvalle Conseil'])
    expect(await titles(salesParis, 'quorq conseil')).toEqual(['Quorg Conseil'])
    // A 4-letter word is completed by one letter, never changed into another 4-letter word.
    expect(await titles(salesParis, 'conseil qorg')).toEqual(['Quorg Conseil'])
    await organisation('Vard Conseil')
    expect(await titles(salesParis, 'vurd conseil')).toEqual([])
    await organisation('Tavernel Gestion')
    expect(await titles(salesParis, 'tvarenal gestion')).toEqual([])
  })

  it('finds e-mail local part and domain, phone digits in any format, and ISIN exact or prefix but never corrected', async () => {
    const person = await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Jeanne', lastName: 'Quintavalle', email: 'j.quintavalle@orvaldine.fr' })
    await server.deps.prisma.person.update({ where: { id: person.id }, data: { phone: '+33 1 47 12 98 76' } })
    expect(await titles(salesParis, 'quintavalle@orvaldine.fr', 'person')).toEqual(['Jeanne Quintavalle'])
    expect(await titles(salesParis, 'orvaldine', 'person')).toEqual(['Jeanne Quintavalle'])
    for (const phone of ['01 47 12 98 76', '0147129876', '+33147129876', '01.47.12', '33 1 47 12 98 76']) {
      expect(await titles(salesParis, phone, 'person'), phone).toEqual(['Jeanne Quintavalle'])
    }
    const isin = randomIsin('LU')
    await makeProduct(server.deps.prisma, { teamId: paris(), name: 'Fonds Ardéchois', isin })
    expect(await titles(salesParis, isin, 'product')).toEqual(['Fonds Ardéchois'])
    expect(await titles(salesParis, isin.slice(0, 7).toLowerCase(), 'product')).toContain('Fonds Ardéchois')
    const wrong = isin.slice(0, 5) + (isin[5] === 'Z' ? 'Y' : 'Z') + isin.slice(6)
    expect(await titles(salesParis, wrong, 'product')).toEqual([])
  })

  it('ignores word order for people', async () => {
    await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Cécile', lastName: 'Bénardeau' })
    expect(await titles(salesParis, 'Bénardeau Cécile', 'person')).toEqual(['Cécile Bénardeau'])
    expect(await titles(salesParis, 'benardeau cec', 'person')).toEqual(['Cécile Bénardeau'])
  })

  it('stems French free text: notes and interaction summaries', async () => {
    const organisation = await makeOrganisation(server.deps.prisma, { teamId: paris(), name: 'Cabinet Ulmefort' })
    await makeInteraction(server.deps.prisma, { teamId: paris(), organisationId: organisation.id, summary: 'Réunions trimestrielles Kalvadorienne' })
    expect(await titles(salesParis, 'réunion trimestrielle kalvadorienne', 'interaction')).toEqual(['Réunions trimestrielles Kalvadorienne'])
    const result = await find(salesParis, 'kalvadorienne')
    const [item] = result.groups.find((group) => group.kind === 'interaction')!.items
    expect(item.details).toMatchObject({ organisationId: organisation.id, organisationName: 'Cabinet Ulmefort', interactionKind: 'CALL' })
  })

  it('ignores tsquery and LIKE operators, and answers nothing for one letter or nothing', async () => {
    await organisation('Pellegrinaz Associés')
    for (const q of ['pellegrinaz & | ! ( ) : * <->', "pellegrinaz' OR 1=1 --", 'pellegrinaz%_\\', '🙂 pellegrinaz 🙂', 'pelle\u0000grinaz associes']) {
      const result = await find(salesParis, q)
      expect(result.groups.every((group) => group.items.every((item) => item.title.length > 0)), q).toBe(true)
    }
    expect(await titles(salesParis, 'pellegrinaz & | ! ( ) : * <->')).toEqual(['Pellegrinaz Associés'])
    for (const q of ['', '   ', 'a', '&', '%_\\', '🙂', '\u0000', '<->']) {
      expect(await find(salesParis, q), JSON.stringify(q)).toEqual({ groups: [] })
    }
    expect((await errorOf(find(salesParis, 'x'.repeat(5_000)))).data?.code).toBe('BAD_REQUEST')
    expect((await errorOf(find(salesParis, 'ok', { limit: 0 }))).data?.code).toBe('BAD_REQUEST')
    expect((await errorOf(find(salesParis, 'ok', { kinds: ['nope' as SearchKind] }))).data?.code).toBe('BAD_REQUEST')
  })
})

describe('search ranking', () => {
  it('puts exact and prefix matches above typo matches', async () => {
    await organisation('Dupond Valmorande')
    await organisation('Dupont Valmorande')
    const [first, second] = (await find(salesParis, 'dupont valmorande')).groups[0].items
    expect([first.title, first.match, second.title, second.match]).toEqual(['Dupont Valmorande', 'exact', 'Dupond Valmorande', 'typo'])
  })

  it('puts a name above an e-mail above notes', async () => {
    await organisation('Notes Sample', paris(), { notes: 'Rencontre avec Kestrelmont demain' })
    await organisation('Mail Sample', paris(), { email: 'contact@kestrelmont.fr' })
    await organisation('Kestrelmont Capital')
    expect(await titles(salesParis, 'kestrelmont')).toEqual(['Kestrelmont Capital', 'Mail Sample', 'Notes Sample'])
  })

  it('groups by kind in a fixed order, limits each group and pages with offset', async () => {
    for (let index = 1; index <= 7; index++) await organisation(`Lumivexa ${index}`)
    const person = await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Anne', lastName: 'Lumivexa' })
    const supplier = await organisation('Gestion Lumivexa', paris(), { type: 'SUPPLIER' })
    await makeLink(server.deps.prisma, { personId: person.id, organisationId: supplier.id, isPrimary: true })
    await makeMandate(server.deps.prisma, { teamId: paris(), organisationId: supplier.id, reference: 'MDT-LUMIVEXA' })
    await makeProduct(server.deps.prisma, { teamId: paris(), name: 'Lumivexa Actions Europe' })

    const all = await find(salesParis, 'lumivexa')
    expect(all.groups.map((group) => [group.kind, group.items.length, group.hasMore])).toEqual([
      ['organisation', 5, true],
      ['person', 1, false],
      ['mandate', 1, false],
      ['product', 1, false],
    ])
    const [anne] = all.groups[1].items
    expect(anne).toMatchObject({ title: 'Anne Lumivexa', details: { organisationName: 'Gestion Lumivexa' } })
    expect(anne.subtitle).toContain('Gestion Lumivexa')

    const page1 = await find(salesParis, 'lumivexa', { kinds: ['organisation'], limit: 5 })
    const page2 = await find(salesParis, 'lumivexa', { kinds: ['organisation'], limit: 5, offset: 5 })
    expect(page1.groups.map((group) => group.kind)).toEqual(['organisation'])
    expect(page2.groups[0]).toMatchObject({ hasMore: false })
    const seen = [...page1.groups[0].items, ...page2.groups[0].items].map((item) => item.title)
    expect(seen).toHaveLength(8)
    expect(new Set(seen).size).toBe(8)
  })
})

describe('search scoping', () => {
  it("never shows Lyon's records to Paris, even by exact name or through a typo", async () => {
    const lyonOrganisation = await organisation('Tarvenolle Lyonnaise', lyon())
    await makePerson(server.deps.prisma, { teamId: lyon(), firstName: 'Hortense', lastName: 'Tarvenolle' })
    for (const client of [salesParis, viewerParis, managerParis]) {
      expect(await find(client, 'Tarvenolle Lyonnaise')).toEqual({ groups: [] })
      expect(await find(client, 'tarvenole')).toEqual({ groups: [] })
    }
    expect(await titles(salesLyon, 'Tarvenolle Lyonnaise')).toEqual(['Tarvenolle Lyonnaise'])
    expect(await titles(admin, 'tarvenolle', 'person')).toEqual(['Hortense Tarvenolle'])
    expect((await errorOf(salesParis.trpc.search.visit.mutate({ kind: 'organisation', id: lyonOrganisation.id }))).data?.code).toBe('NOT_FOUND')
  })

  it('keeps the scope and the answers once PostgreSQL reuses a generic plan of the prepared search', async () => {
    await organisation('Quenouvelle Parisienne', paris())
    await organisation('Quenouvelle Lyonnaise', lyon())
    // The same statement text for every query of one scope: from its sixth run on a connection, the plan is generic.
    for (let run = 0; run < 12; run++) {
      expect(await titles(salesParis, run % 2 ? 'quenouvelle' : 'quenouvele')).toEqual(['Quenouvelle Parisienne'])
      expect(await titles(salesLyon, run % 2 ? 'quenouvelle lyon' : 'quenouvelle')).toEqual(['Quenouvelle Lyonnaise'])
    }
    expect(await titles(admin, 'quenouvelle')).toEqual(['Quenouvelle Lyonnaise', 'Quenouvelle Parisienne'])
  })

  it('does not name an organisation of another team in a subtitle', async () => {
    const lyonOrganisation = await organisation('Orvandeau Lyon', lyon())
    const person = await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Paul', lastName: 'Brisquetaine' })
    await makeLink(server.deps.prisma, { personId: person.id, organisationId: lyonOrganisation.id, isPrimary: true })
    const [item] = (await find(salesParis, 'brisquetaine')).groups[0].items
    expect(item.details.organisationName).toBeNull()
    expect(JSON.stringify(item)).not.toContain('Orvandeau')
  })
})

describe('search freshness', () => {
  it('finds a record created, renamed or deleted through the API on the very next search', async () => {
    const created = await salesParis.trpc.organisations.create.mutate({ name: 'Virelangue Patrimoine', type: 'INVESTOR' })
    expect(await titles(salesParis, 'virelangue')).toEqual(['Virelangue Patrimoine'])
    expect(await titles(salesParis, 'virelanuge')).toEqual(['Virelangue Patrimoine'])

    await salesParis.trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { name: 'Ondelière Patrimoine' } })
    expect(await titles(salesParis, 'virelangue')).toEqual([])
    expect(await titles(salesParis, 'patrimoine onde')).toEqual(['Ondelière Patrimoine'])

    await managerParis.trpc.organisations.delete.mutate({ id: created.id })
    expect(await titles(salesParis, 'ondeliere')).toEqual([])
  })

  it("re-indexes a supplier's mandates when the supplier is renamed", async () => {
    const supplier = await organisation('Gestion Fravolini', paris(), { type: 'SUPPLIER' })
    await makeMandate(server.deps.prisma, { teamId: paris(), organisationId: supplier.id, reference: 'MDT-0042' })
    expect(await titles(salesParis, 'fravolini', 'mandate')).toEqual(['MDT-0042'])
    await server.deps.prisma.organisation.update({ where: { id: supplier.id }, data: { name: 'Gestion Albrecourt' } })
    expect(await titles(salesParis, 'fravolini', 'mandate')).toEqual([])
    expect(await titles(salesParis, 'albrecourt', 'mandate')).toEqual(['MDT-0042'])
  })

  it('finds people created through the API with their organisation in the subtitle', async () => {
    const organisation = await salesParis.trpc.organisations.create.mutate({ name: 'Maison Grendovel', type: 'PARTNER', city: 'Nantes' })
    await salesParis.trpc.people.create.mutate({
      firstName: 'Éloïse',
      lastName: 'Castagnède',
      links: [{ organisationId: organisation.id, isPrimary: true, jobTitle: 'Directrice financière' }],
    })
    const [item] = (await find(salesParis, 'eloise castagnede')).groups.find((group) => group.kind === 'person')!.items
    expect(item).toMatchObject({ title: 'Éloïse Castagnède', details: { organisationName: 'Maison Grendovel', jobTitle: 'Directrice financière' } })
    expect(item.highlights).toEqual([[0, 6], [7, 17]])
    const [org] = (await find(salesParis, 'grendovel')).groups[0].items
    expect(org.details).toMatchObject({ city: 'Nantes', stage: 'PROSPECT' })
  })
})

describe('recent items', () => {
  it('lists the records the user opened, newest first, without those deleted since', async () => {
    const first = await organisation('Recent Alpha Quenelier')
    const second = await makePerson(server.deps.prisma, { teamId: paris(), firstName: 'Rémi', lastName: 'Quenelier' })
    const client = await loginAs(server.url, 'sales.paris@demo.test')
    await client.trpc.search.visit.mutate({ kind: 'organisation', id: first.id })
    await client.trpc.search.visit.mutate({ kind: 'person', id: second.id })
    await client.trpc.search.visit.mutate({ kind: 'organisation', id: first.id })
    const recent = await client.trpc.search.recent.query({ limit: 8 })
    expect(recent.slice(0, 2).map((item) => [item.kind, item.title])).toEqual([
      ['organisation', 'Recent Alpha Quenelier'],
      ['person', 'Rémi Quenelier'],
    ])
    await server.deps.prisma.organisation.delete({ where: { id: first.id } })
    expect((await client.trpc.search.recent.query({ limit: 8 })).map((item) => item.title)).not.toContain('Recent Alpha Quenelier')
  })
})
