import { useEffect, useState } from 'react'
import { Save } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { PersonTag } from '../../../components/ui/person-tag.tsx'
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
import { FieldPresenceTag } from '../collaboration/presence-bar.tsx'
import { useFieldValueFormatter } from '../collaboration/field-values.ts'
import { changedByLabel, type FieldHighlight, type FieldHighlights } from '../collaboration/use-organisation-live.ts'
import { usePresence } from '../collaboration/use-organisation-presence.ts'
import { OrganisationConflictDialog, type ConflictChoice } from './organisation-conflict-dialog.tsx'
import { OrganisationFormFields, type FieldAnnotation, type OwnerOption } from './organisation-form-fields.tsx'

/** The record edits are based on: its values and the version the server must still hold. */
interface Base {
  record: OrganisationDetail
  /** What the form compares with to know what this user changed: `record`, plus others' live saves. */
  values: OrganisationFormValues
  /** `record` as it was: what a conflict shows as the starting point. */
  original: OrganisationFormValues
}

function baseOf(record: OrganisationDetail): Base {
  const values = formValuesOf(record)
  return { record, values, original: values }
}

interface Conflict {
  /** What the user had started from before the other save, to show what the other person changed. */
  original: OrganisationFormValues
  fields: FormField[]
}

/** Saved; nothing to save; or the other person's version kept, so nothing was sent. */
export type SaveOutcome = 'saved' | 'unchanged' | 'theirs'

/** A field someone else saved while this user was changing it: settled by the conflict dialog on save. */
type Clash = FieldHighlight & { value: string }

interface OrganisationEditFormProps {
  /**
   * The record as the server holds it now, kept live. Fields someone else saves flow into the form
   * when this user has not touched them; touched ones are kept, and settled on save.
   */
  organisation: OrganisationDetail
  /** Who just changed which field, to say so in place. */
  highlights: FieldHighlights
  onSaved: (organisation: OrganisationDetail, outcome: SaveOutcome) => void
  onCancel: () => void
}

export function OrganisationEditForm({ organisation, highlights, onSaved, onCancel }: OrganisationEditFormProps) {
  const { t } = useTranslation()
  const presence = usePresence()
  const [base, setBase] = useState<Base>(() => baseOf(organisation))
  const form = useOrganisationForm(base.values)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  /** The latest server record already merged into the form. */
  const [merged, setMerged] = useState(organisation)
  const [clashes, setClashes] = useState<Partial<Record<FormField, Clash>>>({})
  const update = useUpdateOrganisation()
  const members = useTeamMembers({ teamId: organisation.teamId, activeOnly: true })
  const owners = ownerOptions(members.data?.items, base.record)
  const formatValue = useFieldValueFormatter((id) => owners.find((owner) => owner.id === id)?.name)

  // Someone else saved: take in the fields this user has not touched. The version edits are based
  // on stays the same, so the server still refuses a touched field that changed meanwhile.
  useEffect(() => {
    if (conflict || organisation.version <= merged.version) return
    const before = formValuesOf(merged)
    const after = formValuesOf(organisation)
    setMerged(organisation)
    const remote = FORM_FIELDS.filter((field) => !sameValue(normalizedValue(field, before), normalizedValue(field, after)))
    const untouched = remote.filter(
      (field) =>
        sameValue(normalizedValue(field, form.values), normalizedValue(field, base.values)) ||
        sameValue(normalizedValue(field, form.values), normalizedValue(field, after)),
    )
    const touched = remote.filter((field) => !untouched.includes(field))
    if (untouched.length > 0) {
      const patch = Object.fromEntries(untouched.map((field) => [field, after[field]])) as Partial<OrganisationFormValues>
      setBase((current) => ({ ...current, values: { ...current.values, ...patch } }))
      form.setValues((current) => ({ ...current, ...patch }))
    }
    if (touched.length > 0) {
      const unknown: FieldHighlight = { name: null, color: '#d97706', eventId: '' }
      setClashes((current) => ({
        ...current,
        ...Object.fromEntries(
          touched.map((field) => [field, { ...(highlights[field] ?? unknown), value: formatValue(field, after[field]) }]),
        ),
      }))
    }
    // Runs when a newer record arrives; the form's own state is read as it is at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisation, conflict])

  const { setField } = presence
  useEffect(() => () => setField(null), [setField])

  const annotate = (field: FormField): FieldAnnotation | undefined => {
    const editors = presence.collaborators.filter((person) => person.field === field && person.status === 'active')
    const clash = clashes[field]
    const highlight = highlights[field]
    if (editors.length === 0 && !clash && !highlight) return undefined
    const who = (entry: FieldHighlight) => entry.name ?? t('collaboration.live.someone')
    return {
      color: editors[0]?.color ?? clash?.color ?? highlight?.color,
      tag: editors.length > 0 ? <FieldPresenceTag people={editors} /> : undefined,
      note: clash ? (
        <p className="mt-1.5 text-xs text-amber-700 dark:text-amber-400" data-testid="field-clash">
          {t('collaboration.live.clash', { name: who(clash), value: clash.value })}
        </p>
      ) : highlight ? (
        <p className="mt-1.5">
          <PersonTag color={highlight.color} data-testid="field-highlight">
            {changedByLabel(t, highlight)}
          </PersonTag>
        </p>
      ) : undefined,
    }
  }

  /** The newest of what this form started from and what the server sent since. */
  const latest = () => (merged.version > base.record.version ? merged : base.record)

  const save = (values: OrganisationFormValues) => {
    setFormError(null)
    const data = form.validate(values)
    if (!data) return
    const fields = changedFields(base.values, values)
    if (fields.length === 0) {
      onSaved(latest(), 'unchanged')
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
    const mergedValues = { ...theirs, ...Object.fromEntries(mine.map((field) => [field, values[field]])) }
    const disputed = mine.filter((field) => !sameValue(normalizedValue(field, mergedValues), normalizedValue(field, theirs)))
    setBase(baseOf(current))
    if (current.version > merged.version) setMerged(current)
    setClashes({})
    form.setValues(mergedValues)
    if (disputed.length === 0) {
      // Both made the very same changes: what is stored is already what this user wanted.
      onSaved(current, 'saved')
      return
    }
    setConflict({ original: base.original, fields: disputed })
  }

  const resolve = (choices: Record<FormField, ConflictChoice>) => {
    setConflict(null)
    const resolved = { ...form.values }
    for (const field of FORM_FIELDS) {
      if (choices[field] === 'theirs') Object.assign(resolved, { [field]: base.values[field] })
    }
    form.setValues(resolved)
    if (changedFields(base.values, resolved).length === 0) {
      onSaved(latest(), 'theirs')
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
        // Tells the others which field this user is in; leaving the form clears it.
        onFocus={(event) => {
          const name = (event.target as { name?: unknown }).name
          if (typeof name === 'string' && (FORM_FIELDS as readonly string[]).includes(name)) presence.setField(name)
        }}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) presence.setField(null)
        }}
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
          hideNotes
          annotate={annotate}
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
