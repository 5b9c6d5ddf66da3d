import { useMutation, useQueryClient } from '@tanstack/react-query'
import { KeyRound, MoreHorizontal, Pencil, Power, ScrollText, Send, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { Menu, MenuItem } from '../../../components/ui/menu.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { DELIVERY_TONES } from '../delivery-display.ts'
import type { WebhookItem } from '../queries.ts'
import { DeliveryLog } from './delivery-log.tsx'

export type WebhookAction = 'edit' | 'rotate' | 'delete'

interface WebhookCardProps {
  webhook: WebhookItem
  logOpen: boolean
  onToggleLog: () => void
  onAction: (action: WebhookAction) => void
}

/** One endpoint: where it points, what it receives, how its last delivery went, and what can be done with it. */
export function WebhookCard({ webhook, logOpen, onToggleLog, onAction }: WebhookCardProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() })
  const ping = useMutation(trpc.webhooks.test.mutationOptions({ onSettled: () => void refresh() }))
  const toggle = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: () => void refresh() }))
  const last = webhook.lastDelivery
  const status = webhook.isActive ? t('webhooks.status.active') : webhook.disabledReason ? t(`webhooks.status.${webhook.disabledReason as 'GONE'}`) : t('webhooks.status.disabled')

  return (
    <Card data-testid="webhook-card" data-url={webhook.url}>
      <div className="flex flex-col gap-4 p-5">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge tone={webhook.isActive ? 'success' : 'danger'} dot data-testid="webhook-status">
                {status}
              </StatusBadge>
            </div>
            <p className="font-mono text-sm break-all text-zinc-900 dark:text-white">{webhook.url}</p>
            {webhook.description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{webhook.description}</p>}
          </div>
          <Menu
            label={t('webhooks.actions.label')}
            trigger={<MoreHorizontal aria-hidden className="size-5" />}
            triggerClassName="size-9 shrink-0"
          >
            <MenuItem icon={Pencil} onSelect={() => onAction('edit')}>
              {t('webhooks.actions.edit')}
            </MenuItem>
            <MenuItem icon={KeyRound} onSelect={() => onAction('rotate')}>
              {t('webhooks.actions.rotate')}
            </MenuItem>
            <MenuItem icon={Power} onSelect={() => toggle.mutate({ id: webhook.id, data: { isActive: !webhook.isActive } })}>
              {webhook.isActive ? t('webhooks.actions.disable') : t('webhooks.actions.enable')}
            </MenuItem>
            <MenuItem icon={Trash2} onSelect={() => onAction('delete')}>
              {t('webhooks.actions.delete')}
            </MenuItem>
          </Menu>
        </div>

        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('webhooks.card.events')}</dt>
            <dd className="mt-1 flex flex-wrap gap-1.5">
              {webhook.events.map((pattern) => (
                <Badge key={pattern} className="font-mono">
                  {pattern === '*' ? t('webhooks.card.allEvents') : pattern}
                </Badge>
              ))}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">{t('webhooks.card.lastDelivery')}</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2" data-testid="webhook-last-delivery">
              {last ? (
                <>
                  <StatusBadge tone={DELIVERY_TONES[last.status]} dot>
                    {t(`webhooks.deliveryStatus.${last.status}`)}
                  </StatusBadge>
                  <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    {last.eventType}
                    {last.responseCode !== null && ` · ${last.responseCode}`}
                  </span>
                  <FormattedDate value={last.updatedAt} format="dateTime" className="text-xs text-zinc-500 dark:text-zinc-400" />
                </>
              ) : (
                <span className="text-zinc-500 dark:text-zinc-400">{t('webhooks.card.never')}</span>
              )}
            </dd>
          </div>
        </dl>

        {webhook.previousSecretExpiresAt && new Date(webhook.previousSecretExpiresAt) > new Date() && (
          <p className="text-xs text-amber-700 dark:text-amber-300">
            {t('webhooks.card.rotationUntil', { date: new Date(webhook.previousSecretExpiresAt).toLocaleString() })}
          </p>
        )}

        {ping.data && (
          <Alert tone={ping.data.ok ? 'success' : 'error'} title={ping.data.ok ? undefined : t('webhooks.ping.failed')} data-testid="webhook-ping-result">
            {ping.data.statusCode !== null
              ? t(ping.data.ok ? 'webhooks.ping.ok' : 'webhooks.ping.failedStatus', { status: ping.data.statusCode, duration: ping.data.durationMs })
              : ping.data.error}
            {ping.data.responseExcerpt && (
              <span className="mt-1 block truncate font-mono text-xs">
                {t('webhooks.ping.response')} : {ping.data.responseExcerpt}
              </span>
            )}
          </Alert>
        )}
        {(ping.error ?? toggle.error) && <Alert tone="error">{requestErrorMessage(ping.error ?? toggle.error, t)}</Alert>}

        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => ping.mutate({ id: webhook.id })} loading={ping.isPending} disabled={!webhook.isActive} data-testid="webhook-test">
            <Send aria-hidden className="size-4" />
            {t('webhooks.actions.test')}
          </Button>
          <Button variant="ghost" size="sm" onClick={onToggleLog} aria-expanded={logOpen} data-testid="webhook-log-toggle">
            <ScrollText aria-hidden className="size-4" />
            {logOpen ? t('webhooks.actions.hideLog') : t('webhooks.actions.log')}
          </Button>
        </div>
      </div>
      {logOpen && (
        <div className="border-t border-zinc-200 p-5 dark:border-zinc-800">
          <DeliveryLog webhookId={webhook.id} active={webhook.isActive} />
        </div>
      )}
    </Card>
  )
}
