import { MutationCache, QueryCache, QueryClient, type MutationKey } from '@tanstack/react-query'
import { errorKind, isRetryable } from './errors.ts'

const MAX_RETRIES = 2

// A wrong password is an UNAUTHORIZED answer too, but it must not end the (absent) session.
function isLoginMutation(key: MutationKey | undefined): boolean {
  const path = key?.[0]
  return Array.isArray(path) && path.join('.') === 'auth.login'
}

/** One cache per tab; an expired session anywhere sends the user back to the login page. */
export function createQueryClient(options: { onSessionExpired: () => void }): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (errorKind(error) === 'unauthorized') options.onSessionExpired()
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (errorKind(error) === 'unauthorized' && !isLoginMutation(mutation.options.mutationKey)) {
          options.onSessionExpired()
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => isRetryable(error) && failureCount < MAX_RETRIES,
      },
      mutations: { retry: false },
    },
  })
}
