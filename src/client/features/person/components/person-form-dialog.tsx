import { useRef, useState, type FormEvent } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { personCreateInput } from '../../../../shared/schemas/person.ts'
import { DuplicateWarning } from '../../duplicates/duplicate-warning.tsx'
import { useSimilarPeople } from '../../duplicates/use-similar-records.ts'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { RecordFormDialog } from '../../../components/record-form/record-form-dialog.tsx'
import { useRecordForm } from '../../../components/record-form/use-record-form.ts'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { validateForm } from '../../../lib/forms.ts'
import { useTRPC, useTRPCClient } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import type { PersonDetail } from '../person-display.ts'
import { personErrorKey } from '../person-errors.ts'
import { OrganisationPicker, type PickedOrganisation } from './organisation-picker.tsx'

const PERSON_FIELDS = ['firstName', 'lastName', 'jobTitle', 'email', 'phone', 'linkedinUrl', 'notes'] as const
type PersonField = (typeof PERSON_FIELDS)[number]
type Values = Record<PersonField, string>

/** The shared rules, minus the team (a form always writes to the viewer's team). */
const personFormInput = personCreateInput.omit({ teamId: true })

function valuesOf(person?: PersonDetail): Values {
  return Object.fromEntries(PERSON_FIELDS.map((field) => [field, person?.[field] ?? ''])) as Values
}

interface PersonFormDialogProps {
  open: boolean
  onClose: () => void
  /** The person to edit; without it the dialog creates one, optionally linked to an organisation. */
  person?: PersonDetail
  /** A new contact of this organisation (from the organisation's page). */
  organisation?: PickedOrganisation
}

export function PersonFormDialog({ open, ...props }: PersonFormDialogProps) {
  return open ? <PersonFormDialogContent {...props} /> : null
}

function PersonFormDialogContent({ onClose, person, organisation: initialOrganisation }: Omit<PersonFormDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const viewer = useViewer()
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(initialOrganisation ?? null)
  const [role, setRole] = useState('')
  const [isPrimary, setIsPrimary] = useState(false)

  const form = useRecordForm({
    record: person,
    valuesOf,
    validate: (values) => {
      const links = organisation ? [{ organisationId: organisation.id, role, isPrimary }] : []
      return validateForm(personFormInput, { ...values, links })
    },
    create: (data) => client.people.create.mutate(data),
    update: (input) => client.people.update.mutate(input),
    // An edit changes the person's own fields; links are managed on the person's page.
    changes: (base, data) => {
      const changed = PERSON_FIELDS.filter((field) => (base[field] ?? null) !== (data[field] ?? null))
      return Object.fromEntries(changed.map((field) => [field, data[field]]))
    },
    // The only link of this form is the organisation picked: its problems are told at its fields.
    localise: (errors, cause) => {
      if (!errors.links?.length) return errors
      return 'error' in cause
        ? { ...errors, organisationId: [t('person.form.organisationUnavailable')] }
        : { ...errors, role: [t('person.form.roleInvalid')] }
    },
    onConflict: (current) => queryClient.setQueryData(trpc.people.byId.queryKey({ id: current.id }), current),
    onSaved: async (saved, created) => {
      queryClient.setQueryData(trpc.people.byId.queryKey({ id: saved.id }), saved)
      await Promise.all([
        queryClient.invalidateQueries(trpc.people.list.pathFilter()),
        queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
      ])
      onClose()
      if (created) await navigate({ to: '/people/$id', params: { id: saved.id } })
    },
    onUnchanged: onClose,
    errorText: (error) => {
      const key = personErrorKey(error)
      return key && t(key)
    },
  })
  const { base, values, fieldErrors } = form
  const similar = useSimilarPeople({ firstName: values.firstName, lastName: values.lastName, email: values.email, excludeId: base?.id })
  // On creation, a look-alike stops the first attempt; "créer quand même" goes through.
  const createAnyway = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)
  const warningRef = useRef<HTMLDivElement>(null)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!base && similar.length > 0 && !createAnyway.current) {
      event.preventDefault()
      warningRef.current?.querySelector<HTMLElement>('button')?.focus()
      return
    }
    form.dialog.onSubmit(event)
  }

  const field = (name: PersonField) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) => form.set(name, event.target.value),
    errors: fieldErrors[name],
  })

  return (
    <RecordFormDialog
      title={base ? t('person.form.editTitle') : t('person.form.createTitle')}
      cancelLabel={t('person.form.cancel')}
      submitLabel={base ? t('person.form.save') : t('person.form.create')}
      size="lg"
      onClose={onClose}
      {...form.dialog}
      onSubmit={onSubmit}
      formRef={formRef}
      data-testid="person-form-dialog"
    >
      {!base && (
        <div ref={warningRef}>
          <DuplicateWarning
            matches={similar}
            to="/people/$id"
            busy={form.dialog.pending}
            onCreateAnyway={() => {
              createAnyway.current = true
              formRef.current?.requestSubmit()
            }}
          />
        </div>
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
    </RecordFormDialog>
  )
}
