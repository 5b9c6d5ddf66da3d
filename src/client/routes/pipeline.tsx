import { createRoute } from '@tanstack/react-router'
import { boardInputOf, pipelineSearchSchema } from '../features/pipeline/board-input.ts'
import { BOARD_USERS_INPUT } from '../features/pipeline/board-queries.ts'
import { startBoardLiveSync } from '../features/pipeline/live-sync.ts'
import { PipelinePage } from '../features/pipeline/components/pipeline-page.tsx'
import { PipelinePagePending } from '../features/pipeline/components/pipeline-skeleton.tsx'
import { authenticatedRoute } from './authenticated.tsx'

export const pipelineRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: 'pipeline',
  validateSearch: pipelineSearchSchema,
  loaderDeps: ({ search }) => boardInputOf(search),
  loader: async ({ context, deps }) => {
    // Listen before loading, so that no move falls between the answer and the first live event.
    startBoardLiveSync(context.queryClient, context.trpc)
    // Prefetching never throws: the page shows its own loading and error states.
    const loading = Promise.all([
      context.queryClient.prefetchQuery(context.trpc.pipeline.board.queryOptions(deps)),
      context.queryClient.prefetchQuery(context.trpc.users.list.queryOptions(BOARD_USERS_INPUT)),
    ])
    // A change of filters keeps the current board on screen until the new one arrives.
    const boardShown = context.queryClient
      .getQueriesData(context.trpc.pipeline.board.pathFilter())
      .some(([, data]) => data !== undefined)
    if (!boardShown) await loading
  },
  pendingComponent: PipelinePagePending,
  component: PipelinePage,
})

/** Every route of this section; route-tree.ts mounts them under the authenticated layout. */
export const pipelineRoutes = [pipelineRoute]
