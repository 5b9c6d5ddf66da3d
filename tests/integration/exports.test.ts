import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OrganisationListInput } from '../../src/shared/schemas/organisation.ts'
import type { Cache } from '../../src/server/infra/cache.ts'
import type { Viewer } from '../../src/server/features/auth/auth.service.ts'
import { csvField, writeCsv } from '../../src/server/features/export/export.csv.ts'
import { prepareExport } from '../../src/server/features/export/export.service.ts'
import { arrayRowsReader } from '../../src/server/features/export/export.sql.ts'
import type { ExportColumn } from '../../src/server/features/export/export.definitions.ts'
import { parisWallClock } from '../../src/server/features/export/export.format.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { download, readPdf, readXlsx } from '../support/exports.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let users: DemoUsers
let salesParis: TestClient
let salesLyon: TestClient
let viewerParis: TestClient
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  users = await demoUsers(server.deps.prisma)
  ;[salesParis, salesLyon, viewerParis, admin] = await Promise.all([
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
    loginAs(server.url, 'viewer.paris@demo.test'),
    loginAs(server.url, 'admin@demo.test'),
  ])
  // Four sign-ins (argon2) on a fresh seeded database: slow on a busy shared machine.
}, 240_000)
afterAll(async () => {
  await server?.stop()
})

/** Every row of the list for these filters, through the API, in the list's order. */
async function listAll(client: TestClient, input: Omit<OrganisationListInput, 'cursor' | 'limit'>) {
  const items = []
  let cursor: string | null = null
  do {
    const page = await client.trpc.organisations.list.query({ ...input, cursor, limit: 200 })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

function parseCsv(body: Buffer, delimiter: string): string[][] {
  return parse(body, { bom: true, delimiter, relax_column_count: false })
}

/** A team of its own holding `count` organisations (written in one statement). */
async function teamWithOrganisations(count: number) {
  const team = await server.deps.prisma.team.create({ data: { name: unique('Cap') } })
  await server.deps.prisma.organisation.createMany({
    data: Array.from({ length: count }, (_, index) => ({ name: `Cap ${index}`, normalizedName: `cap ${index}`, type: 'INVESTOR' as const, teamId: team.id })),
  })
  return team
}

const FILTERS = { stage: ['PROSPECT', 'QUALIFIED', 'WON'], sort: { field: 'name', direction: 'asc' } } satisfies Omit<OrganisationListInput, 'cursor'>

describe('CSV export', () => {
  it('exports exactly the list for the same filters and sort, with names, in both delimiters', async () => {
    const expected = await listAll(salesParis, FILTERS)
    expect(expected.length).toBeGreaterThan(3)
    for (const delimiter of [';', ','] as const) {
      const file = await download(server.url, salesParis, 'organisations', 'csv', { filters: FILTERS, delimiter })
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(file.headers.get('x-content-type-options')).toBe('nosniff')
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="organisations-\d{4}-\d{2}-\d{2}\.csv"/)
      expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const [header, ...rows] = parseCsv(file.body, delimiter)
      expect(header.slice(0, 6)).toEqual(['Nom', 'Type', 'Catégorie', 'Étape', 'Potentiel (€)', 'Responsable'])
      expect(rows.map((row) => row[0])).toEqual(expected.map((item) => item.name.replace(/^[=+\-@\t\r]/, "'$&")))
      const owners = rows.map((row) => row[5])
      expect(owners).toEqual(expected.map((item) => item.owner?.name ?? ''))
      expect(rows.map((row) => row[6])).toEqual(expected.map(() => 'Paris'))
      const amountIndex = 4
      const withAmount = expected.findIndex((item) => item.potentialAmount !== null)
      expect(Number(rows[withAmount][amountIndex].replace(',', '.'))).toBe(expected[withAmount].potentialAmount)
      // French dates for a French user.
      expect(rows[0][15]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    }
  })

  it('writes ISO dates for an English-speaking user', async () => {
    const english = await loginAs(server.url, 'manager.paris@demo.test')
    await english.trpc.auth.updatePreferences.mutate({ language: 'en' })
    const file = await download(server.url, english, 'organisations', 'csv', { filters: FILTERS, delimiter: ',' })
    const [header, first] = parseCsv(file.body, ',')
    expect(header[0]).toBe('Name')
    expect(first[15]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await english.trpc.auth.updatePreferences.mutate({ language: 'fr' })
  })

  it('neutralises formula injection in text cells, and keeps numbers and RFC 4180 quoting intact', async () => {
    const tag = unique('inj').replace(' ', '-')
    const names = ['=HYPERLINK("http://evil.test","x")', '+33 cmd', '-2+3', '@SUM(A1)', '\tTab', '\rReturn', 'Virgule, point; "guillemets"\nligne']
    // Written directly: the API trims names, an import or an old record may not have.
    for (const name of names) await makeOrganisation(server.deps.prisma, { teamId: users.teams.paris, name, potentialAmount: 1234567 })
    await server.deps.prisma.organisation.updateMany({ where: { name: { in: names } }, data: { tags: [tag] } })
    for (const delimiter of [';', ','] as const) {
      const file = await download(server.url, salesParis, 'organisations', 'csv', { filters: { tags: [tag], sort: { field: 'createdAt', direction: 'asc' } }, delimiter })
      const rows = parseCsv(file.body, delimiter).slice(1)
      expect(rows.map((row) => row[0])).toEqual([
        `'=HYPERLINK("http://evil.test","x")`,
        "'+33 cmd",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        "'\rReturn",
        'Virgule, point; "guillemets"\nligne',
      ])
      expect(rows.every((row) => row[4] === '1234567')).toBe(true)
    }
    // A negative number in a number column stays a number; the same text in a text column is neutralised.
    const numberColumn = { key: 'potentialAmount', kind: 'currency', width: 10, value: () => -1500.5 } as ExportColumn<unknown>
    const textColumn = { key: 'name', kind: 'text', width: 10, value: () => '-1500' } as ExportColumn<unknown>
    expect(csvField(-1500.5, numberColumn, ';', 'fr')).toBe('-1500,5')
    expect(csvField(-1500.5, numberColumn, ',', 'fr')).toBe('-1500.5')
    expect(csvField('-1500', textColumn, ';', 'fr')).toBe("'-1500")
    expect(csvField('\0null', textColumn, ';', 'fr')).toBe("'\0null")
  })
})

describe('batch reads on the bare read pool', () => {
  /** The CSV as the service writes it for this viewer, through the read pool's SQL or the list's Prisma query. */
  async function csvOf(viewer: Viewer, filters: Record<string, unknown>, through: 'sql' | 'prisma') {
    const ctx = {
      prisma: server.deps.prisma,
      ...(through === 'sql' ? { sql: server.deps.sql } : {}),
      cache: { get: async () => null, set: async () => undefined } as unknown as Cache,
      viewer,
    }
    const prepared = await prepareExport(ctx, { entity: 'organisations', format: 'csv', filters, delimiter: ';' }, new AbortController().signal)
    let text = ''
    await writeCsv(prepared.run, { write: async (chunk) => void (text += chunk) }, ';')
    return text
  }

  it('writes the same organisations in the same order as the list’s Prisma query, across batches and ties', async () => {
    expect(arrayRowsReader(server.deps.sql)).not.toBeNull()
    const team = await server.deps.prisma.team.create({ data: { name: unique('Lot') } })
    const tag = unique('lot')
    const owner = users.byEmail.get('sales.paris@demo.test')!.id
    const stages = ['PROSPECT', 'QUALIFIED', 'WON', 'LOST'] as const
    const types = ['INVESTOR', 'DISTRIBUTOR', 'PARTNER'] as const
    // 4,500 rows: sort values shared by a thousand rows at a time, so ties straddle the 2,000-row batches.
    await server.deps.prisma.organisation.createMany({
      data: Array.from({ length: 4_500 }, (_, index) => ({
        name: `Lot ${index % 700}`,
        normalizedName: `lot ${index % 700}`,
        type: types[index % 3],
        stage: stages[index % 4],
        isActive: index % 5 !== 0,
        tags: index % 2 ? [tag, 'b'] : [tag],
        ownerId: index % 3 ? owner : null,
        teamId: team.id,
        createdAt: new Date(Date.UTC(2026, 2, 29, 0, Math.floor(index / 1_000))),
        updatedAt: new Date(Date.UTC(2026, 9, 25, 1, 30, Math.floor(index / 1_000), 123)),
      })),
    })
    const base: Viewer = { id: owner, email: 'x@demo.test', name: 'X', role: 'ADMIN', teamId: null, teamName: null, theme: 'light', language: 'fr', avatarColor: null }
    const viewers: Viewer[] = [base, { ...base, role: 'SALES', teamId: team.id }, { ...base, role: 'SALES', teamId: users.teams.lyon }]
    const cases: Array<Record<string, unknown>> = [
      { teamId: team.id },
      { tags: [tag], sort: { field: 'updatedAt', direction: 'asc' } },
      { tags: [tag, 'b'], stage: ['WON', 'LOST'], sort: { field: 'name', direction: 'asc' } },
      { teamId: team.id, type: ['PARTNER'], isActive: true, sort: { field: 'createdAt', direction: 'desc' } },
      { teamId: team.id, ownerId: owner, sort: { field: 'stage', direction: 'desc' } },
      { teamId: team.id, sort: { field: 'type', direction: 'asc' } },
    ]
    for (const viewer of viewers) {
      for (const filters of cases) {
        const prisma = await csvOf(viewer, filters, 'prisma')
        expect(await csvOf(viewer, filters, 'sql'), `${viewer.role} ${viewer.teamId} ${JSON.stringify(filters)}`).toBe(prisma)
      }
    }
    // Not an empty comparison: the team's own viewer gets every row.
    expect((await csvOf(viewers[1], { teamId: team.id }, 'sql')).split('\r\n').length).toBe(4_500 + 2)
  }, 120_000)
})

describe('scope', () => {
  it('never puts another team’s rows in an export (Lyon never in Paris’s), whatever the filters ask', async () => {
    const paris = await makeOrganisation(server.deps.prisma, { teamId: users.teams.paris, name: unique('Secret Paris') })
    const lyon = await makeOrganisation(server.deps.prisma, { teamId: users.teams.lyon, name: unique('Secret Lyon') })
    const parisFile = (await download(server.url, salesParis, 'organisations', 'csv')).body.toString()
    const viewerFile = (await download(server.url, viewerParis, 'organisations', 'csv')).body.toString()
    const lyonFile = (await download(server.url, salesLyon, 'organisations', 'csv')).body.toString()
    expect(parisFile).toContain(paris.name)
    expect(viewerFile).toContain(paris.name)
    expect(parisFile).not.toContain(lyon.name)
    expect(viewerFile).not.toContain(lyon.name)
    expect(lyonFile).toContain(lyon.name)
    expect(lyonFile).not.toContain(paris.name)
    expect(parseCsv(Buffer.from(parisFile), ';').slice(1).every((row) => row[6] === 'Paris')).toBe(true)
    // Asking for Lyon's team from Paris gives nothing, not Lyon's rows.
    const asked = await download(server.url, salesParis, 'organisations', 'csv', { filters: { teamId: users.teams.lyon } })
    expect(parseCsv(asked.body, ';')).toHaveLength(1)
    const adminFile = (await download(server.url, admin, 'organisations', 'csv', { filters: { q: 'Secret' } })).body.toString()
    expect(adminFile).toContain(paris.name)
    expect(adminFile).toContain(lyon.name)
  })

  it('exports every list with related records by name, scoped to the team', async () => {
    for (const entity of ['people', 'mandates', 'products', 'tasks', 'interactions']) {
      const paris = await download(server.url, salesParis, entity, 'csv')
      expect(paris.status, entity).toBe(200)
      const rows = parseCsv(paris.body, ';')
      expect(rows.length, entity).toBeGreaterThan(1)
      const teamColumn = rows[0].indexOf('Équipe')
      expect(rows.slice(1).every((row) => row[teamColumn] === 'Paris'), entity).toBe(true)
      // No ids where a name belongs.
      expect(paris.body.toString(), entity).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)
    }
    const mandates = parseCsv((await download(server.url, salesParis, 'mandates', 'csv')).body, ';')
    const api = await salesParis.trpc.mandates.list.query({ limit: 200 })
    expect(mandates.length - 1).toBe(api.total)
    expect(mandates.slice(1, 4).map((row) => row[1])).toEqual(api.items.slice(0, 3).map((item) => item.organisation.name))
  })
})

describe('Excel export', () => {
  it('writes a styled, frozen, filtered data sheet with real cells and a Pipeline sheet with a bar chart', async () => {
    const expected = await listAll(salesParis, FILTERS)
    const file = await download(server.url, salesParis, 'organisations', 'xlsx', { filters: FILTERS })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(file.headers.get('content-disposition')).toMatch(/filename="organisations-\d{4}-\d{2}-\d{2}\.xlsx"/)
    const book = await readXlsx(file.body)
    expect(book.properties.title).toBe('Organisations')
    expect(book.properties.creator).toBeTruthy()
    const [data, pipeline] = book.sheets
    expect(book.sheets.map((sheet) => sheet.title)).toEqual(['Organisations', 'Pipeline'])
    expect(data.freeze).toBe('A2')
    expect(data.autoFilter).toBe(`A1:P${expected.length + 1}`)
    expect(data.headerBold).toBe(true)
    expect(data.headerFill).toBe('FF1E3A8A')
    expect(data.widths.A).toBeGreaterThan(20)
    expect(data.rows[0].slice(0, 5)).toEqual(['Nom', 'Type', 'Catégorie', 'Étape', 'Potentiel (€)'])
    // Line breaks as spreadsheets store them (LF); characters XML cannot carry are dropped.
    const asCell = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    expect(data.rows.slice(1).map((row) => row[0])).toEqual(expected.map((item) => asCell(item.name)))
    const amounts = data.rows.slice(1).map((row) => row[4])
    expect(amounts).toEqual(expected.map((item) => item.potentialAmount))
    expect(data.formats[0][4]).toContain('€')
    expect(data.formats[0][15]).toBe('dd/mm/yyyy hh:mm')
    // A real date cell, not text.
    expect(data.rows[1][15]).toMatchObject({ date: expect.any(String) })
    expect(data.types[1][15]).toBe('d')

    expect(pipeline.freeze).toBe('A2')
    expect(pipeline.rows[0]).toEqual(['Étape', 'Nombre', 'Montant (€)', 'Montant pondéré (€)'])
    const byStage = Object.fromEntries(pipeline.rows.slice(1, 7).map((row) => [row[0], row]))
    const won = expected.filter((item) => item.stage === 'WON')
    const wonAmount = won.reduce((sum, item) => sum + (item.potentialAmount ?? 0), 0)
    expect(byStage['Gagné']).toEqual(['Gagné', won.length, wonAmount, wonAmount])
    expect(byStage['Perdu']).toEqual(['Perdu', 0, 0, 0])
    expect(pipeline.rows[7]).toEqual(['Total', expected.length, expect.any(Number), expect.any(Number)])
    expect(pipeline.charts).toEqual([
      {
        type: 'barChart',
        barDir: 'col',
        series: ["'Pipeline'!$C$2:$C$7", "'Pipeline'!$D$2:$D$7"],
        categories: ["'Pipeline'!$A$2:$A$7", "'Pipeline'!$A$2:$A$7"],
      },
    ])
  })

  it('keeps text as text (formula-like too), numbers and dates as typed cells, and special characters as written', async () => {
    const tag = unique('xl').replace(' ', '-')
    const names = [
      '=HYPERLINK("http://evil.test","x")',
      'Contrôle\u0001\u001f\u000b dans\r\nle nom',
      `A & B <c> "q" 's' ]]>`,
      '  espaces autour  ',
      'Ünïcødé € 😀 – ’',
    ]
    const created = []
    for (const [index, name] of names.entries()) {
      created.push(await makeOrganisation(server.deps.prisma, { teamId: users.teams.paris, name, potentialAmount: index === 1 ? -1500.5 : 1234567 }))
    }
    await server.deps.prisma.organisation.updateMany({ where: { id: { in: created.map((item) => item.id) } }, data: { tags: [tag] } })
    const file = await download(server.url, salesParis, 'organisations', 'xlsx', { filters: { tags: [tag], sort: { field: 'createdAt', direction: 'asc' } } })
    const [data] = (await readXlsx(file.body)).sheets
    // Characters XML cannot carry are dropped, CRLF becomes LF; the rest round-trips, spaces included.
    expect(data.rows.slice(1).map((row) => row[0])).toEqual([
      '=HYPERLINK("http://evil.test","x")',
      'Contrôle dans\nle nom',
      `A & B <c> "q" 's' ]]>`,
      '  espaces autour  ',
      'Ünïcødé € 😀 – ’',
    ])
    // A text cell is never run as a formula: the formula-like name stays text, unprefixed.
    expect(data.types[1][0]).toBe('s')
    expect(data.types[2][4]).toBe('n')
    expect(data.rows[2][4]).toBe(-1500.5)
    expect(data.types[1][15]).toBe('d')
    // The moment as Paris shows it (spreadsheets have no time zone).
    const createdAt = new Date(`${(data.rows[1][15] as { date: string }).date}Z`)
    expect(Math.abs(createdAt.getTime() - parisWallClock(created[0].createdAt).getTime())).toBeLessThan(1000)
  })

  it('exports the other lists to Excel with a count chart', async () => {
    const file = await download(server.url, salesParis, 'tasks', 'xlsx', { filters: { view: 'team' } })
    const book = await readXlsx(file.body)
    expect(book.sheets[1].rows[0]).toEqual(['Statut', 'Nombre'])
    expect(book.sheets[1].charts[0].series).toEqual(["'Pipeline'!$B$2:$B$5"])
  })
})

describe('PDF report', () => {
  it('has the title, who and when, the filters, a summary by stage, the table and "Page X sur Y"', async () => {
    const tag = unique('pdf').replace(' ', '-')
    for (let index = 0; index < 120; index++) {
      await makeOrganisation(server.deps.prisma, {
        teamId: users.teams.paris,
        name: `Société Générale d’Épargne ${String(index).padStart(3, '0')} ${tag}`,
        stage: index % 2 ? 'WON' : 'PROPOSAL',
        potentialAmount: 1_234_567,
      })
    }
    await server.deps.prisma.organisation.updateMany({ where: { name: { contains: tag } }, data: { tags: [tag] } })
    const filters = { tags: [tag], stage: ['WON', 'PROPOSAL'], sort: { field: 'name', direction: 'asc' } }
    const file = await download(server.url, salesParis, 'organisations', 'pdf', { filters })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    const { text, pages } = await readPdf(file.body)
    expect(pages).toBeGreaterThan(1)
    expect(text).toContain('Organisations')
    expect(text).toMatch(/Généré par .+ le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    expect(text).toContain(`Étiquettes : ${tag}`)
    expect(text).toContain('Étape : Gagné, Proposition')
    expect(text).toContain('Synthèse')
    expect(text).toContain('Montant pondéré (€)')
    // 60 won × 1 234 567 €, French grouping that renders.
    expect(text).toContain('74 074 020 €')
    expect(text).toContain('1 234 567 €')
    expect(text).toContain('Société Générale d’Épargne 000')
    expect(text).toContain('Société Générale d’Épargne 119')
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} sur ${pages}`)
    // The header repeats on every page.
    expect(text.split('\f').filter((pageText) => /Nom\s+Type\s+Étape/.test(pageText)).length).toBe(pages)
  })

  it('refuses more rows than the documented cap with a message pointing to Excel', async () => {
    const team = await teamWithOrganisations(10_001)
    const refused = await download(server.url, admin, 'organisations', 'pdf', { filters: { teamId: team.id } })
    expect(refused.status).toBe(413)
    const body = JSON.parse(refused.body.toString())
    expect(body.error).toMatch(/10 000 lignes.*Excel/)
    expect(body.details).toMatchObject({ code: 'PDF_ROW_LIMIT', limit: 10_000, total: 10_001 })
  })
})

describe('event log, progress and cancelling', () => {
  it('records who exported what, with which filters and how many rows, visible in the team’s export history', async () => {
    const progressId = randomUUID()
    const file = await download(server.url, salesParis, 'organisations', 'csv', { filters: FILTERS, progressId })
    const rows = parseCsv(file.body, ';').length - 1
    const event = await server.deps.prisma.domainEvent.findFirst({ where: { type: 'export.created' }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({
      entity: 'export',
      teamId: users.teams.paris,
      actorId: users.byEmail.get('sales.paris@demo.test')!.id,
      payload: { list: 'organisations', format: 'csv', delimiter: ';', filters: FILTERS, rowCount: rows, status: 'completed' },
    })
    expect(await salesParis.trpc.exports.progress.query({ progressId })).toEqual({ done: rows, total: rows, status: 'completed' })
    // Someone else's progress id tells nothing.
    expect(await salesLyon.trpc.exports.progress.query({ progressId })).toBeNull()
    const manager = await loginAs(server.url, 'manager.paris@demo.test')
    const history = await manager.trpc.exports.history.query({ limit: 5 })
    expect(history[0]).toMatchObject({ list: 'organisations', format: 'csv', rowCount: rows, status: 'completed' })
    expect(history[0].filters).toEqual([
      ['Étape', 'Prospect, Qualifié, Gagné'],
    ])
    const lyonHistory = await salesLyon.trpc.exports.history.query({ limit: 100 })
    expect(lyonHistory.some((entry) => entry.id === history[0].id)).toBe(false)
  })

  it('stops reading rows when the download is cancelled', async () => {
    // More CSV than the loopback's socket buffers hold (~23 MB): while the client does not read, the
    // server waits on backpressure and cannot finish, so the cancel always arrives mid-export.
    const team = await server.deps.prisma.team.create({ data: { name: unique('Cancel') } })
    const total = 50_000
    await server.deps.prisma.$executeRawUnsafe(
      `INSERT INTO "Organisation" (id, name, "normalizedName", type, "teamId", "updatedAt")
       SELECT gen_random_uuid(), 'Annulation ' || n || ' ' || repeat('x', 450), 'annulation ' || n, 'INVESTOR', $1::uuid, now()
       FROM generate_series(1, ${total}) AS n`,
      team.id,
    )
    const progressId = randomUUID()
    const url = new URL(`${server.url}/api/exports/organisations.csv`)
    url.searchParams.set('filters', JSON.stringify({ teamId: team.id }))
    url.searchParams.set('progressId', progressId)
    const request = http.get(url, { headers: { cookie: admin.jar.header() } })
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => request.once('response', resolve).once('error', reject))
    expect(response.statusCode).toBe(200)
    // Read one chunk, then stop reading: the export progresses, then stalls on backpressure.
    await new Promise((resolve) => response.once('data', resolve))
    response.pause()
    let before = -1
    for (let attempt = 0; attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const progress = await admin.trpc.exports.progress.query({ progressId })
      if (progress && progress.done > 0 && progress.done === before) break
      before = progress?.done ?? -1
    }
    expect(before).toBeGreaterThan(0)
    expect(before).toBeLessThan(total)
    request.destroy()

    let event
    for (let attempt = 0; attempt < 150 && !event; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      event = await server.deps.prisma.domainEvent.findFirst({
        where: { type: 'export.created', payload: { path: ['filters', 'teamId'], equals: team.id } },
      })
    }
    expect(event?.payload).toMatchObject({ status: 'cancelled', total })
    expect((event?.payload as { rowCount: number }).rowCount).toBeLessThan(total)
    expect(await admin.trpc.exports.progress.query({ progressId })).toMatchObject({ status: 'cancelled' })
  })
})

describe('bad input', () => {
  it('answers 4xx with a reason, never a file or a 500', async () => {
    const cases: Array<[string, string, Parameters<typeof download>[4], number]> = [
      ['organisations', 'docx', {}, 400],
      ['unicorns', 'csv', {}, 404],
      ['organisations', 'csv', { filters: '{not json' }, 400],
      ['organisations', 'csv', { filters: '[1,2]' }, 400],
      ['organisations', 'csv', { filters: { stage: ['ALIEN'] } }, 400],
      ['organisations', 'csv', { filters: { ownerId: 'not-a-uuid' } }, 400],
      ['organisations', 'csv', { filters: { sort: { field: 'password', direction: 'asc' } } }, 400],
      ['tasks', 'csv', { filters: { view: 'everything' } }, 400],
      ['interactions', 'xlsx', { filters: { from: 'yesterday' } }, 400],
      ['organisations', 'csv', { delimiter: '|' }, 400],
      ['organisations', 'csv', { progressId: 'nope' }, 400],
    ]
    for (const [entity, format, query, status] of cases) {
      const response = await download(server.url, salesParis, entity, format, query)
      expect(response.status, `${entity}.${format} ${JSON.stringify(query)}`).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(JSON.parse(response.body.toString()).error).toBeTruthy()
    }
    const invalid = JSON.parse((await download(server.url, salesParis, 'organisations', 'csv', { filters: { stage: ['ALIEN'] } })).body.toString())
    expect(invalid.fieldErrors).toHaveProperty('stage')
  })

  it('requires a session or token, and refuses a cross-site request carrying the cookie', async () => {
    expect((await download(server.url, null, 'organisations', 'csv')).status).toBe(401)
    expect((await download(server.url, salesParis, 'organisations', 'csv', {}, { origin: 'https://evil.test' })).status).toBe(403)
    expect((await download(server.url, salesParis, 'organisations', 'csv', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
  })

  it('lets an integrator export with an API token', async () => {
    const created = await salesParis.trpc.apiTokens.create.mutate({ name: unique('export script'), scope: 'READ' })
    const file = await download(server.url, null, 'organisations', 'csv', { filters: FILTERS }, { authorization: `Bearer ${created.token}` })
    expect(file.status).toBe(200)
    expect(parseCsv(file.body, ';').length).toBeGreaterThan(1)
  })
})
