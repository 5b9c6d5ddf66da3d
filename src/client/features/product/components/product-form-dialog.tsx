import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import {
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  productCreateInput,
} from '../../../../shared/schemas/product.ts'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { useRecordForm } from '../../../components/record-form/use-record-form.ts'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { validateForm, type FormErrors } from '../../../lib/forms.ts'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
import { productErrorKey } from '../product-errors.ts'
import type { ProductDetail } from '../product-display.ts'

type Kind = (typeof PRODUCT_KINDS)[number]
type Status = (typeof PRODUCT_STATUSES)[number]

interface Values {
  name: string
  isin: string
  kind: Kind
  status: Status
  currency: string
}

const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/

/** The shared rules, minus the team (a form always writes to the viewer's or the record's team). */
const productFormInput = productCreateInput.omit({ teamId: true })

function valuesOf(product?: ProductDetail): Values {
  return {
    name: product?.name ?? '',
    isin: product?.isin ?? '',
    kind: product?.kind ?? 'FUND',
    status: product?.status ?? 'ACTIVE',
    currency: product?.currency ?? '',
  }
}

interface ProductFormDialogProps {
  open: boolean
  onClose: () => void
  /** The product to edit; without it the dialog creates one. */
  product?: ProductDetail
}

export function ProductFormDialog({ open, ...props }: ProductFormDialogProps) {
  return open ? <ProductFormDialogContent {...props} /> : null
}

function ProductFormDialogContent({ onClose, product }: Omit<ProductFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const navigate = useNavigate()

  const localise = (errors: FormErrors, cause: { values: Values } | { error: unknown }): FormErrors => {
    const result: FormErrors = { ...errors }
    if ('values' in cause) {
      for (const [field, key] of Object.entries(messageKeys(errors, cause.values))) {
        if (key) result[field] = [t(key)]
      }
    } else if (errorKind(cause.error) === 'conflict' && errors.isin) {
      // Not a stale edit (the form is reloaded then): the ISIN belongs to another product of the team.
      const { existing } = conflictDetails(cause.error)
      result.isin = [existing ? t('product.form.isinTaken', { name: existing.name }) : t('product.form.isinTakenUnknown')]
    }
    return result
  }

  const form = useRecordForm({
    record: product,
    valuesOf,
    validate: (values) => validateForm(productFormInput, values),
    create: (data) => client.products.create.mutate(data),
    update: (input) => client.products.update.mutate(input),
    localise,
    onConflict: (current) => queryClient.setQueryData(trpc.products.byId.queryKey({ id: current.id }), current),
    onSaved: async (saved, created) => {
      queryClient.setQueryData(trpc.products.byId.queryKey({ id: saved.id }), saved)
      await Promise.all([
        queryClient.invalidateQueries(trpc.products.list.pathFilter()),
        queryClient.invalidateQueries(trpc.mandates.pathFilter()),
      ])
      onClose()
      if (created) await navigate({ to: '/products/$id', params: { id: saved.id } })
    },
    onUnchanged: onClose,
    errorText: (error) => {
      const key = productErrorKey(error)
      return key && t(key)
    },
  })
  const { base, values, fieldErrors } = form
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      form.set(key, value)

  return (
    <RecordFormDialog
      title={base ? t('product.form.editTitle') : t('product.form.createTitle')}
      description={t('product.form.description')}
      cancelLabel={t('product.form.cancel')}
      submitLabel={base ? t('product.form.save') : t('product.form.create')}
      onClose={onClose}
      {...form.dialog}
      data-testid="product-form-dialog"
    >
      <TextField
        label={t('product.form.name')}
        name="name"
        value={values.name}
        onChange={(event) => set('name')(event.target.value)}
        errors={fieldErrors.name}
        data-autofocus
      />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <TextField
          label={t('product.form.isin')}
          name="isin"
          value={values.isin}
          onChange={(event) => set('isin')(event.target.value)}
          errors={fieldErrors.isin}
          placeholder="FR0010315770"
          autoCapitalize="characters"
          spellCheck={false}
          className="[&_input]:font-mono"
        />
        <TextField
          label={t('product.form.currency')}
          name="currency"
          value={values.currency}
          onChange={(event) => set('currency')(event.target.value)}
          errors={fieldErrors.currency}
          placeholder="EUR"
          maxLength={3}
          autoCapitalize="characters"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('product.form.kind')}
          name="kind"
          value={values.kind}
          onChange={(event) => set('kind')(event.target.value as Kind)}
          errors={fieldErrors.kind}
        >
          {PRODUCT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`product.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('product.form.status')}
          name="status"
          value={values.status}
          onChange={(event) => set('status')(event.target.value as Status)}
          errors={fieldErrors.status}
        >
          {PRODUCT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`product.statuses.${status}`)}
            </option>
          ))}
        </SelectField>
      </div>
    </RecordFormDialog>
  )
}

function conflictDetails(error: unknown): { current?: ProductDetail; existing?: { name: string } } {
  const details = (error as { data?: { details?: unknown } } | undefined)?.data?.details
  return details && typeof details === 'object' ? details : {}
}

type FieldMessageKey =
  | 'common.required'
  | 'product.form.isinCheckDigit'
  | 'product.form.isinShape'
  | 'product.form.currencyInvalid'

/**
 * The shared schema speaks English for its own rules: these fields get messages in the UI language
 * (as translation keys, translated by the component).
 */
function messageKeys(
  errors: FormErrors,
  values: Values,
): Partial<Record<keyof Values, FieldMessageKey>> {
  const keys: Partial<Record<keyof Values, FieldMessageKey>> = {}
  if (errors.isin?.length) {
    const isin = values.isin.replace(/\s+/g, '').toUpperCase()
    if (isin === '') keys.isin = 'common.required'
    else keys.isin = ISIN_SHAPE.test(isin) ? 'product.form.isinCheckDigit' : 'product.form.isinShape'
  }
  if (errors.currency?.length) keys.currency = 'product.form.currencyInvalid'
  return keys
}
