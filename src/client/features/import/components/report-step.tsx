import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Download, Play, Undo2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { ImportCounts } from '../../../../shared/schemas/import.ts'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts'
import { ProblemTable } from './problem-table.tsx'
import { useErrorReport } from './use-error-report.ts'

const PAST = { create: 'created', update: 'updated', skip: 'skipped' } as const

export type DryRunResult = RouterOutputs['imports']['dryRun']

/** Step 3: what the import will do (nothing written yet), every problem, the report, and Import. */
export function ReportStep({ id, result, onBack }: { id: string; result: DryRunResult; onBack: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const download = useErrorReport(id)
  const start = useMutation(
    trpc.imports.start.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries(trpc.imports.byId.queryFilter({ id })), queryClient.invalidateQueries(trpc.imports.list.pathFilter())]),
    }),
  )
  const { counts } = result
  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-base font-semibold text-zinc-900 dark:text-white">{t('import.report.title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t('import.report.description')}</p>
      </div>
      <CountCards counts={counts} />
      {counts.rowsWithErrors > 0 && <Alert tone="warning">{t('import.report.rowsWithErrors', { count: counts.rowsWithErrors })}</Alert>}
      <ProblemTable problems={result.problems} total={result.problemCount} />
      {start.isError && <Alert tone="error">{t('import.errors.action')}</Alert>}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button onClick={() => start.mutate({ id })} loading={start.isPending} data-testid="import-start">
          <Play aria-hidden className="size-4" />
          {t('import.report.start')}
        </Button>
        {result.problemCount > 0 && (
          <Button variant="secondary" onClick={() => download.mutate()} loading={download.isPending}>
            <Download aria-hidden className="size-4" />
            {t('import.report.download')}
          </Button>
        )}
        <Button variant="ghost" onClick={onBack}>
          <Undo2 aria-hidden className="size-4" />
          {t('import.report.back')}
        </Button>
      </div>
    </div>
  )
}

/** The counts of a dry run (what will happen) or of a finished import (`done`: what happened). */
export function CountCards({ counts, done = false }: { counts: ImportCounts; done?: boolean }) {
  const { t } = useTranslation()
  const groups = [
    { label: t('import.report.organisations'), values: counts.organisations },
    { label: t('import.report.people'), values: counts.people },
  ]
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {groups.map((group) => (
        <div key={group.label} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{group.label}</p>
          <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
            {(['create', 'update', 'skip'] as const).map((action) => (
              <div key={action}>
                <dd className="text-2xl font-semibold text-zinc-900 tabular-nums dark:text-white" data-testid={`count-${group.label}-${action}`}>
                  {group.values[action]}
                </dd>
                <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t(`import.report.${done ? PAST[action] : action}`)}</dt>
              </div>
            ))}
          </dl>
        </div>
      ))}
      <p className="text-sm text-zinc-600 sm:col-span-2 dark:text-zinc-400">
        {counts.links.create} {t(done ? 'import.report.linksCreated' : 'import.report.links')}
      </p>
    </div>
  )
}
