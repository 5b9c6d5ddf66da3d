import { useNavigate } from '@tanstack/react-router'
import { useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { writeErrorMessage } from '../error-message.ts'
import type { OrganisationDetail } from '../form.ts'
import { useDeleteOrganisation } from '../hooks/use-organisation-mutations.ts'

interface OrganisationDeleteDialogProps {
  organisation: OrganisationDetail
  open: boolean
  onClose: () => void
}

/** Deletes the version the user is looking at: if someone changed it meanwhile, they see it first. */
export function OrganisationDeleteDialog({ organisation, open, onClose }: OrganisationDeleteDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const remove = useDeleteOrganisation()

  const confirm = () =>
    remove.mutate(
      { id: organisation.id, version: organisation.version },
      {
        onSuccess: () => void navigate({ to: '/organisations' }),
        onError: (error) => {
          const kind = errorKind(error)
          if (kind === 'notFound') void navigate({ to: '/organisations' })
          if (kind === 'conflict') {
            void queryClient.invalidateQueries({ queryKey: trpc.organisations.byId.queryKey({ id: organisation.id }) })
          }
        },
      },
    )

  const close = () => {
    remove.reset()
    onClose()
  }

  const error = remove.error ? deleteErrorMessage(remove.error, t) : null

  return (
    <ConfirmDialog
      open={open}
      tone="danger"
      title={t('organisation.delete.title')}
      description={t('organisation.delete.description', { name: organisation.name })}
      confirmLabel={t('organisation.delete.confirm')}
      cancelLabel={t('organisation.delete.cancel')}
      onConfirm={confirm}
      onCancel={close}
      loading={remove.isPending || remove.isSuccess}
      error={error && <Alert tone="error">{error}</Alert>}
      data-testid="organisation-delete-dialog"
    />
  )
}

function deleteErrorMessage(error: unknown, t: TFunction): string {
  switch (errorKind(error)) {
    case 'conflict':
      return t('organisation.delete.conflict')
    case 'forbidden':
      return t('organisation.delete.forbidden')
    default:
      return writeErrorMessage(error, t, t('organisation.delete.failed'))
  }
}
