import { useId, type ComponentProps, type FormEvent, type ReactNode, type Ref } from 'react'
import { Alert } from '../ui/alert.tsx'
import { Button } from '../ui/button.tsx'
import { Dialog } from '../ui/dialog.tsx'

interface RecordFormDialogProps {
  title: string
  description?: string
  cancelLabel: string
  /** The corner button's name, when it is not the cancel button's. */
  closeLabel?: string
  submitLabel: string
  /** The save is running: the dialog cannot be dismissed and the submit button spins. */
  pending: boolean
  size?: ComponentProps<typeof Dialog>['size']
  onClose: () => void
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  /** The last save's error, translated; a conflict is a warning (the form now holds the current record). */
  error?: { message: string; conflict: boolean } | null | false
  /** The form element, for a form that submits itself (the duplicate warning's "créer quand même"). */
  formRef?: Ref<HTMLFormElement>
  'data-testid'?: string
  children: ReactNode
}

/** The dialog every record form shares (records, users): the form, its save error, Cancel and the submit button. */
export function RecordFormDialog({
  title,
  description,
  cancelLabel,
  closeLabel = cancelLabel,
  submitLabel,
  pending,
  size,
  onClose,
  onSubmit,
  error,
  formRef,
  'data-testid': testId,
  children,
}: RecordFormDialogProps) {
  const formId = useId()
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={description}
      closeLabel={closeLabel}
      dismissible={!pending}
      size={size}
      data-testid={testId}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4">
        {error && <Alert tone={error.conflict ? 'warning' : 'error'}>{error.message}</Alert>}
        {children}
      </form>
    </Dialog>
  )
}

/** Once the messages are rendered, the first field marked invalid (in reading order) gets focus. */
export function focusFirstInvalid(form: HTMLFormElement) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

/** The fields of an edit that differ from the record it started from (null and undefined alike). */
export function changedValues<Data extends object>(base: Partial<Record<keyof Data, unknown>>, data: Data): Partial<Data> {
  return Object.fromEntries(
    Object.entries(data).filter(([key, value]) => (base[key as keyof Data] ?? null) !== (value ?? null)),
  ) as Partial<Data>
}
