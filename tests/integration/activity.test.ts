import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifyDueTasks } from '../../src/server/jobs/due-tasks.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { demoUsers, makeOrganisation, unique, type DemoUsers } from '../support/factories.ts'
import { makeInteraction, makePerson } from '../support/factories-person.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// A salesperson's day: logging activity with a follow-up, who may change it, validation wording,
// duplicate warnings and the wording of due-task notifications.

let server: TestServer
let demo: DemoUsers
let admin: TestClient
let managerParis: TestClient
let salesParis: TestClient
let camille: TestClient
let salesLyon: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[admin, managerParis, salesParis, camille, salesLyon] = await Promise.all([
    loginAs(server.url, 'admin@demo.test'),
    loginAs(server.url, 'manager.paris@demo.test'),
    loginAs(server.url, 'sales.paris@demo.test'),
    loginAs(server.url, 'camille.fournier@demo.test'),
    loginAs(server.url, 'sales.lyon@demo.test'),
  ])
})
afterAll(async () => {
  await server?.stop()
})

const userId = (email: string) => demo.byEmail.get(email)!.id
const prisma = () => server.deps.prisma

describe('logging activity', () => {
  it('creates the interaction and its follow-up task in one transaction, each with its event', async () => {
    const organisation = await makeOrganisation(prisma(), { teamId: demo.teams.paris })
    const person = await makePerson(prisma(), { teamId: demo.teams.paris })
    const dueAt = new Date(Date.now() + 3 * 24 * 3_600_000)
    const logged = await salesParis.trpc.interactions.create.mutate({
      kind: 'CALL',
      occurredAt: new Date(),
      summary: 'Appel de suivi',
      organisationId: organisation.id,
      personIds: [person.id],
      followUp: { title: 'Envoyer la plaquette', dueAt },
    })
    expect(logged.followUpTaskId).toEqual(expect.any(String))
    const task = await salesParis.trpc.tasks.byId.query({ id: logged.followUpTaskId! })
    expect(task).toMatchObject({
      title: 'Envoyer la plaquette',
      dueAt,
      status: 'OPEN',
      assigneeId: userId('sales.paris@demo.test'),
      organisationId: organisation.id,
      personId: person.id,
    })
    const events = await prisma().domainEvent.findMany({ where: { entityId: { in: [logged.id, task.id] } }, orderBy: { id: 'asc' } })
    expect(events.map((event) => event.type)).toEqual(['interaction.created', 'task.created'])
  })

  it('writes nothing when the follow-up is refused', async () => {
    const organisation = await makeOrganisation(prisma(), { teamId: demo.teams.paris })
    const summary = unique('Rendez-vous')
    const error = await errorOf(
      salesParis.trpc.interactions.create.mutate({
        kind: 'MEETING',
        occurredAt: new Date(),
        summary,
        organisationId: organisation.id,
        followUp: { title: 'Relancer', assigneeId: userId('sales.lyon@demo.test') },
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.fieldErrors).toMatchObject({ followUp: [expect.any(String)] })
    expect(await prisma().interaction.count({ where: { summary } })).toBe(0)
    expect(await prisma().task.count({ where: { organisationId: organisation.id } })).toBe(0)
  })

  it('lets the author and managers edit or delete an interaction, not other salespeople', async () => {
    const organisation = await makeOrganisation(prisma(), { teamId: demo.teams.paris })
    const byCamille = await makeInteraction(prisma(), {
      teamId: demo.teams.paris,
      authorId: userId('camille.fournier@demo.test'),
      organisationId: organisation.id,
    })
    const edit = (client: TestClient, version: number) =>
      client.trpc.interactions.update.mutate({ id: byCamille.id, version, data: { summary: unique('Compte rendu') } })
    expect((await errorOf(edit(salesParis, 1))).data?.code).toBe('FORBIDDEN')
    expect((await errorOf(salesParis.trpc.interactions.delete.mutate({ id: byCamille.id }))).data?.code).toBe('FORBIDDEN')
    expect(await edit(camille, 1)).toMatchObject({ version: 2 })
    expect(await edit(managerParis, 2)).toMatchObject({ version: 3 })
    expect((await errorOf(salesLyon.trpc.interactions.delete.mutate({ id: byCamille.id }))).data?.code).toBe('NOT_FOUND')
    await camille.trpc.interactions.delete.mutate({ id: byCamille.id })
    expect(await prisma().interaction.count({ where: { id: byCamille.id } })).toBe(0)
  })
})

describe('validation messages', () => {
  it('words field errors in the caller’s language, with the same codes, and bounds amounts to 100 Md €', async () => {
    const create = (client: TestClient) =>
      errorOf(client.trpc.organisations.create.mutate({ name: unique('Montant'), type: 'INVESTOR', potentialAmount: 1e13, phone: 'abc', website: 'not a site' }))
    const french = await create(salesParis)
    expect(french.data?.fieldErrors).toMatchObject({
      potentialAmount: ['Le montant ne peut pas dépasser 100 milliards d’euros.'],
      phone: [expect.stringMatching(/^Numéro de téléphone invalide/)],
      website: ['Adresse web invalide (ex. www.exemple.fr).'],
    })
    expect(french.data?.fieldCodes).toMatchObject({ potentialAmount: ['amount_too_large'], phone: ['phone_invalid'], website: ['url_invalid'] })

    const english = await loginAs(server.url, 'nicolas.faure@demo.test')
    await english.trpc.auth.updatePreferences.mutate({ language: 'en' })
    const inEnglish = await create(english)
    expect(inEnglish.data?.fieldErrors).toMatchObject({ potentialAmount: ['The amount cannot exceed 100 billion euros.'] })
    expect(inEnglish.data?.fieldCodes).toEqual(french.data?.fieldCodes)

    // A huge number gets one message, not the safe-integer one on top.
    const huge = await errorOf(salesParis.trpc.organisations.create.mutate({ name: unique('Énorme'), type: 'INVESTOR', potentialAmount: 1e20 }))
    expect(huge.data?.fieldCodes).toEqual({ potentialAmount: ['amount_too_large'] })
    const atLimit = await salesParis.trpc.organisations.create.mutate({ name: unique('Plafond'), type: 'INVESTOR', potentialAmount: 100_000_000_000 })
    expect(atLimit.potentialAmount).toBe(100_000_000_000)
  })
})

describe('duplicate warnings', () => {
  it('finds organisations of the caller’s scope by normalised name, e-mail or website domain', async () => {
    const name = unique('Société Générale Gestion')
    const original = await salesParis.trpc.organisations.create.mutate({
      name,
      type: 'SUPPLIER',
      email: `contact.${Date.now()}@sgg.example`,
      website: `https://www.sgg-${Date.now()}.example/fonds`,
    })
    const byName = await salesParis.trpc.organisations.similar.query({ name: `  ${name.toUpperCase().replace('É', 'E')} ` })
    expect(byName).toEqual([{ id: original.id, name, reasons: ['name'] }])
    const byEmail = await salesParis.trpc.organisations.similar.query({ name: 'Autre', email: original.email!.toUpperCase() })
    expect(byEmail.map((match) => [match.id, match.reasons])).toEqual([[original.id, ['email']]])
    const domain = new URL(original.website!).hostname.replace(/^www\./, '')
    const byWebsite = await salesParis.trpc.organisations.similar.query({ name: 'Autre', website: `${domain}/contact` })
    expect(byWebsite.map((match) => [match.id, match.reasons])).toEqual([[original.id, ['website']]])
    // Another team's users never hear of it; the record being edited is not its own duplicate.
    expect(await salesLyon.trpc.organisations.similar.query({ name })).toEqual([])
    expect(await salesParis.trpc.organisations.similar.query({ name, excludeId: original.id })).toEqual([])
    expect((await admin.trpc.organisations.similar.query({ name })).map((match) => match.id)).toEqual([original.id])
    // Half-typed values are not errors.
    expect(await salesParis.trpc.organisations.similar.query({ name: '', email: 'contact@', website: 'ht' })).toEqual([])
  })

  it('finds people by name (case and accents aside) or e-mail', async () => {
    const lastName = unique('Lefèvre')
    const email = `${Date.now()}@people.example`
    const original = await salesParis.trpc.people.create.mutate({ firstName: 'Hélène', lastName, email })
    const byName = await salesParis.trpc.people.similar.query({ firstName: 'helene', lastName: lastName.toUpperCase() })
    expect(byName).toEqual([{ id: original.id, name: `Hélène ${lastName}`, reasons: ['name'] }])
    const byEmail = await salesParis.trpc.people.similar.query({ firstName: 'X', lastName: 'Y', email })
    expect(byEmail.map((match) => match.reasons)).toEqual([['email']])
    expect(await salesLyon.trpc.people.similar.query({ firstName: 'Hélène', lastName })).toEqual([])
  })
})

describe('due-task notifications', () => {
  it('words a task falling due and an overdue task differently', async () => {
    const assigneeId = userId('claire.dubois@demo.test')
    const [soon, late] = await Promise.all([
      prisma().task.create({ data: { title: unique('Bientôt'), dueAt: new Date(Date.now() - 60_000), teamId: demo.teams.paris, assigneeId } }),
      prisma().task.create({ data: { title: unique('En retard'), dueAt: new Date(Date.now() - 2 * 24 * 3_600_000), teamId: demo.teams.paris, assigneeId } }),
    ])
    await notifyDueTasks(prisma())
    const [soonNote, lateNote] = await Promise.all(
      [soon, late].map((task) => prisma().notification.findFirstOrThrow({ where: { type: 'TASK_DUE', link: `/tasks/${task.id}` } })),
    )
    expect(soonNote.title).toBe(`Tâche à échéance : ${soon.title}`)
    expect(soonNote.body).toMatch(/arrive à échéance à \d\d:\d\d\.$/)
    expect(lateNote.title).toBe(`Tâche en retard : ${late.title}`)
    expect(lateNote.body).toMatch(/a dépassé son échéance du \d+ \S+\.$/)
    expect(lateNote.body).not.toContain('arrive à échéance')
  })
})
