import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import type { OrganisationDetail } from '../form.ts'

/** Lists are re-read after any write: a change can move a row in or out of a filtered page. */
function useInvalidateLists() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: trpc.organisations.list.pathKey() })
}

/** Puts the server's answer in the detail cache so the page shows it without another request. */
function useStoreDetail() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return (organisation: OrganisationDetail) =>
    queryClient.setQueryData(trpc.organisations.byId.queryKey({ id: organisation.id }), organisation)
}

export function useCreateOrganisation() {
  const trpc = useTRPC()
  const invalidateLists = useInvalidateLists()
  const storeDetail = useStoreDetail()
  return useMutation(
    trpc.organisations.create.mutationOptions({
      onSuccess: (created) => {
        storeDetail(created)
        void invalidateLists()
      },
    }),
  )
}

export function useUpdateOrganisation() {
  const trpc = useTRPC()
  const invalidateLists = useInvalidateLists()
  const storeDetail = useStoreDetail()
  return useMutation(
    trpc.organisations.update.mutationOptions({
      onSuccess: (updated) => {
        storeDetail(updated)
        void invalidateLists()
      },
    }),
  )
}

export function useDeleteOrganisation() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const invalidateLists = useInvalidateLists()
  return useMutation(
    trpc.organisations.delete.mutationOptions({
      onSuccess: ({ id }) => {
        queryClient.removeQueries({ queryKey: trpc.organisations.byId.queryKey({ id }) })
        void invalidateLists()
      },
    }),
  )
}
