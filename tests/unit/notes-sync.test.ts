import * as Y from 'yjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PendingStore } from '../../src/client/features/organisation/collaboration/notes-pending-store.ts'
import { createNotesSync, type NotesSync } from '../../src/client/features/organisation/collaboration/notes-sync.ts'
import type { AppSocket } from '../../src/client/lib/socket.ts'

// The notes sync against a scripted server: what it sends, what it keeps for a closed tab, and how
// it reacts to a refusal. (Browser behaviour end to end is in tests/e2e/notes.spec.ts.)

const ORGANISATION = '01a20ccc-da90-76a4-bd81-4f259233e462'

beforeAll(() => {
  // The sync listens to page life-cycle events; a bare event target stands in for the window.
  Object.assign(globalThis, { window: globalThis.window ?? new EventTarget() })
})

type Reply = { ok: true; state?: Uint8Array } | { ok: false; error: string }

/** A connected socket whose acknowledgements the test decides, one call at a time. */
function scriptedSocket(server: Y.Doc) {
  const sent: Array<{ event: string; payload: any }> = []
  const refusals: string[] = []
  const socket = {
    connected: true,
    on: () => socket,
    off: () => socket,
    emit: (event: string, payload: unknown) => void sent.push({ event, payload }),
    timeout: () => ({
      emitWithAck: async (event: string, payload: { update?: Uint8Array }): Promise<Reply> => {
        sent.push({ event, payload })
        if (event === 'notes:join') return { ok: true, state: Y.encodeStateAsUpdate(server) }
        const refusal = refusals.shift()
        if (refusal) return { ok: false, error: refusal }
        Y.applyUpdate(server, payload.update!)
        return { ok: true }
      },
    }),
  }
  return { socket: socket as unknown as AppSocket, sent, refusals }
}

function memoryStore(initial: Uint8Array | null = null) {
  const store = { adopted: initial, saved: [] as Array<Uint8Array | null> }
  const pending: PendingStore = {
    adopt: () => {
      const value = store.adopted
      store.adopted = null
      return value
    },
    save: (update) => void store.saved.push(update),
  }
  return { store, pending }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10))
let sync: NotesSync | undefined
afterEach(() => sync?.destroy())

describe('notes sync', () => {
  it('keeps typing in the pending store until the server acknowledges it', async () => {
    const server = new Y.Doc()
    const { socket } = scriptedSocket(server)
    const { store, pending } = memoryStore()
    sync = createNotesSync(socket, ORGANISATION, pending)
    await settle()
    expect(sync.status()).toBe('saved')

    sync.text.insert(0, 'Bonjour')
    // Saved for a closed tab first, then cleared once stored.
    expect(store.saved[0]).not.toBeNull()
    await settle()
    expect(store.saved.at(-1)).toBeNull()
    expect(server.getText('notes').toString()).toBe('Bonjour')
    expect(sync.status()).toBe('saved')
  })

  it('sends what an earlier tab left unsent, on top of the server state', async () => {
    const server = new Y.Doc()
    server.getText('notes').insert(0, 'Serveur. ')
    const earlierTab = new Y.Doc()
    Y.applyUpdate(earlierTab, Y.encodeStateAsUpdate(server))
    const before = Y.encodeStateVector(earlierTab)
    earlierTab.getText('notes').insert(9, 'Tapé hors ligne.')
    const { socket } = scriptedSocket(server)
    const { pending } = memoryStore(Y.encodeStateAsUpdate(earlierTab, before))
    sync = createNotesSync(socket, ORGANISATION, pending)
    await settle()
    expect(sync.text.toString()).toBe('Serveur. Tapé hors ligne.')
    expect(server.getText('notes').toString()).toBe('Serveur. Tapé hors ligne.')
  })

  it('says so when the server refuses a change, and stops claiming it is saved', async () => {
    const server = new Y.Doc()
    const { socket, refusals } = scriptedSocket(server)
    const { store, pending } = memoryStore()
    sync = createNotesSync(socket, ORGANISATION, pending)
    await settle()
    refusals.push('FORBIDDEN')
    sync.text.insert(0, 'refusé')
    await settle()
    expect(sync.status()).toBe('rejected')
    expect(server.getText('notes').toString()).toBe('')
    // A refused change is not kept for a later tab either: it would be refused again.
    expect(store.saved.at(-1)).toBeNull()
  })
})
