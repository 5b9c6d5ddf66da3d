import { useId, useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { personLinkInput } from '../../../../shared/schemas/person.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { fieldErrorsOf } from '../../../lib/errors.ts'
import { localFieldErrors, requiredFieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import type { PersonDetail, PersonLink } from '../person-display.ts'
import { personErrorKey } from '../person-errors.ts'
import { OrganisationPicker, type PickedOrganisation } from './organisation-picker.tsx'

const TEXT_FIELDS = ['role', 'jobTitle', 'workEmail', 'workPhone'] as const
type TextValues = Record<(typeof TEXT_FIELDS)[number], string>

interface PersonLinkDialogProps {
  open: boolean
  onClose: () => void
  person: PersonDetail
  /** The link to edit; without it the dialog links the person to a new organisation. */
  link?: PersonLink
}

export function PersonLinkDialog({ open, ...props }: PersonLinkDialogProps) {
  return open ? <PersonLinkDialogContent {...props} /> : null
}

function PersonLinkDialogContent({ onClose, person, link }: Omit<PersonLinkDialogProps, 'open'>) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const formId = useId()
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(link ? link.organisation : null)
  const [values, setValues] = useState<TextValues>(
    () => Object.fromEntries(TEXT_FIELDS.map((field) => [field, link?.[field] ?? ''])) as TextValues,
  )
  const [isPrimary, setIsPrimary] = useState(link?.isPrimary ?? false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({})

  const save = useMutation(
    trpc.people.link.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.people.byId.queryKey({ id: saved.id }), saved)
        onClose()
        await Promise.all([
          queryClient.invalidateQueries(trpc.people.list.pathFilter()),
          queryClient.invalidateQueries(trpc.organisations.byId.pathFilter()),
        ])
      },
      onError: (error) => setFieldErrors(fieldErrorsOf(error)),
    }),
  )

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const parsed = personLinkInput.safeParse(
      { personId: person.id, organisationId: organisation?.id ?? '', ...values, isPrimary },
      { error: requiredFieldErrors() },
    )
    if (!parsed.success) {
      setFieldErrors(localFieldErrors(parsed.error))
      const form = event.currentTarget
      // Once the messages are rendered, the first field marked invalid (in reading order) gets focus.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    setFieldErrors({})
    save.mutate(parsed.data)
  }

  const field = (name: keyof TextValues) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
    errors: fieldErrors[name],
  })
  const serverMessageKey = save.error ? personErrorKey(save.error) : null
  const organisationErrors = fieldErrors.organisationId?.length
    ? [organisation ? t('person.form.organisationUnavailable') : t('common.required')]
    : undefined

  return (
    <Dialog
      open
      onClose={onClose}
      title={link ? t('person.links.editTitle', { organisation: link.organisation.name }) : t('person.links.addTitle')}
      description={t('person.links.dialogDescription')}
      closeLabel={t('person.form.cancel')}
      dismissible={!save.isPending}
      data-testid="person-link-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
            {t('person.form.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={save.isPending}>
            {link ? t('person.form.save') : t('person.links.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {serverMessageKey && <Alert tone="error">{t(serverMessageKey)}</Alert>}
        {!link && (
          <OrganisationPicker
            label={t('person.form.organisation')}
            value={organisation}
            onChange={setOrganisation}
            teamId={person.teamId}
            excludeIds={person.organisationLinks.map((existing) => existing.organisationId)}
            errors={organisationErrors}
            autoFocus
          />
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('person.form.role')} data-autofocus={link ? true : undefined} {...field('role')} />
          <TextField label={t('person.links.jobTitle')} {...field('jobTitle')} />
          <TextField label={t('person.links.workEmail')} type="email" inputMode="email" {...field('workEmail')} />
          <TextField label={t('person.links.workPhone')} type="tel" inputMode="tel" {...field('workPhone')} />
        </div>
        <CheckboxField
          label={t('person.form.isPrimary')}
          description={t('person.form.isPrimaryHint')}
          checked={isPrimary}
          onChange={(event) => setIsPrimary(event.currentTarget.checked)}
        />
      </form>
    </Dialog>
  )
}
