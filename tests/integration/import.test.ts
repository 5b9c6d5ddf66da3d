import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { makeLink, makePerson } from '../support/factories-person.ts'
import { settled, upload, utf8BomCsv, windows1252Csv, workbook, zipBomb } from '../support/import-fixtures.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { addJob } from '../../src/server/jobs/queue.ts'
import { PURGE_IMPORTS_JOB, UNSTARTED_IMPORT_RETENTION_MS } from '../../src/server/features/import/import.service.ts'

// Imports end to end through the upload endpoint and the typed client, on a real database: files,
// the dry run's exact report, duplicates by each rule and policy, all-or-nothing runs, undo, scope.

let server: TestServer
let demo: DemoUsers
let sales: TestClient
let admin: TestClient
let viewer: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  sales = await loginAs(server.url, 'sales.paris@demo.test')
  admin = await loginAs(server.url, 'admin@demo.test')
  viewer = await loginAs(server.url, 'viewer.paris@demo.test')
})
afterAll(async () => {
  await server?.stop()
})

const FRENCH_HEADER = 'Raison sociale;Type;Étape;Montant potentiel;E-mail;Tél.;Ville;Code postal;Pays;Actif;Prénom;Nom;Fonction;Propriétaire'

function frenchFile(tag: string): Buffer {
  return windows1252Csv([
    FRENCH_HEADER,
    `Société Générale Épargne ${tag};Investisseur;Prospect;1 250 000,50 €;jean.dupont@${tag}.test;01 23 45 67 89;Paris;75008;France;oui;Jean;Dupont;Directeur financier;sales.paris@demo.test`,
    `Crédit Mutuel Œuvres ${tag};Fournisseur;Négociation;2.500.000;;;Lyon;69002;FR;non;;;;`,
    `Société Générale Épargne ${tag};;;;francoise.lefevre@${tag}.test;;;;;;Françoise;Lefèvre;Gérante d’actifs;`,
    `Banque ${tag};Banquier;;abc;;;;;;;;;;`,
    `;;;;mauvais-email;;;;;;Paul;;;`,
    `Crédit Mutuel Œuvres ${tag};Partenaire;;;;;;;;;;;;`,
    `Fonds Éthique ${tag};Distributeur;Gagné;12 k€;;;;;;;;;;inconnu@nulle-part.test`,
  ])
}

async function uploadAndMap(client: TestClient, fileName: string, data: Buffer, teamId?: string) {
  const uploaded = await upload(server.url, client, fileName, data, teamId)
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
  const preview = await client.trpc.imports.preview.query({ id: uploaded.body.id })
  return { id: uploaded.body.id as string, preview }
}

async function importFile(client: TestClient, fileName: string, data: Buffer, policy: 'skip' | 'update' | 'create' = 'skip', teamId?: string) {
  const { id, preview } = await uploadAndMap(client, fileName, data, teamId)
  const report = await client.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: policy })
  await client.trpc.imports.start.mutate({ id })
  const done = await settled(client, id)
  return { id, report, done }
}

describe('files', () => {
  it('reads a Windows-1252 file with semicolons and French headers, and maps the columns', async () => {
    const { preview } = await uploadAndMap(sales, 'export-excel.csv', frenchFile('zeta'))
    expect(preview.encoding).toBe('windows-1252')
    expect(preview.delimiter).toBe(';')
    expect(preview.totalRows).toBe(7)
    expect(preview.mapping).toEqual({
      'Raison sociale': 'organisation.name',
      Type: 'organisation.type',
      Étape: 'organisation.stage',
      'Montant potentiel': 'organisation.potentialAmount',
      'E-mail': 'person.email',
      'Tél.': 'person.phone',
      Ville: 'organisation.city',
      'Code postal': 'organisation.postalCode',
      Pays: 'organisation.country',
      Actif: 'organisation.isActive',
      Prénom: 'person.firstName',
      Nom: 'person.lastName',
      Fonction: 'person.jobTitle',
      Propriétaire: 'owner.email',
    })
    expect(preview.rows[0]).toContain('Société Générale Épargne zeta')
    expect(preview.rows[0]).toContain('1 250 000,50 €')
    expect(preview.rows[2]).toContain('Gérante d’actifs')
  })

  it('gives the exact dry-run report: counts, and every problem with its line, column and message', async () => {
    const { id, preview } = await uploadAndMap(sales, 'export-excel.csv', frenchFile('eta'))
    const report = await sales.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: 'skip' })
    expect(report.counts).toEqual({
      rows: 7,
      rowsWithErrors: 2,
      organisations: { create: 3, update: 0, skip: 1 },
      people: { create: 2, update: 0, skip: 0 },
      links: { create: 2 },
    })
    expect(report.problems.map(({ line, column, severity, message }) => ({ line, column, severity, message }))).toEqual([
      { line: 2, column: 'Montant potentiel', severity: 'warning', message: 'Montant arrondi à l’euro : 1250001' },
      { line: 5, column: 'Type', severity: 'error', message: 'Type « Banquier » inconnu (Investisseur, Fournisseur, Distributeur, Partenaire, Autre)' },
      { line: 5, column: 'Montant potentiel', severity: 'error', message: '« abc » n’est pas un montant (exemple : 1 250 000,50 €)' },
      { line: 6, column: 'Nom', severity: 'error', message: 'Nom manquant' },
      { line: 6, column: 'E-mail', severity: 'error', message: '« mauvais-email » n’est pas une adresse e-mail valide' },
      { line: 7, column: 'Raison sociale', severity: 'warning', message: '« Crédit Mutuel Œuvres eta » figure déjà ligne 3 : ignoré' },
      { line: 8, column: 'Propriétaire', severity: 'warning', message: 'Aucun membre actif de l’équipe n’a l’adresse inconnu@nulle-part.test : pas de propriétaire' },
    ])
    // Nothing was written by the dry run.
    expect(await server.deps.prisma.organisation.count({ where: { name: { contains: ' eta' } } })).toBe(0)
    // The import's page reads the report back: its count, and the problems from the first.
    const saved = await sales.trpc.imports.byId.query({ id })
    expect(saved.problemCount).toBe(7)
    expect(saved.problems.map((problem) => problem.message)).toEqual(report.problems.map((problem) => problem.message))
    const csv = await sales.trpc.imports.errorReport.query({ id })
    expect(csv.fileName).toBe('export-excel-erreurs.csv')
    expect(csv.csv.split('\r\n')[0]).toBe('\ufeffLigne;Colonne;Gravité;Message')
    expect(csv.csv).toContain('6;Nom;erreur;Nom manquant')
  })

  it('imports the French file with accents, amounts, types, stages, owners and links intact', async () => {
    const { done } = await importFile(sales, 'export-excel.csv', frenchFile('theta'))
    expect(done.status).toBe('SUCCEEDED')
    const organisation = await server.deps.prisma.organisation.findFirstOrThrow({
      where: { name: 'Société Générale Épargne theta' },
      include: { personLinks: { include: { person: true } } },
    })
    expect(organisation).toMatchObject({ type: 'INVESTOR', stage: 'PROSPECT', potentialAmount: 1_250_001, city: 'Paris', country: 'FR', isActive: true })
    expect(organisation.ownerId).toBe(demo.byEmail.get('sales.paris@demo.test')!.id)
    expect(organisation.teamId).toBe(demo.teams.paris)
    expect(organisation.personLinks.map((link) => `${link.person.firstName} ${link.person.lastName} — ${link.jobTitle}`).sort()).toEqual([
      'Françoise Lefèvre — Gérante d’actifs',
      'Jean Dupont — Directeur financier',
    ])
    const mutual = await server.deps.prisma.organisation.findFirstOrThrow({ where: { name: 'Crédit Mutuel Œuvres theta' } })
    expect(mutual).toMatchObject({ type: 'SUPPLIER', stage: 'NEGOTIATION', potentialAmount: 2_500_000, isActive: false })
    const fund = await server.deps.prisma.organisation.findFirstOrThrow({ where: { name: 'Fonds Éthique theta' } })
    expect(fund).toMatchObject({ type: 'DISTRIBUTOR', stage: 'WON', potentialAmount: 12_000, ownerId: null })
    // Domain events for search, the timeline, webhooks and live lists.
    const events = await server.deps.prisma.domainEvent.findMany({ where: { entityId: { in: [organisation.id, mutual.id, fund.id] } } })
    expect(events.map((event) => event.type).sort()).toEqual(['organisation.created', 'organisation.created', 'organisation.created'])
    // One summary notification for the importer.
    const notifications = await server.deps.prisma.notification.findMany({ where: { recipientId: demo.byEmail.get('sales.paris@demo.test')!.id, link: { contains: done.id } } })
    expect(notifications.map((notification) => notification.title)).toEqual(['Import terminé : export-excel.csv'])
    // The run writes it in plain SQL: its row and live event read as every other notification's.
    const [notification] = notifications
    expect(Math.abs(notification.createdAt.getTime() - Date.now())).toBeLessThan(60_000)
    const live = await server.deps.prisma.domainEvent.findFirstOrThrow({ where: { type: 'notification.created', entityId: notification.id } })
    expect(live.payload).toEqual({
      recipientId: notification.recipientId,
      unreadCount: expect.any(Number),
      notification: { ...notification, createdAt: notification.createdAt.toISOString(), eventId: null },
    })
  })

  it('shows the imported records at once in a list the read cache held before the import', async () => {
    const newest = async () => (await sales.trpc.organisations.list.query({ limit: 3 })).items.map((organisation) => organisation.name)
    expect(await newest()).not.toContain('Fonds Éthique iota')
    // The run commits on a bare connection, not through Prisma's wrapped transaction: its events still make cached answers stale.
    const { done } = await importFile(sales, 'cache.csv', frenchFile('iota'))
    expect(done.status).toBe('SUCCEEDED')
    expect(await newest()).toContain('Fonds Éthique iota')
  })

  it('reads UTF-8 with a BOM, commas and quoted fields holding line breaks', async () => {
    const text = 'Société,Ville,Notes\r\n"Zéphyr Gestion, Paris",Paris,"Première ligne\nDeuxième ligne"\r\nAutre Zéphyr,Lyon,"Dit ""bonjour"""\r\n'
    const { id, preview } = await uploadAndMap(sales, 'bom.csv', utf8BomCsv(text))
    expect(preview.encoding).toBe('utf-8')
    expect(preview.headers).toEqual(['Société', 'Ville', 'Notes'])
    expect(preview.rows).toEqual([
      ['Zéphyr Gestion, Paris', 'Paris', 'Première ligne\nDeuxième ligne'],
      ['Autre Zéphyr', 'Lyon', 'Dit "bonjour"'],
    ])
    await sales.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: 'skip' })
    await sales.trpc.imports.start.mutate({ id })
    expect((await settled(sales, id)).status).toBe('SUCCEEDED')
    const organisation = await server.deps.prisma.organisation.findFirstOrThrow({ where: { name: 'Zéphyr Gestion, Paris' } })
    expect(organisation.notes).toBe('Première ligne\nDeuxième ligne')
    expect(organisation.type).toBe('OTHER')
  })

  it('reads the chosen sheet of an .xlsx: formulas as their values, dates as dates', async () => {
    const data = await workbook({
      Lisez_moi: [['Ce classeur contient les comptes']],
      Comptes: [
        ['Société', 'Montant potentiel', 'Date du premier contact', 'Pays'],
        ['Tableur Zéphyr', { formula: '1000*3', result: 3000 }, new Date(Date.UTC(2026, 11, 25)), 'FR'],
      ],
    })
    const uploaded = await upload(server.url, sales, 'comptes.xlsx', data)
    expect(uploaded.status).toBe(201)
    expect(uploaded.body.sheets).toEqual(['Lisez_moi', 'Comptes'])
    const preview = await sales.trpc.imports.preview.query({ id: uploaded.body.id, sheet: 'Comptes' })
    expect(preview.sheet).toBe('Comptes')
    expect(preview.rows).toEqual([['Tableur Zéphyr', '3000', '25/12/2026', 'FR']])
    const mapping = { ...preview.mapping, 'Date du premier contact': 'organisation.notes' as const }
    await sales.trpc.imports.dryRun.mutate({ id: uploaded.body.id, sheet: 'Comptes', mapping, duplicatePolicy: 'skip' })
    await sales.trpc.imports.start.mutate({ id: uploaded.body.id })
    expect((await settled(sales, uploaded.body.id)).status).toBe('SUCCEEDED')
    const organisation = await server.deps.prisma.organisation.findFirstOrThrow({ where: { name: 'Tableur Zéphyr' } })
    expect(organisation).toMatchObject({ potentialAmount: 3000, notes: '25/12/2026', country: 'FR' })
  })

  it('refuses zip bombs from their declared sizes, and from their actual sizes when they lie', async () => {
    const honest = await upload(server.url, sales, 'bombe.xlsx', zipBomb(1_000))
    expect(honest).toEqual({ status: 400, body: { error: { code: 'XLSX_TOO_LARGE_UNCOMPRESSED', message: 'This Excel file is too large once uncompressed' } } })
    const lying = await upload(server.url, sales, 'bombe.xlsx', zipBomb(1_000, { lie: true }))
    expect(lying.status).toBe(400)
    expect(lying.body.error.code).toBe('XLSX_TOO_LARGE_UNCOMPRESSED')
  })

  it('answers unreadable files with a clear 4xx, never a 500', async () => {
    expect((await upload(server.url, sales, 'vide.csv', Buffer.alloc(0))).body.error.code).toBe('FILE_EMPTY')
    expect((await upload(server.url, sales, 'abime.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'))).body.error.code).toBe('XLSX_UNREADABLE')
    expect((await upload(server.url, sales, 'ancien.xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'))).body.error.code).toBe('UNSUPPORTED_FORMAT')
    const tooLarge = await upload(server.url, sales, 'enorme.csv', Buffer.alloc(31 * 1024 * 1024, 'a'))
    expect(tooLarge.status).toBe(413)
  })

  it('imports formula-looking cells as plain text', async () => {
    const text = 'Société;Notes;Ville\r\n"=HYPERLINK(""http://evil.test"";""clic"") Zéphyr";@SUM(A1:A9);+33 Paris\r\n-2+3 Zéphyr;=1+1;=cmd|\' /C calc\'!A0\r\n'
    const { done } = await importFile(sales, 'formules.csv', Buffer.from(text))
    expect(done.status).toBe('SUCCEEDED')
    const rows = await server.deps.prisma.organisation.findMany({ where: { name: { contains: 'Zéphyr' }, notes: { in: ['@SUM(A1:A9)', '=1+1'] } }, orderBy: { name: 'asc' } })
    expect(rows.map(({ name, notes, city }) => ({ name, notes, city }))).toEqual([
      { name: '-2+3 Zéphyr', notes: '=1+1', city: "=cmd|' /C calc'!A0" },
      { name: '=HYPERLINK("http://evil.test";"clic") Zéphyr', notes: '@SUM(A1:A9)', city: '+33 Paris' },
    ])
  })
})

/** Existing records of the Paris team that a file's rows match by each rule, with unique names. */
async function existingRecords(tag: string) {
  const prisma = server.deps.prisma
  const byName = await makeOrganisation(prisma, { teamId: demo.teams.paris, name: `Groupe Alpha ${tag}` })
  const byEmail = await prisma.organisation.update({
    where: { id: (await makeOrganisation(prisma, { teamId: demo.teams.paris, name: `Omega ${tag}` })).id },
    data: { email: `contact@omega-${tag}.test` },
  })
  const personByEmail = await makePerson(prisma, { teamId: demo.teams.paris, firstName: 'Hélène', lastName: 'Durand', email: `helene@${tag}.test` })
  const personByName = await makePerson(prisma, { teamId: demo.teams.paris, firstName: 'Claire', lastName: 'Martin' })
  await makeLink(prisma, { personId: personByName.id, organisationId: byName.id, isPrimary: true })
  // Same name in the other team: never matched by a Paris import.
  const otherTeam = await makeOrganisation(prisma, { teamId: demo.teams.lyon, name: `Lyon Only ${tag}` })
  return { byName, byEmail, personByEmail, personByName, otherTeam }
}

function duplicatesFile(tag: string): Buffer {
  return Buffer.from(
    [
      'Société,Email société,Ville,Prénom,Nom,E-mail,Fonction',
      `GROUPE ALPHA ${tag.toUpperCase()},,Nantes,,,,`, // organisation by normalised name
      `Omega Holding ${tag},contact@omega-${tag}.test,Brest,,,,`, // organisation by e-mail
      `Groupe Alpha ${tag},,,Helene,Durand-Neuve,helene@${tag}.test,Présidente`, // person by e-mail
      `Groupe Alpha ${tag},,,Claire,MARTIN,,Trésorière`, // person by name + organisation
      `Nouvelle ${tag},,Rennes,Lou,Neuf,lou@${tag}.test,`, // new organisation and person
      `Nouvelle ${tag},,,Lou,Neuf,lou@${tag}.test,`, // person twice in the file
      `Lyon Only ${tag},,Lyon,,,,`, // another team's name: not a duplicate
    ].join('\n'),
  )
}

describe('duplicates', () => {
  it('skips records matched by normalised name, e-mail, or name + organisation, within the file and the team', async () => {
    const existing = await existingRecords('skipdup')
    const { report, done } = await importFile(sales, 'doublons.csv', duplicatesFile('skipdup'), 'skip')
    expect(done.status).toBe('SUCCEEDED')
    expect(report.counts.organisations).toEqual({ create: 2, update: 0, skip: 2 })
    expect(report.counts.people).toEqual({ create: 1, update: 0, skip: 3 })
    expect(report.problems.filter((problem) => problem.code.startsWith('DUPLICATE')).map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 2, column: 'Société', code: 'DUPLICATE_IN_DATABASE' },
      { line: 3, column: 'Société', code: 'DUPLICATE_IN_DATABASE' },
      { line: 4, column: 'E-mail', code: 'DUPLICATE_IN_DATABASE' },
      { line: 5, column: 'Nom', code: 'DUPLICATE_IN_DATABASE' },
      { line: 7, column: 'E-mail', code: 'DUPLICATE_IN_FILE' },
    ])
    const prisma = server.deps.prisma
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: existing.byName.id } })).toMatchObject({ city: null, version: 1 })
    expect(await prisma.person.findUniqueOrThrow({ where: { id: existing.personByEmail.id } })).toMatchObject({ lastName: 'Durand', version: 1 })
    expect(await prisma.organisation.count({ where: { name: `Lyon Only skipdup` } })).toBe(2)
    expect(await prisma.person.count({ where: { email: 'lou@skipdup.test' } })).toBe(1)
  })

  it('updates matched records with the file’s non-empty values', async () => {
    const existing = await existingRecords('updup')
    const { report, done } = await importFile(sales, 'doublons.csv', duplicatesFile('updup'), 'update')
    expect(done.status).toBe('SUCCEEDED')
    expect(report.counts.organisations).toEqual({ create: 2, update: 2, skip: 0 })
    expect(report.counts.people).toEqual({ create: 1, update: 2, skip: 0 })
    const prisma = server.deps.prisma
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: existing.byName.id } })).toMatchObject({ city: 'Nantes', version: 2 })
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: existing.byEmail.id } })).toMatchObject({ name: 'Omega Holding updup', city: 'Brest' })
    expect(await prisma.person.findUniqueOrThrow({ where: { id: existing.personByEmail.id } })).toMatchObject({ lastName: 'Durand-Neuve', jobTitle: 'Présidente', version: 2 })
    expect(await prisma.person.findUniqueOrThrow({ where: { id: existing.personByName.id } })).toMatchObject({ jobTitle: 'Trésorière', version: 2 })
    const events = await prisma.domainEvent.findMany({ where: { entityId: existing.byName.id, type: 'organisation.updated' } })
    expect((events[0].payload as any).changes.city).toEqual({ from: null, to: 'Nantes' })
  })

  it('creates anyway when asked', async () => {
    await existingRecords('createdup')
    const { report, done } = await importFile(sales, 'doublons.csv', duplicatesFile('createdup'), 'create')
    expect(done.status).toBe('SUCCEEDED')
    expect(report.counts.organisations).toEqual({ create: 4, update: 0, skip: 0 })
    expect(report.counts.people).toEqual({ create: 4, update: 0, skip: 0 })
    expect(await server.deps.prisma.organisation.count({ where: { normalizedName: 'groupe alpha createdup', teamId: demo.teams.paris } })).toBe(2)
    expect(await server.deps.prisma.person.count({ where: { email: 'lou@createdup.test' } })).toBe(2)
  })
})

/** A file of `rows` organisations with one person each; row `marker` holds the given last name. */
function bigFile(tag: string, rows: number, marker?: { row: number; lastName: string }): Buffer {
  const lines = ['Société;Ville;Prénom;Nom;E-mail']
  for (let index = 1; index <= rows; index++) {
    const lastName = marker && index === marker.row ? marker.lastName : `Nom${index}`
    lines.push(`Société ${tag} ${index};Paris;Prénom${index};${lastName};p${index}@${tag}.test`)
  }
  return Buffer.from(lines.join('\n'))
}

async function countTagged(tag: string) {
  const prisma = server.deps.prisma
  const [organisations, people] = await Promise.all([
    prisma.organisation.count({ where: { name: { startsWith: `Société ${tag} ` } } }),
    prisma.person.count({ where: { email: { endsWith: `@${tag}.test` } } }),
  ])
  return { organisations, people }
}

describe('all or nothing', () => {
  it('leaves the database as it was when the import fails at row 9,000 of 10,000', async () => {
    // A real failure from the database while the rows are written.
    await server.deps.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION import_test_fail() RETURNS trigger AS $$
      BEGIN IF NEW."lastName" = 'ECHEC-INJECTE' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`)
    await server.deps.prisma.$executeRawUnsafe(`CREATE TRIGGER import_test_fail BEFORE INSERT ON "Person" FOR EACH ROW EXECUTE FUNCTION import_test_fail()`)
    const eventsBefore = await server.deps.prisma.domainEvent.count({ where: { entity: { in: ['organisation', 'person'] } } })
    try {
      const { done } = await importFile(sales, 'echec.csv', bigFile('failing', 10_000, { row: 9_000, lastName: 'ECHEC-INJECTE' }))
      expect(done.status).toBe('FAILED')
      expect(done.failureMessage).toBe('Unexpected error while writing the records')
    } finally {
      await server.deps.prisma.$executeRawUnsafe(`DROP TRIGGER import_test_fail ON "Person"`)
    }
    expect(await countTagged('failing')).toEqual({ organisations: 0, people: 0 })
    expect(await server.deps.prisma.domainEvent.count({ where: { entity: { in: ['organisation', 'person'] } } })).toBe(eventsBefore)
    const notification = await server.deps.prisma.notification.findFirst({ where: { title: 'Import échoué : echec.csv' } })
    expect(notification?.body).toBe('Rien n’a été importé : la base est restée telle quelle.')
  })

  it('leaves the database as it was when the import is cancelled mid-way', async () => {
    // The row at 9,000 takes its time, so the cancellation arrives while the import is running.
    await server.deps.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION import_test_slow() RETURNS trigger AS $$
      BEGIN IF NEW."lastName" = 'LENT' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$ LANGUAGE plpgsql`)
    await server.deps.prisma.$executeRawUnsafe(`CREATE TRIGGER import_test_slow BEFORE INSERT ON "Person" FOR EACH ROW EXECUTE FUNCTION import_test_slow()`)
    try {
      const { id, preview } = await uploadAndMap(sales, 'annule.csv', bigFile('cancelled', 10_000, { row: 9_000, lastName: 'LENT' }))
      await sales.trpc.imports.dryRun.mutate({ id, mapping: preview.mapping, duplicatePolicy: 'skip' })
      await sales.trpc.imports.start.mutate({ id })
      // Progress is visible while it runs; then the user cancels.
      const deadline = Date.now() + 30_000
      let running = await sales.trpc.imports.byId.query({ id })
      while (!(running.status === 'RUNNING' && running.rowsDone > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        running = await sales.trpc.imports.byId.query({ id })
      }
      expect(running.status).toBe('RUNNING')
      await sales.trpc.imports.cancel.mutate({ id })
      const done = await settled(sales, id)
      expect(done.status).toBe('CANCELLED')
    } finally {
      await server.deps.prisma.$executeRawUnsafe(`DROP TRIGGER import_test_slow ON "Person"`)
    }
    expect(await countTagged('cancelled')).toEqual({ organisations: 0, people: 0 })
  })
})

describe('what a run records', () => {
  it('gives each created record its event and undo record, and saves the run\'s problems', async () => {
    const prisma = server.deps.prisma
    const known = await makePerson(prisma, { teamId: demo.teams.paris, firstName: 'Inès', lastName: 'Roux', email: 'ines@records.test' })
    const file = Buffer.from(
      [
        'Raison sociale;Type;Montant potentiel;Prénom;Nom;E-mail;Fonction;Propriétaire',
        'Alpha records;Investisseur;1 000,40 €;Léa;Petit;lea@records.test;Directrice;sales.paris@demo.test',
        'Beta records;;;Inès;Roux;ines@records.test;;',
      ].join('\r\n'),
    )
    const { id, done } = await importFile(sales, 'records.csv', file, 'skip')
    expect(done.status).toBe('SUCCEEDED')
    const alpha = await prisma.organisation.findFirstOrThrow({ where: { name: 'Alpha records' } })
    const beta = await prisma.organisation.findFirstOrThrow({ where: { name: 'Beta records' } })
    const lea = await prisma.person.findFirstOrThrow({ where: { email: 'lea@records.test' } })
    const owner = demo.byEmail.get('sales.paris@demo.test')!.id
    const events = await prisma.domainEvent.findMany({ where: { entityId: { in: [alpha.id, beta.id, lea.id, known.id] } }, orderBy: { id: 'asc' } })
    expect(events.map(({ type, entity, entityId, teamId, actorId, payload }) => ({ type, entity, entityId, teamId, actorId, payload }))).toEqual([
      {
        type: 'organisation.created',
        entity: 'organisation',
        entityId: alpha.id,
        teamId: demo.teams.paris,
        actorId: owner,
        payload: { name: 'Alpha records', type: 'INVESTOR', stage: 'PROSPECT', potentialAmount: 1000, ownerId: owner, version: 1, importId: id },
      },
      {
        type: 'organisation.created',
        entity: 'organisation',
        entityId: beta.id,
        teamId: demo.teams.paris,
        actorId: owner,
        payload: { name: 'Beta records', type: 'OTHER', stage: 'PROSPECT', potentialAmount: null, ownerId: null, version: 1, importId: id },
      },
      {
        type: 'person.created',
        entity: 'person',
        entityId: lea.id,
        teamId: demo.teams.paris,
        actorId: owner,
        payload: { firstName: 'Léa', lastName: 'Petit', version: 1, organisationId: alpha.id, importId: id },
      },
      // The known person (matched by e-mail, kept) is linked to the new organisation.
      { type: 'person.linked', entity: 'person', entityId: known.id, teamId: demo.teams.paris, actorId: owner, payload: { organisationId: beta.id, created: true, importId: id } },
    ])
    const links = await prisma.personOrganisationLink.findMany({ where: { organisationId: { in: [alpha.id, beta.id] } }, orderBy: { personId: 'asc' } })
    expect(links.map(({ personId, organisationId, isPrimary, jobTitle }) => ({ personId, organisationId, isPrimary, jobTitle })).sort((a, b) => a.personId.localeCompare(b.personId))).toEqual(
      [
        { personId: lea.id, organisationId: alpha.id, isPrimary: true, jobTitle: 'Directrice' },
        { personId: known.id, organisationId: beta.id, isPrimary: false, jobTitle: null },
      ].sort((a, b) => a.personId.localeCompare(b.personId)),
    )
    const records = await prisma.importRecord.findMany({ where: { importId: id } })
    expect(records.map(({ entity, entityId, action, before, version }) => ({ entity, entityId, action, before, version })).sort((a, b) => a.entityId.localeCompare(b.entityId))).toEqual(
      [
        { entity: 'organisation', entityId: alpha.id, action: 'created', before: null, version: 1 },
        { entity: 'organisation', entityId: beta.id, action: 'created', before: null, version: 1 },
        { entity: 'person', entityId: lea.id, action: 'created', before: null, version: 1 },
        ...links.map((link) => ({ entity: 'link', entityId: link.id, action: 'created', before: null, version: null })),
      ].sort((a, b) => a.entityId.localeCompare(b.entityId)),
    )
    // The run's own problems (the rounded amount, the known person), saved with it.
    const saved = await sales.trpc.imports.byId.query({ id })
    expect(saved.problems.map(({ line, code }) => `${line} ${code}`)).toEqual(['2 AMOUNT_ROUNDED', '3 DUPLICATE_IN_DATABASE'])
    // Undo reads those records: what the run created alone goes.
    await sales.trpc.imports.undo.mutate({ id })
    expect(await prisma.organisation.count({ where: { id: alpha.id } })).toBe(0)
    expect(await prisma.person.count({ where: { id: lea.id } })).toBe(0)
  })
})

describe('undo', () => {
  it('removes what the import created and restores what it updated, keeping what was changed since', async () => {
    const existing = await existingRecords('undo')
    const { id, done } = await importFile(sales, 'doublons.csv', duplicatesFile('undo'), 'update')
    expect(done.status).toBe('SUCCEEDED')
    const prisma = server.deps.prisma
    // Someone edits one created organisation and one updated person after the import.
    const created = await prisma.organisation.findFirstOrThrow({ where: { name: 'Nouvelle undo' } })
    await sales.trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { city: 'Vannes' } })
    const updatedPerson = await prisma.person.findUniqueOrThrow({ where: { id: existing.personByName.id } })
    await sales.trpc.people.update.mutate({ id: updatedPerson.id, version: updatedPerson.version, data: { phone: '01 02 03 04 05' } })

    const report = await sales.trpc.imports.undo.mutate({ id })
    expect(report.restored).toEqual({ organisations: 2, people: 1 })
    expect(report.kept.map(({ entity, name }) => `${entity}: ${name}`).sort()).toEqual(['organisation: Nouvelle undo', 'person: Claire MARTIN'])
    expect(report.removed.organisations).toBe(1) // "Lyon Only undo" (Paris); "Nouvelle undo" was kept
    expect(report.removed.people).toBe(1)
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: existing.byName.id } })).toMatchObject({ city: null })
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: existing.byEmail.id } })).toMatchObject({ name: 'Omega undo', city: null })
    expect(await prisma.person.findUniqueOrThrow({ where: { id: existing.personByEmail.id } })).toMatchObject({ lastName: 'Durand', jobTitle: null })
    expect(await prisma.person.findUniqueOrThrow({ where: { id: existing.personByName.id } })).toMatchObject({ jobTitle: 'Trésorière', phone: '01 02 03 04 05' })
    expect(await prisma.organisation.findUnique({ where: { id: created.id } })).not.toBeNull()
    expect(await prisma.person.count({ where: { email: 'lou@undo.test' } })).toBe(0)
    expect((await sales.trpc.imports.byId.query({ id })).status).toBe('UNDONE')
    await expect(sales.trpc.imports.undo.mutate({ id })).rejects.toMatchObject({ data: { code: 'CONFLICT' } })
  })
})

describe('roles and scope', () => {
  it('refuses a viewer’s upload; a salesperson imports into their own team only', async () => {
    const refused = await upload(server.url, viewer, 'x.csv', Buffer.from('Société\nA'))
    expect(refused).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'Your role does not allow imports' } } })
    const otherTeam = await upload(server.url, sales, 'x.csv', Buffer.from('Société\nA'), demo.teams.lyon)
    expect(otherTeam.status).toBe(400)
    const anonymous = await fetch(`${server.url}/api/imports`, { method: 'POST', body: 'Société\nA' })
    expect(anonymous.status).toBe(401)
  })

  it('lets an admin choose the team, and matches only within it', async () => {
    const lyonOrganisation = await makeOrganisation(server.deps.prisma, { teamId: demo.teams.lyon, name: 'Admin Choix Lyon' })
    const { done, report } = await importFile(admin, 'lyon.csv', Buffer.from('Société;Ville\nAdmin Choix Lyon;Lyon\nAdmin Nouvelle Lyon;Lyon\n'), 'update', demo.teams.lyon)
    expect(done.status).toBe('SUCCEEDED')
    expect(done.team.id).toBe(demo.teams.lyon)
    expect(report.counts.organisations).toEqual({ create: 1, update: 1, skip: 0 })
    expect(await server.deps.prisma.organisation.findUniqueOrThrow({ where: { id: lyonOrganisation.id } })).toMatchObject({ city: 'Lyon' })
    expect(await server.deps.prisma.organisation.findFirstOrThrow({ where: { name: 'Admin Nouvelle Lyon' } })).toMatchObject({ teamId: demo.teams.lyon })
    // The Paris salesperson does not see Lyon's import.
    await expect(sales.trpc.imports.byId.query({ id: done.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } })
    const lyonSales = await loginAs(server.url, 'sales.lyon@demo.test')
    expect((await lyonSales.trpc.imports.list.query({})).items.map((item) => item.id)).toContain(done.id)
  })
})

describe('purge of unstarted uploads', () => {
  it('deletes, through the job queue, the drafts untouched for a day, and keeps fresh drafts and started imports', async () => {
    const prisma = server.deps.prisma
    const draft = (name: string) => uploadAndMap(sales, `${name}.csv`, Buffer.from('Société\nPurge\n')).then(({ id }) => id)
    const [stale, fresh] = [await draft('oublie'), await draft('recent')]
    const { id: started } = await importFile(sales, 'ancien.csv', Buffer.from('Société\nPurge ancien import\n'))
    const dayAndMinuteAgo = new Date(Date.now() - UNSTARTED_IMPORT_RETENTION_MS - 60_000)
    await prisma.$executeRaw`UPDATE "Import" SET "createdAt" = ${dayAndMinuteAgo}, "updatedAt" = ${dayAndMinuteAgo} WHERE id IN (${stale}::uuid, ${started}::uuid)`

    // The server's queue runs the job; its cron fires it every hour, once across nodes.
    const crontabs = await prisma.$queryRaw<Array<{ identifier: string }>>`SELECT identifier FROM graphile_worker._private_known_crontabs`
    expect(crontabs.map((row) => row.identifier)).toContain(PURGE_IMPORTS_JOB)
    await addJob(prisma, PURGE_IMPORTS_JOB, {})
    const deadline = Date.now() + 30_000
    while ((await prisma.import.count({ where: { id: stale } })) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))

    expect(await prisma.import.findMany({ where: { id: { in: [stale, fresh, started] } }, select: { id: true }, orderBy: { createdAt: 'asc' } })).toEqual([{ id: started }, { id: fresh }])
    expect(await prisma.domainEvent.count({ where: { type: 'import.deleted', entityId: stale } })).toBe(1)
    await expect(sales.trpc.imports.byId.query({ id: stale })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } })
  })
})
