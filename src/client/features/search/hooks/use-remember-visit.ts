import { useEffect } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SearchKind } from '../../../../shared/schemas/search.ts'
import { useTRPC } from '../../../lib/trpc.ts'

/** Records that the user opened this record, for the palette's recent items. Best effort: silent. */
export function useRememberVisit(kind: SearchKind, id: string): void {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { mutate } = useMutation(
    trpc.search.visit.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.search.recent.queryKey() }),
    }),
  )
  useEffect(() => {
    mutate({ kind, id })
  }, [kind, id, mutate])
}
