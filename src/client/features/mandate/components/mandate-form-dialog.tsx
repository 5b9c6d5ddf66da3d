import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { MANDATE_STATUSES, MANDATE_TYPES, mandateCreateInput } from '../../../../shared/schemas/mandate.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { requiredFieldErrors, type FieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { OrganisationPicker, type PickedOrganisation } from '../../person/components/organisation-picker.tsx'
import type { MandateDetail } from '../mandate-display.ts'
import { mandateErrorKey } from '../mandate-errors.ts'

type MandateType = (typeof MANDATE_TYPES)[number]
type MandateStatus = (typeof MANDATE_STATUSES)[number]

interface Values {
  organisation: PickedOrganisation | null
  reference: string
  type: MandateType
  status: MandateStatus
  startDate: string
  endDate: string
  notes: string
}

type Errors = FieldErrors<Values & { organisationId: string }>

function valuesOf(mandate?: MandateDetail): Values {
  return {
    organisation: mandate ? { id: mandate.organisation.id, name: mandate.organisation.name } : null,
    reference: mandate?.reference ?? '',
    type: mandate?.type ?? 'DISTRIBUTION',
    status: mandate?.status ?? 'DRAFT',
    startDate: mandate?.startDate ?? '',
    endDate: mandate?.endDate ?? '',
    notes: mandate?.notes ?? '',
  }
}

interface MandateFormDialogProps {
  open: boolean
  onClose: () => void
  /** The mandate to edit; without it the dialog creates one. */
  mandate?: MandateDetail
}

export function MandateFormDialog({ open, ...props }: MandateFormDialogProps) {
  return open ? <MandateFormDialogContent {...props} /> : null
}

function MandateFormDialogContent({ onClose, mandate }: Omit<MandateFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formId = useId()
  // The version the edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState(mandate)
  const [values, setValues] = useState(() => valuesOf(mandate))
  const [fieldErrors, setFieldErrors] = useState<Errors>({})

  const localise = (errors: Record<string, string[] | undefined>, fromServer: boolean): Errors => {
    const result: Errors = { ...errors }
    for (const [field, key] of Object.entries(messageKeys(errors, fromServer))) {
      if (key) result[field as keyof Errors] = [t(key)]
    }
    return result
  }

  const onError = (error: unknown) => {
    const current = (error as { data?: { details?: { current?: MandateDetail } | null } }).data?.details?.current
    if (errorKind(error) === 'conflict' && current) {
      queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: current.id }), current)
      setBase(current)
      setValues(valuesOf(current))
    }
    setFieldErrors(localise(fieldErrorsOf(error), true))
  }

  const afterSave = async (saved: MandateDetail) => {
    queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: saved.id }), saved)
    await Promise.all([
      queryClient.invalidateQueries(trpc.mandates.list.pathFilter()),
      queryClient.invalidateQueries(trpc.products.pathFilter()),
      queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
    ])
  }

  const create = useMutation(
    trpc.mandates.create.mutationOptions({
      onSuccess: async (saved) => {
        await afterSave(saved)
        onClose()
        await navigate({ to: '/mandates/$id', params: { id: saved.id } })
      },
      onError,
    }),
  )
  const update = useMutation(
    trpc.mandates.update.mutationOptions({
      onSuccess: async (saved) => {
        await afterSave(saved)
        onClose()
      },
      onError,
    }),
  )
  const mutation = base ? update : create

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const { organisation, ...fields } = values
    const parsed = mandateCreateInput.safeParse(
      { ...fields, organisationId: organisation?.id ?? '' },
      { error: requiredFieldErrors(t('common.required')) },
    )
    if (!parsed.success) {
      const errors = localise(z.flattenError(parsed.error).fieldErrors, false)
      setFieldErrors(errors)
      focusFirstInvalid(event.currentTarget)
      return
    }
    setFieldErrors({})
    const { productIds: _products, ...data } = parsed.data
    if (!base) {
      create.mutate(data)
      return
    }
    const changed = Object.fromEntries(
      Object.entries(data).filter(([key, value]) => (base[key as keyof typeof data] ?? null) !== (value ?? null)),
    ) as Partial<typeof data>
    if (Object.keys(changed).length === 0) onClose()
    else update.mutate({ id: base.id, version: base.version, data: changed })
  }

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const formErrorKey = mutation.error ? mandateErrorKey(mutation.error) : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={base ? t('mandate.form.editTitle') : t('mandate.form.createTitle')}
      description={t('mandate.form.description')}
      closeLabel={t('mandate.form.cancel')}
      dismissible={!mutation.isPending}
      size="lg"
      data-testid="mandate-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {t('mandate.form.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {base ? t('mandate.form.save') : t('mandate.form.create')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {formErrorKey && (
          <Alert tone={errorKind(mutation.error) === 'conflict' ? 'warning' : 'error'}>{t(formErrorKey)}</Alert>
        )}
        <OrganisationPicker
          label={t('mandate.form.organisation')}
          value={values.organisation}
          onChange={(organisation) => set('organisation', organisation)}
          types={['SUPPLIER']}
          teamId={base?.teamId}
          placeholder={t('mandate.form.organisationPlaceholder')}
          errors={fieldErrors.organisationId}
          autoFocus={!base}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t('mandate.form.reference')}
            name="reference"
            value={values.reference}
            onChange={(event) => set('reference', event.target.value)}
            errors={fieldErrors.reference}
            data-autofocus={base ? true : undefined}
          />
          <SelectField
            label={t('mandate.form.type')}
            name="type"
            value={values.type}
            onChange={(event) => set('type', event.target.value as MandateType)}
            errors={fieldErrors.type}
          >
            {MANDATE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`mandate.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('mandate.form.status')}
            name="status"
            value={values.status}
            onChange={(event) => set('status', event.target.value as MandateStatus)}
            errors={fieldErrors.status}
          >
            {MANDATE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`mandate.statuses.${status}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('mandate.form.startDate')}
            name="startDate"
            type="date"
            value={values.startDate}
            onChange={(event) => set('startDate', event.target.value)}
            errors={fieldErrors.startDate}
            className="[&_input]:dark:[color-scheme:dark]"
          />
          <TextField
            label={t('mandate.form.endDate')}
            name="endDate"
            type="date"
            value={values.endDate}
            onChange={(event) => set('endDate', event.target.value)}
            errors={fieldErrors.endDate}
            className="[&_input]:dark:[color-scheme:dark]"
          />
        </div>
        <TextareaField
          label={t('mandate.form.notes')}
          name="notes"
          rows={4}
          value={values.notes}
          onChange={(event) => set('notes', event.target.value)}
          errors={fieldErrors.notes}
        />
      </form>
    </Dialog>
  )
}

/** Once the messages are rendered, the first field marked invalid (in reading order) gets focus. */
function focusFirstInvalid(form: HTMLFormElement) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

type FieldMessageKey =
  | 'mandate.form.invalidDate'
  | 'mandate.form.endBeforeStart'
  | 'mandate.form.notSupplier'
  | 'mandate.form.organisationUnavailable'

/**
 * The shared schema and the server speak English for their own rules: these fields get messages in
 * the UI language (as translation keys, translated by the component).
 */
function messageKeys(
  errors: Record<string, string[] | undefined>,
  fromServer: boolean,
): Partial<Record<keyof Errors, FieldMessageKey>> {
  const keys: Partial<Record<keyof Errors, FieldMessageKey>> = {}
  for (const field of ['startDate', 'endDate'] as const) {
    if (errors[field]?.length) keys[field] = 'mandate.form.invalidDate'
  }
  if (errors.endDate?.some((message) => message.includes('before the start'))) {
    keys.endDate = 'mandate.form.endBeforeStart'
  }
  const organisation = errors.organisationId
  // Client-side, the only organisation problem is a missing one, already worded by the schema.
  if (fromServer && organisation?.length) {
    keys.organisationId = organisation.some((message) => message.includes('supplier'))
      ? 'mandate.form.notSupplier'
      : 'mandate.form.organisationUnavailable'
  }
  return keys
}
