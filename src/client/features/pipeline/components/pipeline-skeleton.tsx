import { useTranslation } from 'react-i18next'
import { PIPELINE_STAGES } from '../../../../shared/pipeline.ts'
import { Skeleton } from '../../../components/ui/skeleton.tsx'

/** The board's outline while its columns load, so nothing jumps once they arrive. */
export function PipelineBoardSkeleton() {
  const { t } = useTranslation()
  return (
    <div aria-busy="true" className="-mx-4 overflow-hidden px-4 sm:-mx-6 sm:px-6 lg:mx-0 lg:px-0" data-testid="pipeline-skeleton">
      <span role="status" className="sr-only">
        {t('pipeline.states.loading')}
      </span>
      <div className="flex gap-3">
        {PIPELINE_STAGES.map((stage, index) => (
          <div
            key={stage}
            className="w-64 shrink-0 rounded-xl border border-zinc-200 bg-zinc-100/70 p-3 dark:border-zinc-800 dark:bg-zinc-900/50"
          >
            <Skeleton className="h-4 w-28" />
            <div className="mt-3 grid grid-cols-2 gap-2">
              <Skeleton className="h-8" />
              <Skeleton className="h-8" />
            </div>
            <div className="mt-4 space-y-2">
              {Array.from({ length: 4 - (index % 3) }, (_, card) => (
                <Skeleton key={card} className="h-24 rounded-lg" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  )
}

/** The whole page while the route loads: header, filters and the board's outline. */
export function PipelinePagePending() {
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-4">
        <Skeleton className="size-11 rounded-xl" />
        <div className="space-y-2">
          <Skeleton className="h-6 w-36" />
          <Skeleton className="h-4 w-80 max-w-[60vw]" />
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <Skeleton className="h-10 w-full rounded-lg sm:w-56" />
        <Skeleton className="h-10 w-full rounded-lg sm:w-64" />
      </div>
      <PipelineBoardSkeleton />
    </div>
  )
}
