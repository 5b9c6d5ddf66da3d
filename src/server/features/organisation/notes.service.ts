import * as Y from 'yjs'
import { notesDocName } from '../../../shared/realtime/collaboration.ts'
import { NOTES_MAX_LENGTH } from '../../../shared/schemas/organisation.ts'
import type { PrismaClient } from '../../db/client.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Db } from '../scope.ts'

// The organisation's notes are a Yjs document: every acknowledged update is a row, so a reload or a
// restart keeps every keystroke that was acknowledged. The plain `notes` column mirrors its text
// for lists, search, exports and the API.

const TEXT = 'notes'
const COMPACT_AFTER = 200

async function lockDocument(db: Db, docName: string) {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${docName}))`
}

async function readUpdates(db: Db, docName: string) {
  return db.documentUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' }, select: { id: true, update: true } })
}

function textOf(state: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc.getText(TEXT).toString()
}

/** The whole document as one update; created from the plain notes the first time it is opened. */
export async function loadNotesState(prisma: PrismaClient, organisationId: string): Promise<Uint8Array> {
  const docName = notesDocName(organisationId)
  let rows = await readUpdates(prisma, docName)
  if (rows.length === 0 || rows.length > COMPACT_AFTER) {
    rows = await prisma.$transaction(async (tx) => {
      await lockDocument(tx, docName)
      const current = await readUpdates(tx, docName)
      if (current.length === 0) {
        const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { notes: true } })
        const doc = new Y.Doc()
        if (organisation?.notes) doc.getText(TEXT).insert(0, organisation.notes)
        const row = await tx.documentUpdate.create({ data: { docName, update: new Uint8Array(Y.encodeStateAsUpdate(doc)) }, select: { id: true, update: true } })
        return [row]
      }
      if (current.length <= COMPACT_AFTER) return current
      // Compaction: the merged update replaces the rows it covers, in one transaction.
      const merged = Y.mergeUpdates(current.map((row) => row.update))
      await tx.documentUpdate.deleteMany({ where: { docName, id: { lte: current[current.length - 1].id } } })
      return [await tx.documentUpdate.create({ data: { docName, update: new Uint8Array(merged) }, select: { id: true, update: true } })]
    })
  }
  return Y.mergeUpdates(rows.map((row) => row.update))
}

/** Stores an update after checking it is a well-formed Yjs update; throws on garbage. */
/** A notes update that would take the text past `NOTES_MAX_LENGTH`: refused, like the same text through the API. */
export class NotesTooLongError extends Error {
  constructor() {
    super(`Notes are limited to ${NOTES_MAX_LENGTH} characters`)
  }
}

/**
 * Stores one update (malformed ones throw). Under the document's lock, so that the length check
 * sees every earlier update; the rows are compacted here too once there are many, so that a long
 * typing session never makes each keystroke read a long history.
 */
export async function appendNotesUpdate(prisma: PrismaClient, organisationId: string, update: Uint8Array, userId: string) {
  Y.decodeUpdate(update)
  const docName = notesDocName(organisationId)
  await prisma.$transaction(async (tx) => {
    await lockDocument(tx, docName)
    const rows = await readUpdates(tx, docName)
    const stored = rows.map((row) => row.update)
    const merged = Y.mergeUpdates([...stored, update])
    const length = textOf(merged).length
    // Shortening an over-long text (from before the limit) stays possible.
    if (length > NOTES_MAX_LENGTH && length > textOf(Y.mergeUpdates(stored)).length) throw new NotesTooLongError()
    if (rows.length < COMPACT_AFTER) {
      await tx.documentUpdate.create({ data: { docName, update: new Uint8Array(update), userId } })
      return
    }
    await tx.documentUpdate.deleteMany({ where: { docName, id: { lte: rows[rows.length - 1].id } } })
    await tx.documentUpdate.create({ data: { docName, update: new Uint8Array(merged), userId } })
  })
}

/** Copies the document's text to the `notes` column, with an activity entry naming the editors. */
export async function mirrorNotes(prisma: PrismaClient, organisationId: string, editorIds: string[]): Promise<void> {
  const state = Y.mergeUpdates((await readUpdates(prisma, notesDocName(organisationId))).map((row) => row.update))
  const text = textOf(state)
  await prisma.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { notes: true, teamId: true, name: true } })
    if (!organisation || (organisation.notes ?? '') === text) return
    // No version bump: the notes merge character by character, they never conflict with a form.
    await tx.organisation.update({ where: { id: organisationId }, data: { notes: text } })
    await appendEvent(tx, {
      type: 'organisation.notes_edited',
      entity: 'organisation',
      entityId: organisationId,
      teamId: organisation.teamId,
      actorId: editorIds[0] ?? null,
      payload: { name: organisation.name, editorIds, changes: { notes: { from: organisation.notes ?? '', to: text } } },
    })
  })
}

/** Applies a whole-text replacement (a form or API edit of `notes`) to the document. */
export async function replaceNotesText(tx: Db, organisationId: string, text: string, userId: string): Promise<void> {
  const docName = notesDocName(organisationId)
  await lockDocument(tx, docName)
  const rows = await readUpdates(tx, docName)
  if (rows.length === 0) return // not opened yet: it will start from the column
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.mergeUpdates(rows.map((row) => row.update)))
  const before = Y.encodeStateVector(doc)
  const shared = doc.getText(TEXT)
  doc.transact(() => {
    shared.delete(0, shared.length)
    shared.insert(0, text)
  })
  await tx.documentUpdate.create({ data: { docName, update: new Uint8Array(Y.encodeStateAsUpdate(doc, before)), userId } })
}
