import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react'
import { X } from 'lucide-react'
import { cn } from '../../lib/cn.ts'
import { Button } from './button.tsx'

const SIZES = {
  sm: 'max-w-md',
  md: 'max-w-lg',
  lg: 'max-w-2xl',
  xl: 'max-w-4xl',
} as const

interface DialogProps {
  open: boolean
  onClose: () => void
  title: string
  description?: ReactNode
  children?: ReactNode
  /** Actions, right-aligned under the body; on phones they stack, the first one at the bottom. */
  footer?: ReactNode
  size?: keyof typeof SIZES
  /** `alertdialog` for questions that interrupt the user (confirmations, conflicts). */
  role?: 'dialog' | 'alertdialog'
  /** Accessible name of the corner close button; without it, no such button is shown. */
  closeLabel?: string
  /** False while something must finish first (a save in flight): Escape and the backdrop do nothing. */
  dismissible?: boolean
  className?: string
  'data-testid'?: string
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the rest of the page
 * inert and puts it on the top layer; Escape and a click on the backdrop close it. Focus goes to the
 * element marked `data-autofocus`, else the first focusable one, and returns to the opener on close.
 */
export function Dialog({ open, ...props }: DialogProps) {
  if (!open) return null
  return <OpenDialog {...props} />
}

function OpenDialog({
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  role = 'dialog',
  closeLabel,
  dismissible = true,
  className,
  ...props
}: Omit<DialogProps, 'open'>) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useLayoutEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    // React does not render `autoFocus` as an attribute, so the browser cannot see it: mark instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    const { overflow } = document.body.style
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = overflow
      if (dialog.open) dialog.close()
      if (previouslyFocused?.isConnected) previouslyFocused.focus()
    }
  }, [])

  // Read through a ref so the listener registered once always sees the latest props.
  const latest = useRef({ onClose, dismissible })
  useEffect(() => {
    latest.current = { onClose, dismissible }
  })

  const requestClose = () => {
    if (latest.current.dismissible) latest.current.onClose()
  }

  return (
    <dialog
      ref={dialogRef}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      // The browser would close the element itself; React owns whether it is open.
      onCancel={(event) => {
        event.preventDefault()
        requestClose()
      }}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) requestClose()
      }}
      className={cn(
        'm-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-hidden rounded-xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-200',
        'backdrop:bg-zinc-950/60 dark:bg-zinc-900 dark:text-zinc-100 dark:shadow-black/50 dark:ring-zinc-800',
        SIZES[size],
        className,
      )}
      {...props}
    >
      <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
        <div className="flex items-start gap-4 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900 dark:text-white">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </div>
            )}
          </div>
          {closeLabel && (
            <Button
              variant="ghost"
              size="icon"
              className="-mt-1 -mr-2 size-8"
              aria-label={closeLabel}
              disabled={!dismissible}
              onClick={requestClose}
            >
              <X aria-hidden className="size-4" />
            </Button>
          )}
        </div>
        {children && <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>}
        {footer && (
          <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 bg-zinc-50 px-5 py-3 sm:flex-row sm:justify-end dark:border-zinc-800 dark:bg-zinc-950/40">
            {footer}
          </div>
        )}
      </div>
    </dialog>
  )
}

interface ConfirmDialogProps {
  open: boolean
  title: string
  description: ReactNode
  confirmLabel: string
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
  /** Shows a spinner on the confirm button and keeps the dialog open until the action ends. */
  loading?: boolean
  tone?: 'primary' | 'danger'
  /** Shown above the buttons, e.g. why the last attempt failed. */
  error?: ReactNode
  'data-testid'?: string
}

/** A yes/no question; the safe answer has focus first, so Enter never destroys anything by accident. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  loading = false,
  tone = 'primary',
  error,
  ...props
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      description={description}
      role="alertdialog"
      size="sm"
      dismissible={!loading}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} disabled={loading} data-autofocus>
            {cancelLabel}
          </Button>
          <Button variant={tone} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </>
      }
      {...props}
    >
      {error}
    </Dialog>
  )
}
