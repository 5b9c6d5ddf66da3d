import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRouter } from '@tanstack/react-router'
import { useTRPC } from '../../../lib/trpc.ts'
import { leaveSession } from '../session.ts'

export function useLogout() {
  const trpc = useTRPC()
  const router = useRouter()
  const queryClient = useQueryClient()
  return useMutation(
    trpc.auth.logout.mutationOptions({
      // Even if the server could not be told, this tab must stop showing the account.
      onSettled: () => leaveSession(router, queryClient, { returnHere: false }),
    }),
  )
}
