import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { Plus, Webhook } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { Alert } from '../../../components/ui/alert.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import { webhooksQueryOptions, type WebhookItem } from '../queries.ts'
import { SecretDialog } from './secret-dialog.tsx'
import { WebhookCard, type WebhookAction } from './webhook-card.tsx'
import { WebhookFormDialog } from './webhook-form-dialog.tsx'

const routeApi = getRouteApi('/_authenticated/webhooks')

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'rotate' | 'delete'; webhook: WebhookItem }
  | { kind: 'secret'; secret: string; rotated: boolean }
  | null

export function WebhooksPage() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const search = routeApi.useSearch()
  const navigate = routeApi.useNavigate()
  const webhooks = useQuery(webhooksQueryOptions(trpc))
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const close = () => setDialog(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() })
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (result) => {
        void refresh()
        setDialog({ kind: 'secret', secret: result.secret, rotated: true })
      },
    }),
  )
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: () => {
        void refresh()
        close()
      },
    }),
  )
  const openCreate = () => setDialog({ kind: 'create' })
  const onAction = (webhook: WebhookItem, action: WebhookAction) => {
    rotate.reset()
    remove.reset()
    setDialog({ kind: action, webhook })
  }
  const toggleLog = (id: string) => void navigate({ search: search.webhook === id ? {} : { webhook: id }, replace: true })

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        icon={Webhook}
        actions={
          <Button onClick={openCreate} data-testid="webhook-create">
            <Plus aria-hidden className="size-4" />
            {t('webhooks.create')}
          </Button>
        }
      />

      {webhooks.isPending ? (
        <div className="space-y-4" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton className="h-40 w-full rounded-xl" />
          <Skeleton className="h-40 w-full rounded-xl" />
        </div>
      ) : webhooks.isError ? (
        <RetryAlert
          title={t('webhooks.loadError')}
          description={requestErrorMessage(webhooks.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void webhooks.refetch()}
          retrying={webhooks.isFetching}
        />
      ) : webhooks.data.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title={t('webhooks.emptyTitle')}
          description={t('webhooks.emptyText')}
          action={
            <Button variant="secondary" onClick={openCreate}>
              <Plus aria-hidden className="size-4" />
              {t('webhooks.create')}
            </Button>
          }
        />
      ) : (
        <ul className="space-y-4">
          {webhooks.data.map((webhook) => (
            <li key={webhook.id}>
              <WebhookCard
                webhook={webhook}
                logOpen={search.webhook === webhook.id}
                onToggleLog={() => toggleLog(webhook.id)}
                onAction={(action) => onAction(webhook, action)}
              />
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('webhooks.docsHint')}</p>

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <WebhookFormDialog
          webhook={dialog.kind === 'edit' ? dialog.webhook : undefined}
          onClose={close}
          onCreated={(secret) => setDialog({ kind: 'secret', secret, rotated: false })}
        />
      )}
      {dialog?.kind === 'secret' && <SecretDialog secret={dialog.secret} rotated={dialog.rotated} onClose={close} />}
      {dialog?.kind === 'rotate' && (
        <ConfirmDialog
          open
          title={t('webhooks.rotate.title')}
          description={t('webhooks.rotate.text')}
          confirmLabel={t('webhooks.rotate.confirm')}
          cancelLabel={t('admin.dialog.cancel')}
          onConfirm={() => rotate.mutate({ id: dialog.webhook.id })}
          onCancel={close}
          loading={rotate.isPending}
          error={rotate.error && <Alert tone="error">{requestErrorMessage(rotate.error, t)}</Alert>}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          open
          tone="danger"
          title={t('webhooks.remove.title')}
          description={t('webhooks.remove.text', { url: dialog.webhook.url })}
          confirmLabel={t('webhooks.remove.confirm')}
          cancelLabel={t('admin.dialog.cancel')}
          onConfirm={() => remove.mutate({ id: dialog.webhook.id })}
          onCancel={close}
          loading={remove.isPending}
          error={remove.error && <Alert tone="error">{requestErrorMessage(remove.error, t)}</Alert>}
        />
      )}
    </div>
  )
}
