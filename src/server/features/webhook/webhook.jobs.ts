import type { JobHandler } from '../../jobs/queue.ts'
import { DELIVER_JOB } from './webhook.delivery.ts'
import type { WebhookRuntime } from './webhook.service.ts'

/**
 * The queue's webhook work: the first attempts of an endpoint's new deliveries as one batch job
 * (an array payload that grows while it waits, see `queueDeliveries`), and each retry as a job of
 * its own at its time (`{ deliveryId }`).
 */
export function webhookJobs(runtime: WebhookRuntime): Record<string, JobHandler> {
  return {
    [DELIVER_JOB]: async (payload: unknown) => {
      const items = Array.isArray(payload) ? payload : [payload]
      const ids = items.map((item) => (item as { deliveryId?: unknown } | null)?.deliveryId).filter((id): id is string => typeof id === 'string')
      // A retry's job runs at its time and may claim it a little early; a batch job only what is due.
      await runtime.engine.attemptMany(ids, { early: !Array.isArray(payload) })
    },
  }
}
