import { useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { errorKind, fieldErrorsOf } from '../../lib/errors.ts'
import type { FormErrors, FormValidation } from '../../lib/forms.ts'
import { changedValues, focusFirstInvalid } from './record-form-dialog.tsx'

interface Versioned {
  id: string
  version: number
}

interface RecordFormOptions<Saved extends Versioned, Values, Data extends object> {
  /** The record to edit; without it the form creates one. */
  record?: Saved
  /** What the inputs hold for a record (blank without one); again after a conflict reloads it. */
  valuesOf: (record?: Saved) => Values
  /** The first values when they are not the record's (a new record prefilled from where the user is). */
  initialValues?: Values
  /** The shared schema's verdict on the values (`validateForm`), as the data the API takes. */
  validate: (values: Values) => FormValidation<Data>
  create: (data: Data) => Promise<Saved>
  update: (input: { id: string; version: number; data: Partial<Data> }) => Promise<Saved>
  /** What an edit sends: by default the fields that differ from the record it started from. */
  changes?: (base: Saved, data: Data, values: Values) => Partial<Data>
  /** A form's own wording for some fields' messages, from its checks or the server's answer. */
  localise?: (errors: FormErrors, cause: { values: Values } | { error: unknown }) => FormErrors
  /** The record the server holds now, after a conflict: the form is reloaded with it. */
  onConflict?: (current: Saved) => void
  onSaved: (saved: Saved, created: boolean) => unknown
  /** An edit that changes nothing: no request, the form just closes. */
  onUnchanged: () => void
  /** The banner's words for a failed save (null: its field messages say it all). */
  errorText: (error: unknown) => string | null
}

/**
 * The submit side every record form shares (mandates, products, tasks, people): validate with the
 * shared schema, create or send only what changed, show field messages from either side, and on a
 * conflict reload the current record so that saving again is a knowing choice.
 */
export function useRecordForm<Saved extends Versioned, Values, Data extends object>(options: RecordFormOptions<Saved, Values, Data>) {
  const { valuesOf, localise = (errors) => errors } = options
  // The version the edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState(options.record)
  const [values, setValues] = useState<Values>(() => options.initialValues ?? valuesOf(options.record))
  const [fieldErrors, setFieldErrors] = useState<FormErrors>({})

  const onError = (error: unknown) => {
    const current = (error as { data?: { details?: { current?: Saved } | null } }).data?.details?.current
    if (errorKind(error) === 'conflict' && current && base) {
      options.onConflict?.(current)
      setBase(current)
      setValues(valuesOf(current))
    }
    setFieldErrors(localise(fieldErrorsOf(error), { error }))
  }
  const create = useMutation({ mutationFn: options.create, onSuccess: (saved) => options.onSaved(saved, true), onError })
  const update = useMutation({ mutationFn: options.update, onSuccess: (saved) => options.onSaved(saved, false), onError })
  const mutation = base ? update : create

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const result = options.validate(values)
    if (!result.success) {
      setFieldErrors(localise(result.errors, { values }))
      focusFirstInvalid(event.currentTarget)
      return
    }
    setFieldErrors({})
    if (!base) {
      create.mutate(result.data)
      return
    }
    const changed = options.changes ? options.changes(base, result.data, values) : changedValues(base as Partial<Record<keyof Data, unknown>>, result.data)
    if (Object.keys(changed).length === 0) options.onUnchanged()
    else update.mutate({ id: base.id, version: base.version, data: changed })
  }

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }))

  const errorText = mutation.error ? options.errorText(mutation.error) : null
  return {
    base,
    values,
    set,
    fieldErrors,
    /** What RecordFormDialog takes from the form: its save, whether it runs, and how it failed. */
    dialog: {
      onSubmit,
      pending: mutation.isPending,
      error: errorText ? { message: errorText, conflict: errorKind(mutation.error) === 'conflict' } : null,
    },
  }
}
