import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, type TestClient } from '../support/client.ts'
import { joinPresence, openNotes, request } from '../support/collaboration.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { SOCKET_EVENTS_PER_SECOND } from '../../src/server/realtime/socket-server.ts'
import { NOTES_MAX_LENGTH } from '../../src/shared/schemas/organisation.ts'
import { connectSocket } from '../support/socket.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let demo: DemoUsers
let salesParis: TestClient
let managerParis: TestClient
let salesLyon: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  ;[salesParis, managerParis, salesLyon] = await Promise.all(
    ['sales.paris@demo.test', 'manager.paris@demo.test', 'sales.lyon@demo.test'].map((email) => loginAs(server.url, email)),
  )
})
afterAll(async () => {
  await server?.stop()
})

const parisOrganisation = () => makeOrganisation(server.deps.prisma, { teamId: demo.teams.paris })

describe('presence', () => {
  it('shows who is on the page and which field they edit, and who left', async () => {
    const organisation = await parisOrganisation()
    const [sales, manager] = await Promise.all([connectSocket(server.url, salesParis), connectSocket(server.url, managerParis)])
    const first = await joinPresence(sales, organisation.id)
    expect(first.ok).toBe(true)
    const changed = new Promise<any>((resolve) => sales.on('presence:changed' as any, (payload: any) => payload.member.field === 'name' && resolve(payload)))
    const second = await joinPresence(manager, organisation.id)
    expect(new Set(second.members?.map((member) => member.userId))).toEqual(
      new Set([demo.byEmail.get('sales.paris@demo.test')!.id, demo.byEmail.get('manager.paris@demo.test')!.id]),
    )
    expect(await request(manager, 'presence:update', { organisationId: organisation.id, field: 'name', status: 'active' })).toEqual({ ok: true })
    expect((await changed).member).toMatchObject({ userId: demo.byEmail.get('manager.paris@demo.test')!.id, field: 'name', color: expect.stringMatching(/^#/) })

    const left = new Promise<any>((resolve) => sales.on('presence:left' as any, resolve))
    manager.close()
    expect(await left).toMatchObject({ organisationId: organisation.id })
    sales.close()
  })

  it('refuses a user who may not read the organisation, and malformed payloads, without breaking the room', async () => {
    const organisation = await parisOrganisation()
    const [lyon, sales] = await Promise.all([connectSocket(server.url, salesLyon), connectSocket(server.url, salesParis)])
    expect(await joinPresence(lyon, organisation.id)).toEqual({ ok: false, error: 'NOT_FOUND' })
    expect(await request(lyon, 'presence:update', { organisationId: organisation.id, field: 'name', status: 'active' })).toEqual({ ok: false, error: 'NOT_JOINED' })
    await joinPresence(sales, organisation.id)
    for (const garbage of [null, 42, { organisationId: 'x' }, { organisationId: organisation.id, field: '<script>', status: 'active' }, { organisationId: organisation.id, status: 'sleeping' }]) {
      expect(await request(sales, 'presence:update', garbage)).toEqual({ ok: false, error: 'BAD_REQUEST' })
    }
    expect(await request(sales, 'notes:update', { organisationId: organisation.id, update: 'not binary' })).toEqual({ ok: false, error: 'BAD_REQUEST' })
    expect(await request(sales, 'presence:update', { organisationId: organisation.id, field: 'city', status: 'idle' })).toEqual({ ok: true })
    lyon.close()
    sales.close()
  })
})

describe('flooding', () => {
  it('answers a socket sending too much with RATE_LIMITED, keeps the room working, and lets it go on a second later', async () => {
    const organisation = await parisOrganisation()
    const [flooder, watcher] = await Promise.all([connectSocket(server.url, salesParis), connectSocket(server.url, managerParis)])
    await Promise.all([joinPresence(flooder, organisation.id), joinPresence(watcher, organisation.id)])
    const replies = await Promise.all(
      Array.from({ length: SOCKET_EVENTS_PER_SECOND + 50 }, (_, index) =>
        request(flooder, 'presence:update', { organisationId: organisation.id, field: index % 2 ? 'name' : 'city', status: 'active' }),
      ),
    )
    const limited = replies.filter((reply) => reply.error === 'RATE_LIMITED').length
    expect(limited).toBeGreaterThanOrEqual(50)
    expect(replies.every((reply) => reply.ok || reply.error === 'RATE_LIMITED')).toBe(true)

    // The others are unaffected, and the flooder may speak again after the window.
    expect(await request(watcher, 'presence:update', { organisationId: organisation.id, field: 'phone', status: 'active' })).toEqual({ ok: true })
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect(await request(flooder, 'presence:update', { organisationId: organisation.id, field: null, status: 'idle' })).toEqual({ ok: true })
    flooder.close()
    watcher.close()
  })
})

describe('co-edited notes', () => {
  it('merges concurrent typing, persists every acknowledged update and mirrors the text with an activity entry', async () => {
    const organisation = await parisOrganisation()
    const [salesSocket, managerSocket] = await Promise.all([connectSocket(server.url, salesParis), connectSocket(server.url, managerParis)])
    const [sales, manager] = await Promise.all([openNotes(salesSocket, organisation.id), openNotes(managerSocket, organisation.id)])
    await Promise.all([sales.insert(0, 'Bonjour '), manager.insert(0, 'Hello ')])
    await Promise.all([sales.insert(sales.text.length, 'Paris.'), manager.insert(0, '>> ')])
    await expect.poll(() => sales.text.toString() === manager.text.toString() && sales.text.length === 'Bonjour Hello Paris.>> '.length).toBe(true)
    for (const piece of ['Bonjour ', 'Hello ', 'Paris.', '>> ']) expect(sales.text.toString()).toContain(piece)

    // A newcomer (a reload) gets every acknowledged keystroke from the database.
    const reloaded = await openNotes(await connectSocket(server.url, salesParis), organisation.id)
    expect(reloaded.text.toString()).toBe(sales.text.toString())
    await expect
      .poll(async () => (await server.deps.prisma.organisation.findUnique({ where: { id: organisation.id } }))?.notes, { timeout: 10_000 })
      .toBe(sales.text.toString())
    const timeline = await salesParis.trpc.organisations.timeline.query({ id: organisation.id })
    expect(timeline.items.some((entry) => entry.type === 'organisation.notes_edited' && entry.changes.notes?.to === sales.text.toString())).toBe(true)

    expect(await request(salesSocket, 'notes:update', { organisationId: organisation.id, update: new Uint8Array([1, 2, 3, 250, 251]) })).toEqual({ ok: false, error: 'BAD_REQUEST' })
    salesSocket.close()
    managerSocket.close()
  })

  it('refuses an update taking the text past 20,000 characters, stores nothing of it, and still lets it shrink', async () => {
    const organisation = await parisOrganisation()
    const notes = await openNotes(await connectSocket(server.url, salesParis), organisation.id)
    expect(await notes.insert(0, 'a'.repeat(NOTES_MAX_LENGTH - 5))).toEqual({ ok: true })
    expect(await notes.insert(0, 'b'.repeat(10))).toEqual({ ok: false, error: 'TOO_LONG' })
    const reloaded = await openNotes(await connectSocket(server.url, salesParis), organisation.id)
    expect(reloaded.text.toString()).toBe('a'.repeat(NOTES_MAX_LENGTH - 5))
    expect(await reloaded.insert(0, 'b'.repeat(5))).toEqual({ ok: true })
  })

  it('compacts a long typing session as it goes: every keystroke kept, few rows', async () => {
    const organisation = await parisOrganisation()
    const notes = await openNotes(await connectSocket(server.url, salesParis), organisation.id)
    for (let index = 0; index < 250; index++) {
      expect(await notes.insert(notes.text.length, String(index % 10))).toEqual({ ok: true })
      // At a fast typist's pace at most, well inside the per-connection message budget.
      await new Promise((resolve) => setTimeout(resolve, 8))
    }
    const rows = await server.deps.prisma.documentUpdate.count({ where: { docName: `organisation:${organisation.id}:notes` } })
    expect(rows).toBeLessThan(100)
    const reloaded = await openNotes(await connectSocket(server.url, salesParis), organisation.id)
    expect(reloaded.text.toString()).toBe(Array.from({ length: 250 }, (_, index) => index % 10).join(''))
  })

  it('lets a viewer read the notes but not edit them', async () => {
    const organisation = await parisOrganisation()
    const viewer = await loginAs(server.url, 'viewer.paris@demo.test')
    const notes = await openNotes(await connectSocket(server.url, viewer), organisation.id)
    expect(await notes.insert(0, 'non')).toEqual({ ok: false, error: 'FORBIDDEN' })
  })
})

describe('activity timeline', () => {
  it('lists who changed which field from what to what, newest first, for readers of the organisation only', async () => {
    const created = await salesParis.trpc.organisations.create.mutate({ name: 'Chronologie SA', type: 'INVESTOR' })
    await managerParis.trpc.organisations.update.mutate({ id: created.id, version: 1, data: { city: 'Lyon', category: 'Assureur' } })
    const timeline = await salesParis.trpc.organisations.timeline.query({ id: created.id })
    expect(timeline.items.map((entry) => entry.type)).toEqual(['organisation.updated', 'organisation.created'])
    expect(timeline.items[0]).toMatchObject({
      actor: { name: expect.any(String) },
      changes: { city: { from: null, to: 'Lyon' }, category: { from: null, to: 'Assureur' } },
    })
    await expect(salesLyon.trpc.organisations.timeline.query({ id: created.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } })
  })
})
