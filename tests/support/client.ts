import { createTRPCClient, createWSClient, httpBatchLink, httpLink, splitLink, wsLink } from '@trpc/client'
import superjson from 'superjson'
import WebSocket from 'ws'
import type { AppRouter } from '../../src/server/trpc/root.ts'
import { DEMO_PASSWORD } from './server.ts'

/** Keeps the session cookie between calls, as a browser would. */
export class CookieJar {
  cookies = new Map<string, string>()
  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index)
      const value = pair.slice(index + 1)
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

export interface ClientOptions {
  jar?: CookieJar
  token?: string
  origin?: string
  /** Send queries as POST (for inputs too large for a URL). */
  postQueries?: boolean
  /**
   * One HTTP request per call (httpLink) instead of batching the calls of one tick (httpBatchLink,
   * the default): the batch link waits for a timer before sending, ≥ 1 ms in Node.
   */
  unbatched?: boolean
}

/** A typed client as a developer would write it, over HTTP (batched) and WebSocket. */
export function createTestClient(baseUrl: string, options: ClientOptions = {}) {
  const jar = options.jar ?? new CookieJar()
  const headers = () => ({
    ...(jar.cookies.size ? { cookie: jar.header() } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
  })
  let wsClient: ReturnType<typeof createWSClient> | undefined
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({
          transformer: superjson,
          client: (wsClient = createWSClient({
            url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
            lazy: { enabled: true, closeMs: 0 },
            connectionParams: options.token ? { token: options.token } : undefined,
            WebSocket: class extends WebSocket {
              constructor(url: string | URL, protocols?: string | string[]) {
                super(url, protocols, { headers: headers() })
              }
            } as unknown as typeof globalThis.WebSocket,
          })),
        }),
        false: (options.unbatched ? httpLink : httpBatchLink)({
          url: `${baseUrl}/trpc`,
          transformer: superjson,
          headers,
          ...(options.postQueries ? { methodOverride: 'POST' as const } : {}),
          fetch: async (url, init) => {
            const response = await fetch(url, init as RequestInit)
            jar.store(response)
            return response
          },
        }),
      }),
    ],
  })
  return { trpc: client, jar, closeWebSocket: () => wsClient?.close() }
}

export type TestClient = ReturnType<typeof createTestClient>

export async function loginAs(baseUrl: string, email: string, password = DEMO_PASSWORD, options: ClientOptions = {}): Promise<TestClient> {
  const client = createTestClient(baseUrl, options)
  await client.trpc.auth.login.mutate({ email, password })
  return client
}
