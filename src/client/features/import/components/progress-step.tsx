import { useState } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { CircleStop } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts'
import { liveRateKey } from '../hooks/use-import-live.ts'

type ImportDetail = RouterOutputs['imports']['byId']

/** Step 4: the live progress bar (rows done, rows/s, time left), with cancel. */
export function ProgressStep({ detail }: { detail: ImportDetail }) {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const [confirming, setConfirming] = useState(false)
  const rate = useQuery({ queryKey: liveRateKey(detail.id), queryFn: () => null as { rowsPerSecond: number; secondsLeft: number | null } | null, enabled: false, initialData: null })
  const cancel = useMutation(trpc.imports.cancel.mutationOptions({ onSettled: () => setConfirming(false) }))
  const percent = detail.totalRows > 0 ? Math.min(100, Math.round((detail.rowsDone / detail.totalRows) * 100)) : 0
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR')
  const queued = detail.status === 'QUEUED'
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('import.run.title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('import.run.description')}</p>
      </div>
      <div
        role="progressbar"
        aria-label={t('import.run.title')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="import-progress"
        className="h-3 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-300 dark:bg-indigo-400" style={{ width: `${percent}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-700 tabular-nums dark:text-zinc-300" aria-live="polite">
        {queued ? (
          <span>{t('import.run.queued')}</span>
        ) : (
          <>
            <span>{t('import.run.progress', { done: number.format(detail.rowsDone), total: number.format(detail.totalRows) })}</span>
            {rate.data && <span>{t('import.run.rate', { rate: number.format(rate.data.rowsPerSecond) })}</span>}
            {rate.data?.secondsLeft != null && <span>{t('import.run.left', { seconds: rate.data.secondsLeft })}</span>}
          </>
        )}
      </p>
      {detail.cancelRequested ? (
        <Alert tone="info">{t('import.run.cancelling')}</Alert>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          <CircleStop aria-hidden className="size-4" />
          {t('import.run.cancel')}
        </Button>
      )}
      {cancel.isError && <Alert tone="error">{t('import.errors.action')}</Alert>}
      <ConfirmDialog
        open={confirming}
        title={t('import.run.cancel')}
        description={t('import.run.confirmCancel')}
        confirmLabel={t('import.run.cancel')}
        cancelLabel={t('import.run.keepGoing')}
        tone="danger"
        loading={cancel.isPending}
        onConfirm={() => cancel.mutate({ id: detail.id })}
        onCancel={() => setConfirming(false)}
      />
    </div>
  )
}
