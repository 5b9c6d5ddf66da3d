import type { RouterOutputs, Trpc } from '../../lib/trpc.ts'

export type WebhookItem = RouterOutputs['webhooks']['list'][number]
export type DeliveryItem = RouterOutputs['webhooks']['deliveries']['items'][number]

export function webhooksQueryOptions(trpc: Trpc) {
  return trpc.webhooks.list.queryOptions()
}

export const DELIVERIES_PAGE_SIZE = 25

export function deliveriesQueryOptions(trpc: Trpc, webhookId: string) {
  return trpc.webhooks.deliveries.infiniteQueryOptions(
    { webhookId, limit: DELIVERIES_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  )
}
