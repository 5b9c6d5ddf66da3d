import {
  webhookByIdInput,
  webhookCreateInput,
  webhookDeliveriesInput,
  webhookOnDeliveryInput,
  webhookReplayInput,
  webhookUpdateInput,
} from '../../../shared/schemas/webhook.ts'
import { authorizedProcedure, router } from '../../trpc/trpc.ts'
import { DELIVERIES_CHANNEL, type DeliveryNotice } from './webhook.delivery.ts'
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  replayDeliveries,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from './webhook.service.ts'

const adminProcedure = authorizedProcedure('webhooks:manage')

export const webhookRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx)),
  create: adminProcedure.input(webhookCreateInput).mutation(({ ctx, input }) => createWebhook(ctx, input)),
  update: adminProcedure.input(webhookUpdateInput).mutation(({ ctx, input }) => updateWebhook(ctx, input)),
  delete: adminProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => deleteWebhook(ctx, input)),
  rotateSecret: adminProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => rotateWebhookSecret(ctx, input)),
  test: adminProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => testWebhook(ctx, input)),
  deliveries: adminProcedure.input(webhookDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx, input)),
  replay: adminProcedure.input(webhookReplayInput).mutation(({ ctx, input }) => replayDeliveries(ctx, input)),
  /** A webhook's deliveries as they are attempted, from every node (ids and status: refetch the log). */
  onDelivery: adminProcedure.input(webhookOnDeliveryInput).subscription(async function* ({ ctx, input, signal }) {
    const pending: DeliveryNotice[] = []
    let wake: (() => void) | undefined
    const unsubscribe = ctx.bus.subscribe(DELIVERIES_CHANNEL, (message) => {
      const notices = (message as DeliveryNotice[]).filter((notice) => notice.webhookId === input.webhookId)
      if (notices.length === 0) return
      pending.push(...notices)
      wake?.()
    })
    const stop = () => wake?.()
    signal?.addEventListener('abort', stop, { once: true })
    try {
      while (!signal?.aborted) {
        const notice = pending.shift()
        if (notice) yield notice
        else await new Promise<void>((resolve) => (wake = resolve))
      }
    } finally {
      unsubscribe()
      signal?.removeEventListener('abort', stop)
    }
  }),
})
