import { useId, useRef, useState } from 'react'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { errorKind, fieldErrorsOf } from '../../../lib/errors.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { DuplicateWarning } from '../../duplicates/duplicate-warning.tsx'
import { useSimilarOrganisations } from '../../duplicates/use-similar-records.ts'
import { writeErrorMessage } from '../error-message.ts'
import { emptyFormValues } from '../form.ts'
import { useCreateOrganisation } from '../hooks/use-organisation-mutations.ts'
import { useOrganisationForm } from '../hooks/use-organisation-form.ts'
import { useTeamMembers } from '../hooks/use-team-members.ts'
import { OrganisationFormFields } from './organisation-form-fields.tsx'

interface OrganisationCreateDialogProps {
  open: boolean
  onClose: () => void
}

export function OrganisationCreateDialog({ open, onClose }: OrganisationCreateDialogProps) {
  // Mounted only while open, so every opening starts from a blank form.
  return open ? <CreateForm onClose={onClose} /> : null
}

function CreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const viewer = useViewer()
  const navigate = useNavigate()
  const formId = useId()
  const members = useTeamMembers({ teamId: viewer.teamId, activeOnly: true })
  const form = useOrganisationForm(emptyFormValues(viewer.teamId ? viewer.id : null))
  const [formError, setFormError] = useState<string | null>(null)
  const create = useCreateOrganisation()
  const similar = useSimilarOrganisations({ name: form.values.name, email: form.values.email, website: form.values.website })
  // A look-alike stops the first attempt; "créer quand même" goes through.
  const createAnyway = useRef(false)
  const warningRef = useRef<HTMLDivElement>(null)

  const submit = form.handleSubmit((data) => {
    setFormError(null)
    if (similar.length > 0 && !createAnyway.current) {
      warningRef.current?.querySelector<HTMLElement>('button')?.focus()
      return
    }
    create.mutate(data, {
      onSuccess: (created) => {
        onClose()
        void navigate({ to: '/organisations/$id', params: { id: created.id } })
      },
      onError: (error) => {
        if (errorKind(error) === 'invalid' && form.showServerErrors(fieldErrorsOf(error))) {
          setFormError(t('organisation.form.checkFields'))
          return
        }
        setFormError(writeErrorMessage(error, t, t('organisation.create.failed')))
      },
    })
  })

  const busy = create.isPending || create.isSuccess

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('organisation.create.title')}
      description={t('organisation.create.description')}
      closeLabel={t('organisation.create.close')}
      dismissible={!busy}
      size="lg"
      data-testid="organisation-create-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('organisation.create.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={busy}>
            {t('organisation.create.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} ref={form.formRef} noValidate onSubmit={submit} className="space-y-5">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div ref={warningRef}>
          <DuplicateWarning
            matches={similar}
            to="/organisations/$id"
            busy={busy}
            onCreateAnyway={() => {
              createAnyway.current = true
              form.formRef.current?.requestSubmit()
            }}
          />
        </div>
        <OrganisationFormFields
          values={form.values}
          errors={form.errors}
          onChange={form.setField}
          // Until the team has loaded, the default owner (the viewer) must still be selectable.
          owners={members.data?.items ?? [{ id: viewer.id, name: viewer.name }]}
          disabled={busy}
          autoFocusName
        />
      </form>
    </Dialog>
  )
}
