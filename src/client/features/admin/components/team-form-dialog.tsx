import { useId, useState, type FormEvent } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { teamCreateInput } from '../../../../shared/schemas/team.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { TextField } from '../../../components/ui/text-field.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useRefreshAdminLists } from '../hooks/use-refresh-admin-lists.ts'
import { firstInvalidField, requestErrorMessage } from '../form-errors.ts'
import { serverFieldErrors, validateForm, type FormErrors } from '../../../lib/forms.ts'

interface TeamFormDialogProps {
  /** Renames this team; without it, creates one. */
  team?: { id: string; name: string }
  onClose: () => void
}

export function TeamFormDialog({ team, onClose }: TeamFormDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const refreshLists = useRefreshAdminLists()
  const formId = useId()
  const [errors, setErrors] = useState<FormErrors>({})

  const callbacks = {
    onSuccess: async () => {
      await refreshLists()
      onClose()
    },
    onError: (error: unknown) =>
      setErrors(errorKind(error) === 'conflict' ? { name: [t('admin.teams.errors.nameTaken')] } : serverFieldErrors(error)),
  }
  const create = useMutation(trpc.teams.create.mutationOptions(callbacks))
  const rename = useMutation(trpc.teams.update.mutationOptions(callbacks))
  const mutation = team ? rename : create

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const result = validateForm(
      teamCreateInput,
      { name: new FormData(event.currentTarget).get('name') }
    )
    if (!result.success) {
      setErrors(result.errors)
      firstInvalidField(event.currentTarget, result.errors, ['name'])
      return
    }
    setErrors({})
    if (!team) create.mutate(result.data)
    else if (result.data.name === team.name) onClose()
    else rename.mutate({ id: team.id, data: result.data })
  }

  const bannerError =
    mutation.error && !Object.keys(errors).length ? requestErrorMessage(mutation.error, t) : null

  return (
    <Dialog
      open
      onClose={onClose}
      title={team ? t('admin.teams.renameTitle', { name: team.name }) : t('admin.teams.createTitle')}
      description={team ? undefined : t('admin.teams.createText')}
      closeLabel={t('admin.dialog.close')}
      dismissible={!mutation.isPending}
      size="sm"
      data-testid="team-form-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {t('admin.dialog.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={mutation.isPending}>
            {team ? t('admin.dialog.save') : t('admin.teams.createSubmit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} className="space-y-4">
        {bannerError && <Alert tone="error">{bannerError}</Alert>}
        <TextField
          label={t('admin.teams.fields.name')}
          name="name"
          defaultValue={team?.name}
          autoComplete="off"
          errors={errors.name}
          data-autofocus
        />
      </form>
    </Dialog>
  )
}
