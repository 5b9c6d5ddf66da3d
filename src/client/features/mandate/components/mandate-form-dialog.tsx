import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { MANDATE_STATUSES, MANDATE_TYPES, mandateCreateInput } from '../../../../shared/schemas/mandate.ts'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { useRecordForm } from '../../../components/record-form/use-record-form.ts'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { validateForm, type FormErrors } from '../../../lib/forms.ts'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
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
  /** A new mandate with this supplier (from the organisation's page). */
  organisation?: PickedOrganisation
}

export function MandateFormDialog({ open, ...props }: MandateFormDialogProps) {
  return open ? <MandateFormDialogContent {...props} /> : null
}

function MandateFormDialogContent({ onClose, mandate, organisation }: Omit<MandateFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const navigate = useNavigate()

  const localise = (errors: FormErrors, cause: { values: Values } | { error: unknown }): FormErrors => {
    const result: FormErrors = { ...errors }
    for (const [field, key] of Object.entries(messageKeys(errors, 'error' in cause))) {
      if (key) result[field] = [t(key)]
    }
    return result
  }

  const form = useRecordForm({
    record: mandate,
    valuesOf,
    initialValues: organisation ? { ...valuesOf(), organisation } : undefined,
    validate: ({ organisation: picked, ...fields }) => {
      const result = validateForm(mandateCreateInput, { ...fields, organisationId: picked?.id ?? '' })
      if (!result.success) return result
      const { productIds: _products, ...data } = result.data
      return { success: true, data }
    },
    create: (data) => client.mandates.create.mutate(data),
    update: (input) => client.mandates.update.mutate(input),
    localise,
    onConflict: (current) => queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: current.id }), current),
    onSaved: async (saved, created) => {
      queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: saved.id }), saved)
      await Promise.all([
        queryClient.invalidateQueries(trpc.mandates.list.pathFilter()),
        queryClient.invalidateQueries(trpc.products.pathFilter()),
        queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      ])
      onClose()
      if (created) await navigate({ to: '/mandates/$id', params: { id: saved.id } })
    },
    onUnchanged: onClose,
    errorText: (error) => {
      const key = mandateErrorKey(error)
      return key && t(key)
    },
  })
  const { base, values, set, fieldErrors } = form

  return (
    <RecordFormDialog
      title={base ? t('mandate.form.editTitle') : t('mandate.form.createTitle')}
      description={t('mandate.form.description')}
      cancelLabel={t('mandate.form.cancel')}
      submitLabel={base ? t('mandate.form.save') : t('mandate.form.create')}
      size="lg"
      onClose={onClose}
      {...form.dialog}
      data-testid="mandate-form-dialog"
    >
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
    </RecordFormDialog>
  )
}

type FieldMessageKey = 'mandate.form.notSupplier' | 'mandate.form.organisationUnavailable'

/**
 * Field messages already arrive in the UI language (the shared validation table); only the server's
 * organisation checks get a mandate-specific wording here.
 */
function messageKeys(
  errors: Record<string, string[] | undefined>,
  fromServer: boolean,
): Partial<Record<'organisationId', FieldMessageKey>> {
  const keys: Partial<Record<'organisationId', FieldMessageKey>> = {}
  const organisation = errors.organisationId
  // Client-side, the only organisation problem is a missing one, already worded by the schema.
  if (fromServer && organisation?.length) {
    keys.organisationId = organisation.some((message) => message.includes('supplier'))
      ? 'mandate.form.notSupplier'
      : 'mandate.form.organisationUnavailable'
  }
  return keys
}
