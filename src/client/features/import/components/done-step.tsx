import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Download, FilePlus2, Undo2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ImportCounts } from '../../../../shared/schemas/import.ts'
import { can } from '../../../../shared/permissions.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { ConfirmDialog } from '../../../components/ui/dialog.tsx'
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { CountCards } from './report-step.tsx'
import { ProblemTable } from './problem-table.tsx'
import { useErrorReport } from './use-error-report.ts'

type ImportDetail = RouterOutputs['imports']['byId']
interface UndoReport {
  removed: { organisations: number; people: number; links: number }
  restored: { organisations: number; people: number }
  kept: Array<{ entity: string; id: string; name: string }>
}

/** The outcome: counts, the problems and their report, undo (saying what it kept), another file. */
export function DoneStep({ detail, onAnother }: { detail: ImportDetail; onAnother: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const [confirming, setConfirming] = useState(false)
  const download = useErrorReport(detail.id)
  const undo = useMutation(
    trpc.imports.undo.mutationOptions({
      onSettled: () => {
        setConfirming(false)
        void queryClient.invalidateQueries(trpc.imports.pathFilter())
      },
    }),
  )
  const counts = detail.counts as ImportCounts | null
  const undoReport = (undo.data ?? detail.undoReport) as UndoReport | null
  const mayUndo = detail.status === 'SUCCEEDED' && can(viewer.role, 'data:import') && (detail.createdById === viewer.id || can(viewer.role, 'record:delete'))
  const tone = detail.status === 'SUCCEEDED' ? 'success' : detail.status === 'FAILED' ? 'error' : 'info'
  return (
    <div className="space-y-5">
      <Alert tone={tone} title={t(`import.done.${detail.status as 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'UNDONE'}`)}>
        {detail.status === 'SUCCEEDED' && counts
          ? t('import.done.created', {
              organisations: counts.organisations.create,
              people: counts.people.create,
              updated: counts.organisations.update + counts.people.update,
              skipped: counts.organisations.skip + counts.people.skip,
            })
          : detail.status === 'UNDONE' && undoReport
            ? t('import.done.undone', {
                organisations: undoReport.removed.organisations,
                people: undoReport.removed.people,
                restored: undoReport.restored.organisations + undoReport.restored.people,
              })
            : t('import.done.nothingWritten')}
      </Alert>
      {undoReport && undoReport.kept.length > 0 && (
        <div className="text-sm text-zinc-700 dark:text-zinc-300">
          <p>{t('import.done.kept', { count: undoReport.kept.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {undoReport.kept.slice(0, 20).map((record) => (
              <li key={record.id}>{record.name}</li>
            ))}
          </ul>
        </div>
      )}
      {counts && detail.status === 'SUCCEEDED' && <CountCards counts={counts} done />}
      <ProblemTable problems={detail.problems} total={detail.problemCount} />
      {undo.isError && <Alert tone="error">{t('import.errors.action')}</Alert>}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button onClick={onAnother}>
          <FilePlus2 aria-hidden className="size-4" />
          {t('import.done.another')}
        </Button>
        {detail.problemCount > 0 && (
          <Button variant="secondary" onClick={() => download.mutate()} loading={download.isPending} data-testid="import-error-report">
            <Download aria-hidden className="size-4" />
            {t('import.report.download')}
          </Button>
        )}
        {mayUndo && (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            <Undo2 aria-hidden className="size-4" />
            {t('import.done.undo')}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('import.done.undo')}
        description={t('import.done.confirmUndo')}
        confirmLabel={t('import.done.undo')}
        cancelLabel={t('import.done.keep')}
        tone="danger"
        loading={undo.isPending}
        onConfirm={() => undo.mutate({ id: detail.id })}
        onCancel={() => setConfirming(false)}
      />
    </div>
  )
}
