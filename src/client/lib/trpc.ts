import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client'
import { createTRPCContext, type TRPCOptionsProxy } from '@trpc/tanstack-react-query'
import type { inferRouterOutputs } from '@trpc/server'
import superjson from 'superjson'
import type { AppRouter } from '../../server/trpc/root.ts'

export type { AppRouter }
export type RouterOutputs = inferRouterOutputs<AppRouter>
export type Trpc = TRPCOptionsProxy<AppRouter>

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>()

function webSocketUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${location.host}/trpc`
}

/** Subscriptions travel over one lazily opened WebSocket; everything else is batched over HTTP. */
export function createApiClient() {
  const wsClient = createWSClient({
    url: webSocketUrl,
    lazy: { enabled: true, closeMs: 10_000 },
  })
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        false: httpBatchLink({ url: '/trpc', transformer: superjson }),
      }),
    ],
  })
}
