import { createTRPCClient, createWSClient, httpBatchLink, splitLink, TRPCClientError, wsLink } from '@trpc/client'
import superjson from 'superjson'
import WebSocket from 'ws'
import type { AppRouter } from '../src/server/trpc/root.ts'

/** A typed error: `data.code` is the tRPC code, `data.fieldErrors` the per-field messages. */
function isApiError(cause: unknown): cause is TRPCClientError<AppRouter> {
  return cause instanceof TRPCClientError
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a live event')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export function createAlforisClient(baseUrl: string, token: string) {
  // Subscriptions travel over one WebSocket, authenticated by the token in `connectionParams`.
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    connectionParams: { token },
    // Node 22+ has a global WebSocket; older versions take the `ws` package.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient, transformer: superjson }),
        // Queries and mutations: batched HTTP with the token as a bearer credential.
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          transformer: superjson,
          headers: { Authorization: `Bearer ${token}` },
        }),
      }),
    ],
  })
  return { trpc, close: () => wsClient.close() }
}

export async function runExample(baseUrl: string, token: string) {
  const { trpc, close } = createAlforisClient(baseUrl, token)
  const liveEvents: Array<{ id: string; type: string; version: unknown }> = []
  let stopListening = () => {}
  try {
    const viewer = await trpc.auth.me.query()

    // 1. List with filters, sort and cursor pagination; `total` counts every match.
    const filters = {
      type: ['INVESTOR' as const],
      stage: ['PROSPECT' as const, 'QUALIFIED' as const],
      sort: { field: 'name' as const, direction: 'asc' as const },
      limit: 5,
    }
    const firstPage = await trpc.organisations.list.query(filters)
    const secondPage = firstPage.nextCursor
      ? await trpc.organisations.list.query({ ...filters, cursor: firstPage.nextCursor })
      : null

    // 2. Listen to live organisation changes of our team (WebSocket subscription). Each event is
    // tracked: pass the last `id` seen as `lastEventId` to resume after a disconnection.
    const subscription = trpc.pipeline.onChange.subscribe(undefined, {
      onData: ({ data }) => liveEvents.push({ id: data.entityId, type: data.type, version: data.payload.version }),
    })
    stopListening = () => subscription.unsubscribe()

    // 3. Create; bad input answers BAD_REQUEST with a message per field.
    let invalidInput: { code?: string; fieldErrors?: unknown } = {}
    try {
      await trpc.organisations.create.mutate({ name: 'Example', type: 'INVESTOR', email: 'not-an-email' })
    } catch (cause) {
      if (!isApiError(cause) || cause.data?.code !== 'BAD_REQUEST') throw cause
      invalidInput = { code: cause.data?.code, fieldErrors: cause.data?.fieldErrors }
    }
    const created = await trpc.organisations.create.mutate({
      name: `Typed client example ${new Date().toISOString()}`,
      type: 'INVESTOR',
      email: 'contact@example.com',
    })

    // 4. Update with the version we read; a stale version that changes a field changed since answers CONFLICT with the current record.
    const updated = await trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { stage: 'QUALIFIED', city: 'Paris' } })
    let conflict: { code?: string; currentVersion?: number } = {}
    let resolved
    try {
      resolved = await trpc.organisations.update.mutate({ id: created.id, version: created.version, data: { city: 'Lyon' } })
    } catch (cause) {
      if (!isApiError(cause) || cause.data?.code !== 'CONFLICT') throw cause
      const current = cause.data.details?.current as { version: number }
      conflict = { code: cause.data.code, currentVersion: current.version }
      // Here an application would show both values; we simply re-apply our change on top.
      resolved = await trpc.organisations.update.mutate({ id: created.id, version: current.version, data: { city: 'Lyon' } })
    }
    const finalVersion = resolved.version
    await waitFor(() => liveEvents.some((event) => event.id === created.id && event.version === finalVersion))

    return {
      viewer: viewer && { email: viewer.email, role: viewer.role },
      firstPage: { ids: firstPage.items.map((item) => item.id), total: firstPage.total, nextCursor: firstPage.nextCursor },
      secondPage: secondPage && { ids: secondPage.items.map((item) => item.id) },
      invalidInput,
      created: { id: created.id, version: created.version },
      updated: { version: updated.version, stage: updated.stage },
      conflict,
      resolved: { version: resolved.version, stage: resolved.stage, city: resolved.city },
      liveEvents: liveEvents.filter((event) => event.id === created.id),
    }
  } finally {
    stopListening()
    close()
  }
}
