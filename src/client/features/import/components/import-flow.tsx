import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ImportCounts } from '../../../../shared/schemas/import.ts'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { DoneStep } from './done-step.tsx'
import { MappingStep } from './mapping-step.tsx'
import { ProgressStep } from './progress-step.tsx'
import { ReportStep, type DryRunResult } from './report-step.tsx'
import { UploadStep } from './upload-step.tsx'

type Step = 'upload' | 'mapping' | 'report' | 'run'
const STEPS: Step[] = ['upload', 'mapping', 'report', 'run']

/**
 * The wizard. Its step follows the import's state on the server, so leaving the page (or opening
 * it in another tab, on another node) comes back to the same place: mapping, report, progress, end.
 */
export function ImportFlow({ id, onOpen }: { id: string | undefined; onOpen: (id: string | undefined) => void }) {
  if (!id) {
    return (
      <>
        <StepList current="upload" />
        <UploadStep onUploaded={onOpen} />
      </>
    )
  }
  return <OpenImport key={id} id={id} onOpen={onOpen} />
}

function OpenImport({ id, onOpen }: { id: string; onOpen: (id: string | undefined) => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const detail = useQuery(trpc.imports.byId.queryOptions({ id }))
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null)
  const [remap, setRemap] = useState(false)

  if (detail.isPending) return <TableSkeleton rows={4} columns={3} label={t('common.loading')} />
  if (detail.isError) return <RetryAlert title={t('import.errors.load')} description={t('errors.unreachable')} retryLabel={t('common.retry')} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
  const data = detail.data
  if (data.status === 'DRAFT') {
    // A dry run done earlier (another visit, another tab) is shown again from what the server kept.
    const saved = data.counts ? { counts: data.counts as ImportCounts, problems: data.problems, problemCount: data.problemCount } : null
    const report = remap ? null : (dryRun ?? saved)
    return (
      <>
        <StepList current={report ? 'report' : 'mapping'} />
        {report ? (
          <ReportStep id={id} result={report} onBack={() => setRemap(true)} />
        ) : (
          <MappingStep
            id={id}
            onDryRun={(result) => {
              setDryRun(result)
              setRemap(false)
            }}
          />
        )}
      </>
    )
  }
  return (
    <>
      <StepList current="run" />
      {data.status === 'QUEUED' || data.status === 'RUNNING' ? <ProgressStep detail={data} /> : <DoneStep detail={data} onAnother={() => onOpen(undefined)} />}
    </>
  )
}

function StepList({ current }: { current: Step }) {
  const { t } = useTranslation()
  const index = STEPS.indexOf(current)
  return (
    <ol aria-label={t('import.steps.label')} className="mb-5 flex flex-wrap gap-2 text-xs font-medium">
      {STEPS.map((step, position) => (
        <li
          key={step}
          aria-current={step === current ? 'step' : undefined}
          className={cn(
            'rounded-full px-3 py-1 ring-1',
            position < index && 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-500/30',
            position === index && 'bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-500',
            position > index && 'text-zinc-500 ring-zinc-200 dark:text-zinc-400 dark:ring-zinc-800',
          )}
        >
          {position + 1}. {t(`import.steps.${step}`)}
        </li>
      ))}
    </ol>
  )
}
