import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import type { ApiToken } from '../token-status.ts'

export function ApiTokenRevokeDialog({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.pathKey() })
        onClose()
      },
    }),
  )

  return (
    <ConfirmDialog
      open
      title={t('admin.tokens.revokeTitle', { name: token.name })}
      description={t('admin.tokens.revokeText')}
      confirmLabel={t('admin.tokens.revokeConfirm')}
      cancelLabel={t('admin.dialog.cancel')}
      tone="danger"
      loading={revoke.isPending}
      onConfirm={() => revoke.mutate({ id: token.id })}
      onCancel={onClose}
      data-testid="api-token-revoke-dialog"
      error={revoke.error && <Alert tone="error">{requestErrorMessage(revoke.error, t)}</Alert>}
    />
  )
}
