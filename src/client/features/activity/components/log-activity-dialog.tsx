import { useId, useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { INTERACTION_KINDS, interactionCreateInput } from '../../../../shared/schemas/interaction.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { CheckboxField } from '../../../components/ui/checkbox.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { SegmentedControl } from '../../../components/ui/segmented-control.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { TextareaField } from '../../../components/ui/textarea.tsx'
import { showToast } from '../../../components/ui/toast.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { localFieldErrors, requiredFieldErrors } from '../../../lib/forms.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { OrganisationPicker, type PickedOrganisation } from '../../person/components/organisation-picker.tsx'
import { AssigneeSelect } from '../../task/components/assignee-select.tsx'
import { dateTimeInput, isoFromInput, KIND_ICONS, type ActivitySubject, type InteractionKind } from '../activity-kinds.ts'
import { useRefreshActivity } from '../hooks/use-activity-cache.ts'

interface LogActivityDialogProps {
  subject: ActivitySubject
  kind: InteractionKind
  viewerId: string
  onClose: () => void
}

type Errors = Record<string, string[] | undefined>

const inAWeek = () => {
  const date = new Date(Date.now() + 7 * 24 * 3_600_000)
  date.setHours(9, 0, 0, 0)
  return date
}

/**
 * Logs a call, e-mail, meeting or note about the record the user is on, now by default, with its
 * organisation and people already filled in, and optionally the task that follows from it.
 */
export function LogActivityDialog({ subject, kind: initialKind, viewerId, onClose }: LogActivityDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const refresh = useRefreshActivity()
  const formId = useId()
  const [kind, setKind] = useState<InteractionKind>(initialKind)
  const [occurredAt, setOccurredAt] = useState(() => dateTimeInput(new Date()))
  const [summary, setSummary] = useState('')
  const [body, setBody] = useState('')
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(subject.organisation)
  const people = [...subject.people, ...(subject.suggestedPeople ?? []).filter((person) => !subject.people.some((p) => p.id === person.id))]
  const [personIds, setPersonIds] = useState(() => new Set(subject.people.map((person) => person.id)))
  const [followUp, setFollowUp] = useState(false)
  const [followUpTitle, setFollowUpTitle] = useState('')
  const [followUpDue, setFollowUpDue] = useState(() => dateTimeInput(inAWeek()))
  const [followUpAssignee, setFollowUpAssignee] = useState(viewerId)
  const [errors, setErrors] = useState<Errors>({})
  const [submitted, setSubmitted] = useState(false)

  const remove = useMutation(trpc.interactions.delete.mutationOptions({ onSettled: () => void refresh() }))
  const removeTask = useMutation(trpc.tasks.delete.mutationOptions({ onSettled: () => void refresh() }))
  const create = useMutation(
    trpc.interactions.create.mutationOptions({
      onSuccess: (logged) => {
        void refresh()
        onClose()
        showToast({
          message: logged.followUpTaskId ? t('activity.logged.withTask', { kind: t(`activity.kinds.${logged.kind}`) }) : t('activity.logged.plain', { kind: t(`activity.kinds.${logged.kind}`) }),
          onUndo: () => {
            remove.mutate({ id: logged.id })
            if (logged.followUpTaskId) removeTask.mutate({ id: logged.followUpTaskId })
          },
        })
      },
      onError: (error) => setErrors(fieldErrorsOf(error)),
    }),
  )

  const candidate = () => ({
    kind,
    occurredAt: occurredAt ? isoFromInput(occurredAt) : '',
    summary,
    body,
    organisationId: organisation?.id ?? null,
    personIds: [...personIds],
    followUp: followUp
      ? { title: followUpTitle, dueAt: followUpDue ? isoFromInput(followUpDue) : null, assigneeId: followUpAssignee || null }
      : undefined,
  })

  const validate = () => {
    const parsed = interactionCreateInput.safeParse(candidate(), { error: requiredFieldErrors() })
    return parsed.success ? { data: parsed.data, errors: {} } : { data: null, errors: localFieldErrors(parsed.error) }
  }

  // After a first attempt, messages follow the typing.
  const revalidate = () => {
    if (submitted) queueMicrotask(() => setErrors(validate().errors))
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitted(true)
    const { data, errors: found } = validate()
    setErrors(found)
    if (!data) {
      const form = event.currentTarget
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    create.mutate(data)
  }

  const togglePerson = (id: string, checked: boolean) => {
    setPersonIds((current) => {
      const next = new Set(current)
      if (checked) next.add(id)
      else next.delete(id)
      return next
    })
    revalidate()
  }

  const subjectError = errors.organisationId ?? errors.personIds
  const formError = create.error && Object.keys(fieldErrorsOf(create.error)).length === 0 ? create.error : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('activity.dialog.title')}
      closeLabel={t('activity.dialog.cancel')}
      dismissible={!create.isPending}
      size="lg"
      data-testid="log-activity-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            {t('activity.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            {t('activity.dialog.save')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {formError && <Alert tone="error">{t(errorKind(formError) === 'forbidden' ? 'activity.errors.forbidden' : 'activity.errors.failed')}</Alert>}
        <SegmentedControl
          legend={t('activity.dialog.kind')}
          value={kind}
          onChange={setKind}
          options={INTERACTION_KINDS.map((value) => ({ value, label: t(`activity.kinds.${value}`), icon: KIND_ICONS[value] }))}
        />
        <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
          <TextField
            label={t('activity.dialog.summary')}
            name="summary"
            value={summary}
            maxLength={300}
            onChange={(event) => {
              setSummary(event.target.value)
              revalidate()
            }}
            errors={errors.summary}
            data-autofocus
          />
          <TextField
            label={t('activity.dialog.occurredAt')}
            name="occurredAt"
            type="datetime-local"
            value={occurredAt}
            onChange={(event) => {
              setOccurredAt(event.target.value)
              revalidate()
            }}
            errors={errors.occurredAt}
            className="[&_input]:dark:[color-scheme:dark]"
          />
        </div>
        <TextareaField
          label={t('activity.dialog.body')}
          name="body"
          rows={3}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          errors={errors.body}
        />
        <OrganisationPicker
          label={t('activity.dialog.organisation')}
          value={organisation}
          onChange={(picked) => {
            setOrganisation(picked)
            revalidate()
          }}
          teamId={subject.teamId}
          errors={errors.organisationId}
          clearable
        />
        {people.length > 0 && (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('activity.dialog.people')}</legend>
            {people.map((person) => (
              <CheckboxField
                key={person.id}
                label={person.name}
                checked={personIds.has(person.id)}
                onChange={(event) => togglePerson(person.id, event.target.checked)}
              />
            ))}
          </fieldset>
        )}
        {subjectError && !errors.organisationId && <Alert tone="error">{subjectError[0]}</Alert>}
        <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <CheckboxField
            label={t('activity.dialog.followUp')}
            description={t('activity.dialog.followUpHint')}
            checked={followUp}
            onChange={(event) => {
              setFollowUp(event.target.checked)
              if (event.target.checked && !followUpTitle) {
                setFollowUpTitle(t('activity.dialog.followUpDefault', { name: organisation?.name ?? people[0]?.name ?? '' }).trim())
              }
              revalidate()
            }}
          />
          {followUp && (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              <TextField
                label={t('activity.dialog.followUpTitle')}
                name="followUpTitle"
                value={followUpTitle}
                onChange={(event) => {
                  setFollowUpTitle(event.target.value)
                  revalidate()
                }}
                errors={errors.followUp}
                className="sm:col-span-2"
              />
              <TextField
                label={t('activity.dialog.followUpDue')}
                name="followUpDue"
                type="datetime-local"
                value={followUpDue}
                onChange={(event) => setFollowUpDue(event.target.value)}
                className="[&_input]:dark:[color-scheme:dark]"
              />
              <AssigneeSelect teamId={subject.teamId} value={followUpAssignee} onChange={setFollowUpAssignee} />
            </div>
          )}
        </div>
      </form>
    </Dialog>
  )
}
