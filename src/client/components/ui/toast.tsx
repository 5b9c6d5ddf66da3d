import { useSyncExternalStore } from 'react'
import { CircleAlert, CircleCheck, TriangleAlert, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { cn } from '../../lib/cn.ts'
import { focusRing } from './button.tsx'

// The one toast of the client: the outcome of an action ("Activité enregistrée — Annuler", "20
// enregistrements modifiés — Annuler", a refused move). A module-level store so any component (or
// mutation callback) can show one without a provider; the Toaster in the app layout renders them.

const TONES = {
  success: { icon: CircleCheck, className: 'text-emerald-600 dark:text-emerald-400' },
  warning: { icon: TriangleAlert, className: 'text-amber-600 dark:text-amber-400' },
  error: { icon: CircleAlert, className: 'text-red-600 dark:text-red-400' },
} as const

export interface ToastInput {
  /** A confirmation by default; a refusal is a warning or an error. */
  tone?: keyof typeof TONES
  title?: string
  message: string
  /** Offered when the action can be taken back: "Annuler" runs it and closes the toast. */
  onUndo?: () => void
}

interface Toast extends ToastInput {
  id: number
}

// Refusals stay longer: they explain something the user did not expect.
const DURATION_MS = { success: 8_000, warning: 12_000, error: 12_000 }
let toasts: Toast[] = []
let nextId = 1
const listeners = new Set<() => void>()

function emit() {
  for (const listener of listeners) listener()
}

export function dismissToast(id: number) {
  toasts = toasts.filter((toast) => toast.id !== id)
  emit()
}

export function showToast(toast: ToastInput): number {
  const id = nextId++
  // At most three at once: the oldest goes first.
  toasts = [...toasts.slice(-2), { ...toast, id }]
  emit()
  setTimeout(() => dismissToast(id), DURATION_MS[toast.tone ?? 'success'])
  return id
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function Toaster() {
  const { t } = useTranslation()
  const current = useSyncExternalStore(subscribe, () => toasts)
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:px-6"
    >
      {current.map((toast) => {
        const tone = TONES[toast.tone ?? 'success']
        return (
          <div
            key={toast.id}
            data-testid="toast"
            data-tone={toast.tone ?? 'success'}
            className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border border-zinc-200 bg-white px-4 py-3 text-sm text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
          >
            <tone.icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', tone.className)} />
            <div className="min-w-0 flex-1">
              {toast.title && <p className="font-semibold">{toast.title}</p>}
              <p className={cn(toast.title && 'mt-0.5')}>{toast.message}</p>
            </div>
            {toast.onUndo && (
              <button
                type="button"
                onClick={() => {
                  dismissToast(toast.id)
                  toast.onUndo?.()
                }}
                className={cn('shrink-0 rounded font-semibold text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}
              >
                {t('toast.undo')}
              </button>
            )}
            <button
              type="button"
              aria-label={t('toast.close')}
              onClick={() => dismissToast(toast.id)}
              className={cn('shrink-0 rounded p-0.5 text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-white', focusRing)}
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
        )
      })}
    </div>
  )
}
