import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { errorDetails, requestErrorMessage } from '../form-errors.ts'
import { TEAM_COUNT_KINDS, type TeamCounts } from '../team-counts.ts'

export function TeamDeleteDialog({ team, onClose }: { team: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() })
        onClose()
      },
      // The counts shown may have been stale: the list should tell the truth next to the message.
      onError: () => void queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() }),
    }),
  )

  const counts = remove.error && errorKind(remove.error) === 'conflict' ? (errorDetails(remove.error).counts as TeamCounts | undefined) : undefined
  const remaining = counts ? TEAM_COUNT_KINDS.filter((kind) => counts[kind] > 0) : []

  return (
    <ConfirmDialog
      open
      title={t('admin.teams.deleteTitle', { name: team.name })}
      description={t('admin.teams.deleteText')}
      confirmLabel={t('admin.teams.deleteConfirm')}
      cancelLabel={t('admin.dialog.cancel')}
      tone="danger"
      loading={remove.isPending}
      onConfirm={() => remove.mutate({ id: team.id })}
      onCancel={onClose}
      data-testid="team-delete-dialog"
      error={
        remove.error &&
        (remaining.length ? (
          <Alert tone="warning" title={t('admin.teams.notEmptyTitle')} data-testid="team-not-empty">
            <p>{t('admin.teams.notEmptyText')}</p>
            <ul className="mt-2 list-disc space-y-0.5 pl-5">
              {remaining.map((kind) => (
                <li key={kind}>{t(`admin.teams.counts.${kind}`, { count: counts?.[kind] ?? 0 })}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="error">{requestErrorMessage(remove.error, t)}</Alert>
        ))
      }
    />
  )
}
