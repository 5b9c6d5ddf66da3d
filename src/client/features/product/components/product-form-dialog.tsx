import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  productCreateInput,
  type ProductCreateInput,
} from '../../../../shared/schemas/product.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { requiredFieldErrors, type FieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
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
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formId = useId()
  // The version the edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState(product)
  const [values, setValues] = useState(() => valuesOf(product))
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Values>>({})

  const onError = (error: unknown) => {
    const errors: FieldErrors<Values> = fieldErrorsOf(error)
    if (errorKind(error) === 'conflict') {
      const { current, existing } = conflictDetails(error)
      if (current && base) {
        queryClient.setQueryData(trpc.products.byId.queryKey({ id: base.id }), current)
        setBase(current)
        setValues(valuesOf(current))
      } else if (errors.isin) {
        errors.isin = [
          existing ? t('product.form.isinTaken', { name: existing.name }) : t('product.form.isinTakenUnknown'),
        ]
      }
    }
    setFieldErrors(errors)
  }

  const afterSave = async (saved: ProductDetail) => {
    queryClient.setQueryData(trpc.products.byId.queryKey({ id: saved.id }), saved)
    await Promise.all([
      queryClient.invalidateQueries(trpc.products.list.pathFilter()),
      queryClient.invalidateQueries(trpc.mandates.pathFilter()),
    ])
  }

  const create = useMutation(
    trpc.products.create.mutationOptions({
      onSuccess: async (saved) => {
        await afterSave(saved)
        onClose()
        await navigate({ to: '/products/$id', params: { id: saved.id } })
      },
      onError,
    }),
  )
  const update = useMutation(
    trpc.products.update.mutationOptions({
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
    const parsed = productCreateInput.safeParse(values, { error: requiredFieldErrors(t('common.required')) })
    if (!parsed.success) {
      const schemaErrors = z.flattenError(parsed.error).fieldErrors
      const errors: FieldErrors<Values> = { ...schemaErrors }
      for (const [field, key] of Object.entries(messageKeys(schemaErrors, values))) {
        if (key) errors[field as keyof Values] = [t(key)]
      }
      setFieldErrors(errors)
      const form = event.currentTarget
      // Once the messages are rendered, the first field marked invalid (in reading order) gets focus.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setFieldErrors({})
    const { teamId: _team, ...data } = parsed.data
    if (!base) {
      create.mutate(data)
      return
    }
    const changed = Object.fromEntries(
      Object.entries(data).filter(([key, value]) => base[key as keyof typeof data] !== value),
    ) as Partial<typeof data>
    if (Object.keys(changed).length === 0) onClose()
    else update.mutate({ id: base.id, version: base.version, data: changed })
  }

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }))
  const formErrorKey = mutation.error ? productErrorKey(mutation.error) : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={base ? t('product.form.editTitle') : t('product.form.createTitle')}
      description={t('product.form.description')}
      closeLabel={t('product.form.cancel')}
      dismissible={!mutation.isPending}
      data-testid="product-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {t('product.form.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {base ? t('product.form.save') : t('product.form.create')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {formErrorKey && (
          <Alert tone={errorKind(mutation.error) === 'conflict' ? 'warning' : 'error'}>{t(formErrorKey)}</Alert>
        )}
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
      </form>
    </Dialog>
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
  errors: FieldErrors<ProductCreateInput>,
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
