import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/shared/permissions.ts'
import { CLIENT_EVENTS } from '../../src/shared/realtime/events.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { joinPresence, request } from '../support/collaboration.ts'
import { demoUsers, makeOrganisation, type DemoUsers } from '../support/factories.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connectSocket, type TestSocket } from '../support/socket.ts'
import { CALLERS, callerOf } from './matrix/callers.ts'
import { ownerFor } from './matrix/organisation.cases.ts'
import { TARGETS, type Target } from './matrix/types.ts'

// The role × team matrix of the Socket.IO events a browser may send (SPEC §3, §4.4): who may join an
// organisation's room, edit its notes, and whose messages reach the others in the room.

type ClientEvent = (typeof CLIENT_EVENTS)[number]
/** An acknowledgement's error code, or what the others in the room saw: `ok` or `ignored`. */
type Outcome = 'ok' | 'ignored' | 'NOT_FOUND' | 'NOT_JOINED' | 'FORBIDDEN'

interface Room {
  organisationId: string
  caller: TestSocket
  /** An ADMIN in the organisation's room (presence and notes), listening to what others send. */
  watcher: TestSocket & { heard: Array<{ event: string; payload: any }> }
}

interface SocketCase {
  event: ClientEvent
  expected(role: Role, target: Target): Outcome
  run(room: Room): Promise<Outcome>
}

const inScope = (role: Role, target: Target) => role === 'ADMIN' || target !== 'otherTeam'
const replyOutcome = (reply: { ok: boolean; error?: string }): Outcome => (reply.ok ? 'ok' : (reply.error as Outcome))

/**
 * Room broadcasts go through the Redis adapter, asynchronously: what is relayed arrives within this
 * delay on one machine, and what has not arrived by then counts as not sent.
 */
const RELAY_MS = 1_500

/** Whether the watcher hears a matching message: `ok` as soon as it does, `ignored` after the delay. */
async function heard(room: Room, event: string, predicate: (payload: any) => boolean): Promise<Outcome> {
  const deadline = Date.now() + RELAY_MS
  while (Date.now() < deadline) {
    if (room.watcher.heard.some((entry) => entry.event === event && predicate(entry.payload))) return 'ok'
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return 'ignored'
}

function yjsUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const CASES: SocketCase[] = [
  {
    event: 'system:ping',
    expected: () => 'ok',
    run: async ({ caller }) => ((await caller.timeout(10_000).emitWithAck('system:ping')).nodeId ? 'ok' : 'ignored'),
  },
  {
    event: 'presence:join',
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'NOT_FOUND'),
    run: async (room) => {
      const reply = await joinPresence(room.caller, room.organisationId)
      if (!reply.ok) return replyOutcome(reply)
      // An allowed join is announced to the room.
      return heard(room, 'presence:changed', (payload) => payload.member.socketId === room.caller.id)
    },
  },
  {
    event: 'presence:update',
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'NOT_JOINED'),
    run: async (room) => {
      await joinPresence(room.caller, room.organisationId)
      const reply = await request(room.caller, 'presence:update', { organisationId: room.organisationId, field: 'city', status: 'active' })
      if (!reply.ok) return replyOutcome(reply)
      return heard(room, 'presence:changed', (payload) => payload.member.socketId === room.caller.id && payload.member.field === 'city')
    },
  },
  {
    event: 'presence:leave',
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'ignored'),
    run: async (room) => {
      await joinPresence(room.caller, room.organisationId)
      room.caller.emit('presence:leave', { organisationId: room.organisationId })
      return heard(room, 'presence:left', (payload) => payload.socketId === room.caller.id)
    },
  },
  {
    event: 'notes:join',
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'NOT_FOUND'),
    run: async (room) => {
      const reply = await request(room.caller, 'notes:join', { organisationId: room.organisationId })
      return reply.ok && reply.state ? 'ok' : replyOutcome(reply)
    },
  },
  {
    event: 'notes:update',
    expected: (role, target) => (!inScope(role, target) ? 'NOT_JOINED' : role === 'VIEWER' ? 'FORBIDDEN' : 'ok'),
    run: async (room) => {
      await request(room.caller, 'notes:join', { organisationId: room.organisationId })
      const reply = await request(room.caller, 'notes:update', { organisationId: room.organisationId, update: yjsUpdate('matrix') })
      // A refused update must not reach the room either.
      const relayed = await heard(room, 'notes:update', (payload) => payload.organisationId === room.organisationId)
      if (!reply.ok) return relayed === 'ok' ? 'ok' : replyOutcome(reply)
      return relayed
    },
  },
  {
    event: 'notes:awareness',
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'ignored'),
    run: async (room) => {
      await request(room.caller, 'notes:join', { organisationId: room.organisationId })
      room.caller.emit('notes:awareness', { organisationId: room.organisationId, update: new Uint8Array([1, 2, 3]) })
      return heard(room, 'notes:awareness', (payload) => payload.organisationId === room.organisationId)
    },
  },
  {
    event: 'notes:leave',
    // Once left (or never let in), the notes refuse this socket's updates and stop relaying to it.
    expected: (role, target) => (inScope(role, target) ? 'ok' : 'NOT_JOINED'),
    run: async (room) => {
      const joined = await request(room.caller, 'notes:join', { organisationId: room.organisationId })
      if (!joined.ok) return replyOutcome(await request(room.caller, 'notes:update', { organisationId: room.organisationId, update: yjsUpdate('x') }))
      room.caller.emit('notes:leave', { organisationId: room.organisationId })
      const after = await request(room.caller, 'notes:update', { organisationId: room.organisationId, update: yjsUpdate('after leaving') })
      if (after.error !== 'NOT_JOINED') return replyOutcome(after)
      const relayed: unknown[] = []
      room.caller.on('notes:update', (payload) => relayed.push(payload))
      expect(await request(room.watcher, 'notes:update', { organisationId: room.organisationId, update: yjsUpdate('watcher') })).toEqual({ ok: true })
      await new Promise((resolve) => setTimeout(resolve, RELAY_MS))
      return relayed.length === 0 ? 'ok' : 'ignored'
    },
  },
]

let server: TestServer
let demo: DemoUsers
const clients = new Map<Role, TestClient>()
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  demo = await demoUsers(server.deps.prisma)
  for (const caller of CALLERS) clients.set(caller.role, await loginAs(server.url, caller.email))
  admin = clients.get('ADMIN')!
})
afterAll(async () => {
  await server?.stop()
})

async function openRoom(role: Role, target: Target): Promise<Room> {
  const organisation = await makeOrganisation(server.deps.prisma, ownerFor(callerOf(demo, role), target))
  const [caller, watcher] = await Promise.all([connectSocket(server.url, clients.get(role)!), connectSocket(server.url, admin)])
  const listening = Object.assign(watcher, { heard: [] as Room['watcher']['heard'] })
  for (const event of ['presence:changed', 'presence:left', 'notes:update', 'notes:awareness'] as const) {
    watcher.on(event, (payload: unknown) => listening.heard.push({ event, payload }))
  }
  expect((await joinPresence(watcher, organisation.id)).ok).toBe(true)
  expect((await request(watcher, 'notes:join', { organisationId: organisation.id })).ok).toBe(true)
  return { organisationId: organisation.id, caller, watcher: listening }
}

describe('Socket.IO authorization matrix (SPEC §3)', () => {
  it('covers every event a client may send', () => {
    expect(CASES.map((testCase) => testCase.event).sort()).toEqual([...CLIENT_EVENTS].sort())
  })

  for (const testCase of CASES) {
    describe(testCase.event, () => {
      for (const { role } of CALLERS) {
        for (const target of TARGETS) {
          const expected = testCase.expected(role, target)
          it(`${role} on ${target} organisation → ${expected}`, async () => {
            const room = await openRoom(role, target)
            try {
              expect(await testCase.run(room)).toBe(expected)
            } finally {
              room.caller.close()
              room.watcher.close()
            }
          })
        }
      }
    })
  }

  it('refuses a connection without a session', async () => {
    const { io } = await import('socket.io-client')
    const anonymous = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false })
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve))
    expect(error.message).toBe('unauthorized')
    anonymous.close()
  })
})
