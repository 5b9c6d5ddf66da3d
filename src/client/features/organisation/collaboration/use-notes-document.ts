import { useEffect, useState, useSyncExternalStore } from 'react'
import { connectSocket } from '../../../lib/socket.ts'
import { localPendingStore } from './notes-pending-store.ts'
import { createNotesSync, type NotesStatus, type NotesSync, type NotesUser } from './notes-sync.ts'

export interface NotesDocument {
  /** Null until the sync is set up (the first render). */
  sync: NotesSync | null
  status: NotesStatus
  error: string | null
  retry: () => void
  /** Starts again from what the server holds (after a refused change). */
  reload: () => void
}

const noSubscription = () => () => undefined

/**
 * The organisation's co-edited notes for as long as the component is mounted: a Yjs document kept
 * in sync over the tab's socket, and this user's presence in it (name and colour by the cursor).
 */
export function useNotesDocument(organisationId: string, userId: string, user: NotesUser): NotesDocument {
  const [sync, setSync] = useState<NotesSync | null>(null)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    const next = createNotesSync(connectSocket(), organisationId, localPendingStore(userId, organisationId))
    setSync(next)
    return () => {
      next.destroy()
      setSync(null)
    }
    // A new generation is a fresh document, read again from the server.
  }, [organisationId, userId, generation])

  const { name, color, colorLight } = user
  useEffect(() => sync?.setUser({ name, color, colorLight }), [sync, name, color, colorLight])

  const status = useSyncExternalStore(sync?.subscribe ?? noSubscription, () => sync?.status() ?? 'loading')
  return { sync, status, error: status === 'error' ? (sync?.error() ?? null) : null, retry: () => sync?.retry(), reload: () => setGeneration((value) => value + 1) }
}
