import { useCallback, useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { ExportEntity } from '../../../../shared/schemas/export.ts'
import { useTRPC } from '../../../lib/trpc.ts'
import { ExportFailure, exportUrl, failureOf, fileNameOf, saveFile, type ExportChoice } from '../export-download.ts'

/** Progress appears only for exports that last: a quick one just downloads. */
const SHOW_PROGRESS_AFTER_MS = 1_000

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; choice: ExportChoice; progressId: string; visible: boolean }
  | { status: 'done'; choice: ExportChoice; fileName: string }
  | { status: 'cancelled'; choice: ExportChoice }
  | { status: 'failed'; choice: ExportChoice; failure: ExportFailure }

/**
 * Downloads an export with the session cookie (fetch, same origin), following its progress through
 * `exports.progress`; cancelling aborts the request, which stops the work on the server.
 */
export function useExport(entity: ExportEntity, filters: object) {
  const trpc = useTRPC()
  const [state, setState] = useState<ExportState>({ status: 'idle' })
  const abortRef = useRef<AbortController | null>(null)

  const progress = useQuery({
    ...trpc.exports.progress.queryOptions({ progressId: state.status === 'running' ? state.progressId : '00000000-0000-4000-8000-000000000000' }),
    enabled: state.status === 'running' && state.visible,
    refetchInterval: 400,
  })

  useEffect(() => () => abortRef.current?.abort(), [])

  const start = useCallback(
    async (choice: ExportChoice) => {
      abortRef.current?.abort()
      const controller = new AbortController()
      abortRef.current = controller
      const progressId = crypto.randomUUID()
      setState({ status: 'running', choice, progressId, visible: false })
      const reveal = setTimeout(
        () => setState((current) => (current.status === 'running' && current.progressId === progressId ? { ...current, visible: true } : current)),
        SHOW_PROGRESS_AFTER_MS,
      )
      try {
        const response = await fetch(exportUrl(entity, choice, filters, progressId), {
          credentials: 'same-origin',
          signal: controller.signal,
        })
        if (!response.ok) throw await failureOf(response)
        const blob = await response.blob()
        const fileName = fileNameOf(response, `${entity}.${choice.format}`)
        saveFile(blob, fileName)
        setState({ status: 'done', choice, fileName })
      } catch (error) {
        if (controller.signal.aborted) setState({ status: 'cancelled', choice })
        else setState({ status: 'failed', choice, failure: error instanceof ExportFailure ? error : new ExportFailure('unreachable') })
      } finally {
        clearTimeout(reveal)
        if (abortRef.current === controller) abortRef.current = null
      }
    },
    [entity, filters],
  )

  const cancel = useCallback(() => abortRef.current?.abort(), [])
  const dismiss = useCallback(() => setState({ status: 'idle' }), [])

  return { state, progress: state.status === 'running' ? (progress.data ?? null) : null, start, cancel, dismiss }
}
