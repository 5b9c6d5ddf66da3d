import { EditorView } from '@codemirror/view'

// The editor looks like the app's <Textarea> (components/ui/textarea.tsx): same border, radius,
// padding, text and focus outline, in Tailwind's palette (its CSS variables when present).
const color = (name: string, fallback: string) => `var(--color-${name}, ${fallback})`
const zinc = {
  100: color('zinc-100', 'oklch(96.7% 0.001 286.375)'),
  300: color('zinc-300', 'oklch(87.1% 0.006 286.286)'),
  400: color('zinc-400', 'oklch(70.5% 0.015 286.067)'),
  500: color('zinc-500', 'oklch(55.2% 0.016 285.938)'),
  700: color('zinc-700', 'oklch(37% 0.013 285.805)'),
  900: color('zinc-900', 'oklch(21% 0.006 285.885)'),
}
const indigo = {
  400: color('indigo-400', 'oklch(67.3% 0.182 276.935)'),
  500: color('indigo-500', 'oklch(58.5% 0.233 277.117)'),
}

interface Palette {
  background: string
  text: string
  border: string
  placeholder: string
  focus: string
  selection: string
}

const light: Palette = {
  background: 'white',
  text: zinc[900],
  border: zinc[300],
  // Placeholders are text too: 4.5:1 on the editor's background (WCAG 1.4.3).
  placeholder: zinc[500],
  focus: indigo[500],
  selection: `color-mix(in oklab, ${indigo[500]} 22%, transparent)`,
}

const dark: Palette = {
  background: zinc[900],
  text: zinc[100],
  border: zinc[700],
  placeholder: zinc[400],
  focus: indigo[400],
  selection: `color-mix(in oklab, ${indigo[400]} 35%, transparent)`,
}

function notesTheme(palette: Palette, isDark: boolean) {
  return EditorView.theme(
    {
      '&': {
        backgroundColor: palette.background,
        color: palette.text,
        border: `1px solid ${palette.border}`,
        borderRadius: '0.5rem',
        boxShadow: '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        fontSize: '0.875rem',
        // A little taller than the textarea's lines: a remote cursor's name tag fits between them.
        lineHeight: '1.5rem',
      },
      '&.cm-focused': { outline: `2px solid ${palette.focus}`, outlineOffset: '-1px' },
      '.cm-scroller': { fontFamily: 'inherit', lineHeight: 'inherit', minHeight: '7.5rem' },
      '.cm-content': { padding: '0.5rem 0.75rem', caretColor: palette.text },
      '.cm-line': { padding: '0' },
      '.cm-placeholder': { color: palette.placeholder },
      '&.cm-focused .cm-cursor': { borderLeftColor: palette.text },
      '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection': {
        backgroundColor: palette.selection,
      },
      '.cm-content[aria-readonly=true]': { cursor: 'default' },
      // Remote cursors: the name always shows, as a small tag in the app's font.
      '.cm-ySelectionInfo': {
        opacity: '1',
        top: '-0.75rem',
        height: '0.75rem',
        fontFamily: 'inherit',
        fontSize: '0.625rem',
        fontWeight: '500',
        lineHeight: '0.75rem',
        borderRadius: '0.25rem 0.25rem 0.25rem 0',
        padding: '0 0.25rem',
      },
      '.cm-ySelectionCaretDot': { display: 'none' },
    },
    { dark: isDark },
  )
}

export const notesLightTheme = notesTheme(light, false)
export const notesDarkTheme = notesTheme(dark, true)
