import { useEffect, useRef } from 'react'
import { defaultKeymap } from '@codemirror/commands'
import { Compartment, EditorState, Transaction, type Extension } from '@codemirror/state'
import { EditorView, keymap, placeholder } from '@codemirror/view'
import { useTheme } from 'next-themes'
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next'
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { cspNonce } from '../../../lib/csp-nonce.ts'
import { notesDarkTheme, notesLightTheme } from './notes-editor-theme.ts'

interface NotesEditorProps {
  text: Y.Text
  awareness: Awareness
  editable: boolean
  placeholder: string
  label: string
  /** Longest text allowed: typing or pasting beyond it is refused, and `onTooLong` is called. */
  maxLength: number
  onTooLong: () => void
}

interface EditorSettings {
  editable: boolean
  placeholder: string
  label: string
  dark: boolean
}

/** What may change while the editor lives: swapped in place, without losing the selection. */
function settingsExtension({ editable, placeholder: hint, label, dark }: EditorSettings): Extension {
  return [
    EditorView.editable.of(editable),
    EditorState.readOnly.of(!editable),
    placeholder(hint),
    EditorView.contentAttributes.of({ 'aria-label': label }),
    dark ? notesDarkTheme : notesLightTheme,
  ]
}

/**
 * Plain-text CodeMirror bound to a Yjs text: every keystroke goes into the shared document, remote
 * changes come in with their authors' cursors, and undo only takes back this user's own typing.
 */
export function NotesEditor({ text, awareness, editable, placeholder: hint, label, maxLength, onTooLong }: NotesEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const limit = useRef({ maxLength, onTooLong })
  useEffect(() => {
    limit.current = { maxLength, onTooLong }
  })
  const view = useRef<EditorView | null>(null)
  const settings = useRef(new Compartment())
  const dark = useTheme().resolvedTheme === 'dark'

  useEffect(() => {
    const undoManager = new Y.UndoManager(text)
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          // Its themes go into a <style> element, which the Content-Security-Policy admits by nonce.
          EditorView.cspNonce.of(cspNonce() ?? ''),
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          yCollab(text, awareness, { undoManager }),
          // Only this user's own input: the others' changes (no user event) always apply.
          EditorState.transactionFilter.of((transaction) => {
            if (!transaction.docChanged || transaction.annotation(Transaction.userEvent) === undefined) return transaction
            const { length } = transaction.newDoc
            if (length <= limit.current.maxLength || length <= transaction.startState.doc.length) return transaction
            limit.current.onTooLong()
            return []
          }),
          // Filled by the effect below, which runs right after this one.
          settings.current.of([]),
        ],
      }),
    })
    view.current = editor
    return () => {
      view.current = null
      editor.destroy()
      undoManager.destroy()
    }
  }, [text, awareness])

  useEffect(() => {
    view.current?.dispatch({ effects: settings.current.reconfigure(settingsExtension({ editable, placeholder: hint, label, dark })) })
  }, [text, awareness, editable, hint, label, dark])

  return <div ref={host} data-testid="notes-editor" />
}
