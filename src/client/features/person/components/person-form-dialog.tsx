import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { personCreateInput } from '../../../../shared/schemas/person.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { requiredFieldErrors, type FieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import type { PersonDetail } from '../person-display.ts'
import { personErrorKey } from '../person-errors.ts'
import { withPhoneMessage } from '../person-form-errors.ts'
import { OrganisationPicker, type PickedOrganisation } from './organisation-picker.tsx'

const PERSON_FIELDS = ['firstName', 'lastName', 'jobTitle', 'email', 'phone', 'linkedinUrl', 'notes'] as const
type PersonField = (typeof PERSON_FIELDS)[number]
type Values = Record<PersonField, string>

function valuesOf(person?: PersonDetail): Values {
  return Object.fromEntries(PERSON_FIELDS.map((field) => [field, person?.[field] ?? ''])) as Values
}

interface PersonFormDialogProps {
  open: boolean
  onClose: () => void
  /** The person to edit; without it the dialog creates one, optionally linked to an organisation. */
  person?: PersonDetail
}

export function PersonFormDialog({ open, ...props }: PersonFormDialogProps) {
  return open ? <PersonFormDialogContent {...props} /> : null
}

function PersonFormDialogContent({ onClose, person }: Omit<PersonFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const viewer = useViewer()
  const formId = useId()
  // The version the edit is based on; replaced by the current one after a conflict.
  const [base, setBase] = useState(person)
  const [values, setValues] = useState(() => valuesOf(person))
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(null)
  const [role, setRole] = useState('')
  const [isPrimary, setIsPrimary] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Values & { organisationId: string; role: string }>>({})

  const onError = (error: unknown) => {
    const current = (error as { data?: { details?: { current?: PersonDetail } | null } }).data?.details?.current
    if (errorKind(error) === 'conflict' && current) {
      queryClient.setQueryData(trpc.people.byId.queryKey({ id: current.id }), current)
      setBase(current)
      setValues(valuesOf(current))
    }
    const errors = withPhoneMessage(fieldErrorsOf(error), t('person.form.phoneInvalid'))
    // Link errors come back on `links`; the only link of this form is the organisation picked.
    if (errors.links?.length) errors.organisationId = [t('person.form.organisationUnavailable')]
    setFieldErrors(errors)
  }

  const afterSave = async (saved: PersonDetail) => {
    queryClient.setQueryData(trpc.people.byId.queryKey({ id: saved.id }), saved)
    await Promise.all([
      queryClient.invalidateQueries(trpc.people.list.pathFilter()),
      queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
    ])
  }

  const create = useMutation(
    trpc.people.create.mutationOptions({
      onSuccess: async (saved) => {
        await afterSave(saved)
        onClose()
        await navigate({ to: '/people/$id', params: { id: saved.id } })
      },
      onError,
    }),
  )
  const update = useMutation(
    trpc.people.update.mutationOptions({
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
    const links = organisation ? [{ organisationId: organisation.id, role, isPrimary }] : []
    const parsed = personCreateInput.safeParse(
      { ...values, links },
      { error: requiredFieldErrors(t('common.required')) },
    )
    if (!parsed.success) {
      const errors = withPhoneMessage(z.flattenError(parsed.error).fieldErrors, t('person.form.phoneInvalid'))
      if (errors.links?.length) errors.role = [t('person.form.roleInvalid')]
      setFieldErrors(errors)
      const form = event.currentTarget
      // Once the messages are rendered, the first field marked invalid (in reading order) gets focus.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setFieldErrors({})
    const { teamId: _team, links: parsedLinks, ...data } = parsed.data
    if (!base) {
      create.mutate({ ...data, links: parsedLinks })
      return
    }
    const changed = Object.fromEntries(
      PERSON_FIELDS.filter((field) => (base[field] ?? null) !== (data[field] ?? null)).map((field) => [
        field,
        data[field],
      ]),
    )
    if (Object.keys(changed).length === 0) onClose()
    else update.mutate({ id: base.id, version: base.version, data: changed })
  }

  const field = (name: PersonField) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
    errors: fieldErrors[name],
  })
  const formErrorKey = mutation.error ? personErrorKey(mutation.error) : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={base ? t('person.form.editTitle') : t('person.form.createTitle')}
      closeLabel={t('person.form.cancel')}
      dismissible={!mutation.isPending}
      size="lg"
      data-testid="person-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {t('person.form.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {base ? t('person.form.save') : t('person.form.create')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {formErrorKey && (
          <Alert tone={errorKind(mutation.error) === 'conflict' ? 'warning' : 'error'}>{t(formErrorKey)}</Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('person.form.firstName')} autoComplete="off" data-autofocus {...field('firstName')} />
          <TextField label={t('person.form.lastName')} autoComplete="off" {...field('lastName')} />
          <TextField label={t('person.form.jobTitle')} {...field('jobTitle')} />
          <TextField label={t('person.form.email')} type="email" inputMode="email" {...field('email')} />
          <TextField label={t('person.form.phone')} type="tel" inputMode="tel" {...field('phone')} />
          <TextField
            label={t('person.form.linkedinUrl')}
            inputMode="url"
            placeholder="linkedin.com/in/…"
            {...field('linkedinUrl')}
          />
        </div>
        {!base && (
          <fieldset className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <legend className="px-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('person.form.linkLegend')}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <OrganisationPicker
                label={t('person.form.organisation')}
                value={organisation}
                onChange={setOrganisation}
                errors={fieldErrors.organisationId}
                teamId={viewer.teamId ?? undefined}
                clearable
              />
              <TextField
                label={t('person.form.role')}
                name="role"
                value={role}
                onChange={(event) => setRole(event.target.value)}
                errors={fieldErrors.role}
                disabled={!organisation}
              />
            </div>
            <CheckboxField
              label={t('person.form.isPrimary')}
              description={t('person.form.isPrimaryHint')}
              checked={isPrimary}
              onChange={(event) => setIsPrimary(event.currentTarget.checked)}
              disabled={!organisation}
            />
          </fieldset>
        )}
        <TextareaField label={t('person.form.notes')} rows={3} {...field('notes')} />
      </form>
    </Dialog>
  )
}
