import { useState } from 'react'
import { Save } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { writeErrorMessage } from '../error-message.ts'
import {
  changedFields,
  conflictingRecordOf,
  FORM_FIELDS,
  formValuesOf,
  normalizedValue,
  pickFields,
  sameValue,
  type FormField,
  type OrganisationDetail,
  type OrganisationFormValues,
} from '../form.ts'
import { useOrganisationForm } from '../hooks/use-organisation-form.ts'
import { useUpdateOrganisation } from '../hooks/use-organisation-mutations.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import { OrganisationConflictDialog, type ConflictChoice } from './organisation-conflict-dialog.tsx'
import { OrganisationFormFields, type OwnerOption } from './organisation-form-fields.tsx'

/** The record edits are based on: its values and the version the server must still hold. */
interface Base {
  record: OrganisationDetail
  values: OrganisationFormValues
}

interface Conflict {
  /** What the user had started from before the other save, to show what the other person changed. */
  original: OrganisationFormValues
  fields: FormField[]
}

/** Saved; nothing to save; or the other person's version kept, so nothing was sent. */
export type SaveOutcome = 'saved' | 'unchanged' | 'theirs'

interface OrganisationEditFormProps {
  /** Read once: later refetches must not move the ground under what is being typed. */
  organisation: OrganisationDetail
  onSaved: (organisation: OrganisationDetail, outcome: SaveOutcome) => void
  onCancel: () => void
}

export function OrganisationEditForm({ organisation, onSaved, onCancel }: OrganisationEditFormProps) {
  const { t } = useTranslation()
  const [base, setBase] = useState<Base>(() => ({ record: organisation, values: formValuesOf(organisation) }))
  const form = useOrganisationForm(base.values)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const update = useUpdateOrganisation()
  const members = useTeamMembers({ teamId: organisation.teamId, activeOnly: true })
  const owners = ownerOptions(members.data?.items, base.record)

  const save = (values: OrganisationFormValues) => {
    setFormError(null)
    const data = form.validate(values)
    if (!data) return
    const fields = changedFields(base.values, values)
    if (fields.length === 0) {
      onSaved(base.record, 'unchanged')
      return
    }
    update.mutate(
      { id: base.record.id, version: base.record.version, data: pickFields(data, fields) },
      {
        onSuccess: (saved) => onSaved(saved, 'saved'),
        onError: (error) => handleError(error, values),
      },
    )
  }

  const handleError = (error: unknown, values: OrganisationFormValues) => {
    const current = errorKind(error) === 'conflict' ? conflictingRecordOf(error) : undefined
    if (current) {
      showConflict(current, values)
      return
    }
    switch (errorKind(error)) {
      case 'notFound':
        setFormError(t('organisation.edit.gone'))
        return
      case 'invalid':
        if (form.showServerErrors(fieldErrorsOf(error))) {
          setFormError(t('organisation.form.checkFields'))
          return
        }
        setFormError(t('organisation.edit.failed'))
        return
      default:
        setFormError(writeErrorMessage(error, t, t('organisation.edit.failed')))
    }
  }

  /**
   * Someone saved first. Fields only they changed are taken from their version, so that keeping
   * "mine" never reverts them; fields this user changed are put to the user, side by side.
   */
  const showConflict = (current: OrganisationDetail, values: OrganisationFormValues) => {
    const theirs = formValuesOf(current)
    const mine = changedFields(base.values, values)
    const merged = { ...theirs, ...Object.fromEntries(mine.map((field) => [field, values[field]])) }
    const disputed = mine.filter((field) => !sameValue(normalizedValue(field, merged), normalizedValue(field, theirs)))
    setBase({ record: current, values: theirs })
    form.setValues(merged)
    if (disputed.length === 0) {
      // Both made the very same changes: what is stored is already what this user wanted.
      onSaved(current, 'saved')
      return
    }
    setConflict({ original: base.values, fields: disputed })
  }

  const resolve = (choices: Record<FormField, ConflictChoice>) => {
    setConflict(null)
    const resolved = { ...form.values }
    for (const field of FORM_FIELDS) {
      if (choices[field] === 'theirs') Object.assign(resolved, { [field]: base.values[field] })
    }
    form.setValues(resolved)
    if (changedFields(base.values, resolved).length === 0) {
      onSaved(base.record, 'theirs')
      return
    }
    save(resolved)
  }

  const busy = update.isPending

  return (
    <>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={form.handleSubmit(() => save(form.values))}
        className="space-y-6"
        data-testid="organisation-edit-form"
      >
        {formError && (
          <Alert tone="error" data-testid="organisation-edit-error">
            {formError}
          </Alert>
        )}
        <OrganisationFormFields
          values={form.values}
          errors={form.errors}
          onChange={form.setField}
          owners={owners}
          disabled={busy}
        />
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 pt-5 sm:flex-row sm:justify-end dark:border-zinc-800">
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            {t('organisation.edit.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {!busy && <Save aria-hidden className="size-4" />}
            {t('organisation.edit.save')}
          </Button>
        </div>
      </form>
      {conflict && (
        <OrganisationConflictDialog
          name={base.record.name}
          fields={conflict.fields}
          original={conflict.original}
          mine={form.values}
          theirs={base.values}
          owners={owners}
          onResolve={resolve}
          onBackToEdit={() => setConflict(null)}
        />
      )}
    </>
  )
}

/** Active team members, plus the current owner if they are no longer one (so the value still shows). */
function ownerOptions(members: readonly OwnerOption[] | undefined, record: OrganisationDetail): OwnerOption[] {
  const options = [...(members ?? [])]
  if (record.owner && !options.some((option) => option.id === record.owner!.id)) options.push(record.owner)
  return options
}
