import { useEffect, useMemo } from 'react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { SquareKanban } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { can } from '../../../../shared/permissions.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { EmptyState } from '../../../components/ui/empty-state.tsx'
import { RetryAlert } from '../../../components/ui/retry-alert.tsx'
import { cn } from '../../../lib/cn.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { useViewer } from '../../auth/hooks/use-viewer.ts'
import { PageHeader } from '../../shell/components/page-header.tsx'
import type { Board } from '../board-cache.ts'
import { boardInputOf, hasFilters, type PipelineSearch } from '../board-input.ts'
import { BOARD_USERS_INPUT } from '../board-queries.ts'
import { formatAmount } from '../format.ts'
import { startBoardLiveSync } from '../live-sync.ts'
import { LiveIndicator } from './live-indicator.tsx'
import { PipelineBoard } from './pipeline-board.tsx'
import { PipelineFilters } from './pipeline-filters.tsx'
import { PipelineBoardSkeleton } from './pipeline-skeleton.tsx'

function totalsOf(board: Board) {
  return board.columns.reduce(
    (sum, column) => ({
      count: sum.count + column.count,
      total: sum.total + column.totalAmount,
      weighted: sum.weighted + column.weightedAmount,
    }),
    { count: 0, total: 0, weighted: 0 },
  )
}

export function PipelinePage() {
  const { t, i18n } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const viewer = useViewer()
  const search = useSearch({ from: '/_authenticated/pipeline' })
  const navigate = useNavigate({ from: '/pipeline' })
  const board = useQuery(trpc.pipeline.board.queryOptions(boardInputOf(search), { placeholderData: keepPreviousData }))
  const users = useQuery(trpc.users.list.queryOptions(BOARD_USERS_INPUT))
  const canMove = can(viewer.role, 'record:write')
  const filtered = hasFilters(search)

  useEffect(() => startBoardLiveSync(queryClient, trpc), [queryClient, trpc])

  const owners = useMemo(
    () => users.data?.items.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    [users.data],
  )
  const totals = board.data ? totalsOf(board.data) : undefined

  const setSearch = (next: PipelineSearch) => void navigate({ search: next, replace: true })

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('pipeline.title')}
        icon={SquareKanban}
        description={
          totals
            ? t('pipeline.summary', {
                count: totals.count,
                total: formatAmount(totals.total, i18n.language),
                weighted: formatAmount(totals.weighted, i18n.language),
              })
            : t('pipeline.description')
        }
        actions={
          <>
            {!canMove && <Badge className="h-8 px-3">{t('pipeline.card.readOnly')}</Badge>}
            <LiveIndicator />
          </>
        }
      />
      <PipelineFilters search={search} owners={owners} onChange={setSearch} />
      {/* A failed background refetch keeps the board on screen: only a board never loaded is an error. */}
      {board.isPending ? (
        <PipelineBoardSkeleton />
      ) : !board.data ? (
        <RetryAlert
          title={t('pipeline.states.errorTitle')}
          description={t('pipeline.states.error')}
          retryLabel={t('common.retry')}
          retrying={board.isFetching}
          onRetry={() => void board.refetch()}
        />
      ) : totals?.count === 0 ? (
        <EmptyState
          icon={SquareKanban}
          title={filtered ? t('pipeline.states.emptyFilteredTitle') : t('pipeline.states.emptyTitle')}
          description={filtered ? t('pipeline.states.emptyFiltered') : t('pipeline.states.empty')}
          action={
            filtered && (
              <Button variant="secondary" onClick={() => setSearch({})}>
                {t('pipeline.filters.reset')}
              </Button>
            )
          }
        />
      ) : (
        <div aria-busy={board.isPlaceholderData} className={cn('transition-opacity', board.isPlaceholderData && 'opacity-60')}>
          <PipelineBoard board={board.data} canMove={canMove && !board.isPlaceholderData} />
        </div>
      )}
    </div>
  )
}
