import { useState, type FormEvent } from 'react'
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { RotateCcw, ScrollText } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { Input } from '../../../components/ui/input.tsx'
import { Label } from '../../../components/ui/label.tsx'
import { LoadMore } from '../../../components/ui/pagination.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { useTRPC } from '../../../lib/trpc.ts'
import { requestErrorMessage } from '../../admin/form-errors.ts'
import { DELIVERY_TONES } from '../delivery-display.ts'
import { deliveriesQueryOptions, type DeliveryItem } from '../queries.ts'

function todayMinus(days: number): string {
  const date = new Date(Date.now() - days * 24 * 3600_000)
  return date.toISOString().slice(0, 10)
}

/** A webhook's deliveries, newest first, updated as each attempt is recorded (on any node). */
export function DeliveryLog({ webhookId, active }: { webhookId: string; active: boolean }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const deliveries = useInfiniteQuery(deliveriesQueryOptions(trpc, webhookId))
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
    ])
  const live = useSubscription(trpc.webhooks.onDelivery.subscriptionOptions({ webhookId }, { onData: () => void refresh() }))
  const [since, setSince] = useState(todayMinus(1))
  const [notice, setNotice] = useState<string | null>(null)
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: (result, input) => {
        setNotice('deliveryId' in input ? t('webhooks.log.replayed') : result.count ? t('webhooks.log.replayedCount', { count: result.count }) : t('webhooks.log.replayedNone'))
        void refresh()
      },
    }),
  )
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? []
  const total = deliveries.data?.pages[0]?.total ?? 0

  const replaySince = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (since) replay.mutate({ webhookId, since: new Date(`${since}T00:00:00`) })
  }

  return (
    <section aria-labelledby={`log-${webhookId}`} className="space-y-4" data-testid="delivery-log">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex items-center gap-3">
          <h3 id={`log-${webhookId}`} className="text-base font-semibold text-zinc-900 dark:text-white">
            {t('webhooks.log.title')}
          </h3>
          <StatusBadge tone={live.status === 'pending' ? 'success' : 'neutral'} dot data-testid="delivery-log-live">
            {live.status === 'pending' ? t('webhooks.log.live') : t('webhooks.log.offline')}
          </StatusBadge>
        </div>
        {active && (
          <form onSubmit={replaySince} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div>
              <Label htmlFor={`since-${webhookId}`}>{t('webhooks.log.replaySince')}</Label>
              <Input id={`since-${webhookId}`} type="date" value={since} onChange={(event) => setSince(event.target.value)} className="mt-1.5 sm:w-44" />
            </div>
            <Button type="submit" variant="secondary" loading={replay.isPending && !('deliveryId' in (replay.variables ?? {}))}>
              <RotateCcw aria-hidden className="size-4" />
              {t('webhooks.log.replaySinceSubmit')}
            </Button>
          </form>
        )}
      </div>
      {notice && (
        <Alert tone="success" data-testid="replay-notice">
          {notice}
        </Alert>
      )}
      {replay.error && <Alert tone="error">{requestErrorMessage(replay.error, t)}</Alert>}

      {deliveries.isPending ? (
        <TableSkeleton columns={6} rows={3} label={t('common.loading')} />
      ) : deliveries.isError ? (
        <RetryAlert
          title={t('webhooks.log.loadError')}
          description={requestErrorMessage(deliveries.error, t)}
          retryLabel={t('common.retry')}
          onRetry={() => void deliveries.refetch()}
          retrying={deliveries.isFetching}
        />
      ) : items.length === 0 ? (
        <EmptyState icon={ScrollText} title={t('webhooks.log.emptyTitle')} description={t('webhooks.log.emptyText')} />
      ) : (
        <div className="space-y-4">
          <Table>
            <TableHead>
              <tr>
                <TableHeaderCell>{t('webhooks.log.event')}</TableHeaderCell>
                <TableHeaderCell>{t('webhooks.log.status')}</TableHeaderCell>
                <TableHeaderCell align="right">{t('webhooks.log.attempt')}</TableHeaderCell>
                <TableHeaderCell>{t('webhooks.log.response')}</TableHeaderCell>
                <TableHeaderCell>{t('webhooks.log.nextRetry')}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="sr-only">{t('webhooks.log.replay')}</span>
                </TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {items.map((delivery) => (
                <DeliveryRow
                  key={delivery.id}
                  delivery={delivery}
                  canReplay={active}
                  replaying={replay.isPending && replay.variables && 'deliveryId' in replay.variables && replay.variables.deliveryId === delivery.id}
                  onReplay={() => replay.mutate({ deliveryId: delivery.id })}
                />
              ))}
            </TableBody>
          </Table>
          <LoadMore
            summary={t('webhooks.log.shown', { shown: items.length, total })}
            hasMore={Boolean(deliveries.hasNextPage)}
            loading={deliveries.isFetchingNextPage}
            onLoadMore={() => void deliveries.fetchNextPage()}
            loadMoreLabel={t('webhooks.log.loadMore')}
          />
        </div>
      )}
    </section>
  )
}

function DeliveryRow({ delivery, canReplay, replaying, onReplay }: { delivery: DeliveryItem; canReplay: boolean; replaying?: boolean; onReplay: () => void }) {
  const { t } = useTranslation()
  const answer = delivery.responseBody ?? delivery.error
  // Compact cells (event with its date, code with duration and excerpt), so the log fits a desktop
  // card without scrolling; on a phone the table scrolls in its own box.
  return (
    <TableRow data-testid="delivery-row" data-status={delivery.status}>
      <TableCell className="whitespace-nowrap">
        <span className="block font-mono text-xs text-zinc-900 dark:text-zinc-100">{delivery.eventType}</span>
        <FormattedDate value={delivery.createdAt} format="dateTime" className="text-xs text-zinc-500 dark:text-zinc-400" />
      </TableCell>
      <TableCell>
        <StatusBadge tone={DELIVERY_TONES[delivery.status]} dot>
          {t(`webhooks.deliveryStatus.${delivery.status}`)}
        </StatusBadge>
      </TableCell>
      <TableCell align="right" className="tabular-nums">
        {delivery.attempt}
      </TableCell>
      <TableCell className="max-w-64" data-testid="delivery-response">
        <span className="block whitespace-nowrap tabular-nums">
          <span title={t('webhooks.log.code')}>{delivery.responseCode ?? '—'}</span>
          {delivery.durationMs !== null && (
            <span className="text-zinc-500 dark:text-zinc-400" title={t('webhooks.log.duration')}>
              {' · '}
              {t('webhooks.log.milliseconds', { value: delivery.durationMs })}
            </span>
          )}
        </span>
        {answer && (
          <span className="block truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={answer}>
            {answer}
          </span>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap">{delivery.nextRetryAt ? <FormattedDate value={delivery.nextRetryAt} format="dateTime" /> : '—'}</TableCell>
      <TableCell align="right">
        {canReplay && (
          <Button size="sm" variant="ghost" onClick={onReplay} loading={replaying} aria-label={t('webhooks.log.replayOne')} data-testid="delivery-replay">
            <RotateCcw aria-hidden className="size-4" />
            <span className="hidden sm:inline">{t('webhooks.log.replay')}</span>
          </Button>
        )}
      </TableCell>
    </TableRow>
  )
}
