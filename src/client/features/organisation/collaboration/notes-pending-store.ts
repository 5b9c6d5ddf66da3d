import * as Y from 'yjs'

/** Where a tab keeps the notes changes the server has not acknowledged yet. */
export interface PendingStore {
  /** Takes every change left unacknowledged by earlier tabs (closed offline, crashed), merged. */
  adopt(): Uint8Array | null
  /** Replaces this tab's unacknowledged changes (null: none left). */
  save(update: Uint8Array | null): void
}

const PREFIX = 'alforis.notes.pending'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}

/**
 * Unacknowledged notes changes in localStorage, one key per tab (so two tabs never overwrite each
 * other), per user and organisation: typing offline then closing the tab loses nothing, the next
 * opening sends it. Storage is a safety net only: when it is unavailable or full, nothing breaks.
 */
export function localPendingStore(userId: string, organisationId: string, storage: Storage = localStorage): PendingStore {
  const scope = `${PREFIX}:${userId}:${organisationId}:`
  const key = `${scope}${crypto.randomUUID()}`
  return {
    adopt() {
      try {
        const updates: Uint8Array[] = []
        for (const other of Object.keys(storage)) {
          if (!other.startsWith(scope) || other === key) continue
          const value = storage.getItem(other)
          storage.removeItem(other)
          if (value) updates.push(fromBase64(value))
        }
        return updates.length === 0 ? null : Y.mergeUpdates(updates)
      } catch {
        return null
      }
    },
    save(update) {
      try {
        if (update) storage.setItem(key, toBase64(update))
        else storage.removeItem(key)
      } catch {
        // Full or forbidden: the changes still go out while the tab is open.
      }
    },
  }
}
