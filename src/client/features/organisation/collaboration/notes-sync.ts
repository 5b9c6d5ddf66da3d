import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import { reportError } from '../../../lib/sentry.ts'
import type { AppSocket } from '../../../lib/socket.ts'
import type { PendingStore } from './notes-pending-store.ts'

const ACK_TIMEOUT_MS = 10_000
const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 30_000
/** Origin of what comes from the server: applied locally, never sent back. */
const REMOTE = Symbol('notes-remote')
/** Origin of changes an earlier tab left unsent: applied, then sent like fresh typing. */
const RESTORED = Symbol('notes-restored')

/**
 * `loading` until the document is first opened, `error` if that failed; then `saved` when the
 * server has stored every local change, `saving` while some are unacknowledged, `offline` while
 * disconnected (changes wait, then are sent again); `rejected` once the server has refused a change
 * (a role changed meanwhile, an oversized update): this copy no longer matches what is stored.
 */
export type NotesStatus = 'loading' | 'error' | 'saved' | 'saving' | 'offline' | 'rejected'

/** What the others see of this user next to their cursor. */
export interface NotesUser {
  name: string
  color: string
  colorLight: string
}

export interface NotesSync {
  readonly text: Y.Text
  readonly awareness: Awareness
  status(): NotesStatus
  /** Why opening failed (a server error code, or `UNAVAILABLE` when it did not answer). */
  error(): string | null
  subscribe(listener: () => void): () => void
  setUser(user: NotesUser): void
  retry(): void
  destroy(): void
}

type Reply = { ok: true } | { ok: false; error: string }

const merge = (first: Uint8Array | null, second: Uint8Array | null): Uint8Array | null =>
  first && second ? Y.mergeUpdates([first, second]) : (first ?? second)

/**
 * Keeps a Yjs copy of an organisation's notes in sync over the tab's Socket.IO connection. Local
 * changes wait in `queued`, merged, until the server acknowledges them; one batch is in flight at a
 * time, and a batch not acknowledged (timeout, lost connection) goes back to the queue and is sent
 * again, which Yjs tolerates since it ignores what it already has. After a reconnection the server
 * has forgotten the room: the document is joined again and its state merged before sending.
 */
export function createNotesSync(socket: AppSocket, organisationId: string, pending?: PendingStore): NotesSync {
  const doc = new Y.Doc()
  const text = doc.getText('notes')
  const awareness = new Awareness(doc)
  const listeners = new Set<() => void>()

  let status: NotesStatus = 'loading'
  let failure: string | null = null
  let opened = false
  let rejected = false
  let joined = false
  let destroyed = false
  /** Bumped at every join and disconnection: answers to older requests are ignored. */
  let session = 0
  let inFlight: Uint8Array | null = null
  let queued: Uint8Array | null = null
  let retryDelay = RETRY_MIN_MS
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const refresh = () => {
    const next: NotesStatus = !opened
      ? failure
        ? 'error'
        : 'loading'
      : rejected
        ? 'rejected'
        : !joined
          ? 'offline'
          : inFlight || queued
            ? 'saving'
            : 'saved'
    if (next === status) return
    status = next
    for (const listener of listeners) listener()
  }

  /** Keeps what the server has not acknowledged where a closed tab cannot lose it. */
  const persist = () => pending?.save(merge(inFlight, queued))

  const requeueInFlight = () => {
    queued = merge(inFlight, queued)
    inFlight = null
  }

  const retryLater = (action: () => void) => {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(action, retryDelay)
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
  }

  const send = async () => {
    if (inFlight || !queued || !joined || !socket.connected) return
    const current = session
    inFlight = queued
    queued = null
    refresh()
    let reply: Reply
    try {
      reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('notes:update', { organisationId, update: inFlight })
    } catch {
      reply = { ok: false, error: 'TIMEOUT' }
    }
    // The connection changed meanwhile: the batch is already back in the queue.
    if (destroyed || current !== session) return
    if (reply.ok) {
      inFlight = null
      retryDelay = RETRY_MIN_MS
      persist()
    } else if (reply.error === 'NOT_JOINED') {
      requeueInFlight()
      void join()
      return
    } else if (reply.error === 'TIMEOUT') {
      requeueInFlight()
      retryLater(() => void send())
      refresh()
      return
    } else {
      // FORBIDDEN or BAD_REQUEST: sending it again would be refused again.
      reportError(new Error(`notes update refused: ${reply.error}`))
      inFlight = null
      rejected = true
      persist()
    }
    refresh()
    void send()
  }

  /** Last chance for changes still unacknowledged when the editor goes away: sent without waiting. */
  const sendRemaining = () => {
    const update = merge(inFlight, queued)
    if (update && joined && socket.connected) socket.emit('notes:update', { organisationId, update }, () => undefined)
  }

  const announce = (clients: number[]) => {
    if (joined && socket.connected) {
      socket.emit('notes:awareness', { organisationId, update: encodeAwarenessUpdate(awareness, clients) })
    }
  }

  async function join() {
    const current = ++session
    joined = false
    failure = null
    requeueInFlight()
    clearTimeout(retryTimer)
    refresh()
    let reply: { ok: true; state: Uint8Array } | { ok: false; error: string }
    try {
      reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('notes:join', { organisationId })
    } catch {
      reply = { ok: false, error: 'UNAVAILABLE' }
    }
    if (destroyed || current !== session) return
    if (!reply.ok) {
      failure = reply.error
      // Once open, the editor stays usable offline and keeps trying; before, the user decides.
      if (opened) retryLater(() => void join())
      refresh()
      return
    }
    Y.applyUpdate(doc, new Uint8Array(reply.state), REMOTE)
    // On top of the server's state, what earlier tabs typed but could not send (queued below).
    const restored = opened ? null : (pending?.adopt() ?? null)
    if (restored) Y.applyUpdate(doc, restored, RESTORED)
    opened = true
    joined = true
    failure = null
    retryDelay = RETRY_MIN_MS
    refresh()
    announce([doc.clientID])
    void send()
  }

  const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return
    queued = merge(queued, update)
    persist()
    refresh()
    void send()
  }
  const onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin !== REMOTE) return announce([...added, ...updated, ...removed])
    // Someone new arrived: tell them who is here (nobody else would before the periodic renewal).
    if (added.length > 0 && awareness.getLocalState() !== null) announce([doc.clientID])
  }
  const onRemoteUpdate = (payload: { organisationId: string; update: Uint8Array }) => {
    if (payload.organisationId === organisationId) Y.applyUpdate(doc, new Uint8Array(payload.update), REMOTE)
  }
  const onRemoteAwareness = (payload: { organisationId: string; update: Uint8Array }) => {
    if (payload.organisationId === organisationId) applyAwarenessUpdate(awareness, new Uint8Array(payload.update), REMOTE)
  }
  const onConnect = () => void join()
  const onDisconnect = () => {
    session += 1
    joined = false
    requeueInFlight()
    clearTimeout(retryTimer)
    refresh()
  }
  // Leaving the page (reload, closed tab) runs no React clean-up: do its work here.
  const onPageHide = () => {
    sendRemaining()
    removeAwarenessStates(awareness, [doc.clientID], 'local')
  }
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (inFlight || queued) event.preventDefault()
  }

  doc.on('update', onLocalUpdate)
  awareness.on('update', onAwarenessUpdate)
  socket.on('notes:update', onRemoteUpdate)
  socket.on('notes:awareness', onRemoteAwareness)
  socket.on('connect', onConnect)
  socket.on('disconnect', onDisconnect)
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('beforeunload', onBeforeUnload)
  if (socket.connected) void join()

  return {
    text,
    awareness,
    status: () => status,
    error: () => failure,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setUser(user) {
      awareness.setLocalStateField('user', user)
    },
    retry() {
      if (socket.connected) return void join()
      failure = null
      refresh()
      socket.connect()
    },
    destroy() {
      // While still listening to the document's events: the others see this cursor go.
      sendRemaining()
      removeAwarenessStates(awareness, [doc.clientID], 'local')
      if (joined && socket.connected) socket.emit('notes:leave', { organisationId })
      destroyed = true
      clearTimeout(retryTimer)
      window.removeEventListener('pagehide', onPageHide)
      window.removeEventListener('beforeunload', onBeforeUnload)
      socket.off('notes:update', onRemoteUpdate)
      socket.off('notes:awareness', onRemoteAwareness)
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      awareness.off('update', onAwarenessUpdate)
      doc.off('update', onLocalUpdate)
      awareness.destroy()
      doc.destroy()
      listeners.clear()
    },
  }
}
