import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CalendarCheck } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { MANDATE_STATUSES } from '../../../../shared/schemas/mandate.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { FormattedDate } from '../../../components/ui/formatted-date.tsx'
import { SelectField } from '../../../components/ui/select.tsx'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { StatusBadge } from '../../../components/ui/status-badge.tsx'
import { errorKind } from '../../../lib/errors.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { MANDATE_STATUS_TONES, type MandateDetail } from '../mandate-display.ts'
import { mandateErrorKey } from '../mandate-errors.ts'

type MandateStatus = (typeof MANDATE_STATUSES)[number]

/** Where the mandate stands; writers move it along in one step, and the first signature is dated. */
export function MandateStatusCard({ mandate, canWrite }: { mandate: MandateDetail; canWrite: boolean }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const update = useMutation(
    trpc.mandates.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: saved.id }), saved)
        await queryClient.invalidateQueries(trpc.mandates.list.pathFilter())
      },
      onError: (error) => {
        // Someone else changed it: show what it is now rather than retrying over their change.
        const current = (error.data?.details as { current?: MandateDetail } | null)?.current
        if (current) queryClient.setQueryData(trpc.mandates.byId.queryKey({ id: current.id }), current)
      },
    }),
  )

  const changeStatus = (status: MandateStatus) => {
    if (status === mandate.status) return
    update.mutate({ id: mandate.id, version: mandate.version, data: { status } })
  }

  return (
    <Card data-testid="mandate-status">
      <CardHeader>
        <CardTitle>{t('mandate.detail.statusTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {canWrite ? (
          <div className="flex items-end gap-3">
            <SelectField
              label={t('mandate.detail.changeStatus')}
              value={update.isPending ? update.variables.data.status : mandate.status}
              onChange={(event) => changeStatus(event.target.value as MandateStatus)}
              disabled={update.isPending}
              className="flex-1"
            >
              {MANDATE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`mandate.statuses.${status}`)}
                </option>
              ))}
            </SelectField>
            {update.isPending && <Spinner className="mb-2.5 text-indigo-600 dark:text-indigo-400" label={t('common.loading')} />}
          </div>
        ) : (
          <StatusBadge tone={MANDATE_STATUS_TONES[mandate.status]} dot>
            {t(`mandate.statuses.${mandate.status}`)}
          </StatusBadge>
        )}
        {update.error && (
          <Alert tone={errorKind(update.error) === 'conflict' ? 'warning' : 'error'}>
            {t(mandateErrorKey(update.error) ?? 'errors.server')}
          </Alert>
        )}
        <div className="flex items-center gap-3 rounded-lg bg-zinc-50 px-3 py-2.5 text-sm dark:bg-zinc-800/50">
          <CalendarCheck
            aria-hidden
            className={
              mandate.signedAt ? 'size-4 text-emerald-600 dark:text-emerald-400' : 'size-4 text-zinc-400 dark:text-zinc-500'
            }
          />
          {mandate.signedAt ? (
            <span className="text-zinc-700 dark:text-zinc-300" data-testid="mandate-signed-at">
              {t('mandate.detail.signedOn')} <FormattedDate value={mandate.signedAt} format="dateTime" />
            </span>
          ) : (
            <span className="text-zinc-500 dark:text-zinc-400">{t('mandate.detail.notSigned')}</span>
          )}
        </div>
      </CardContent>
    </Card>
  )
}
