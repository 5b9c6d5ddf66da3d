import type { JobHandler } from '../../jobs/queue.ts'
import { DELIVER_JOB } from './webhook.delivery.ts'
import type { WebhookRuntime } from './webhook.service.ts'

/** The queue's webhook work: one attempt of one delivery per job (retries are new jobs at their time). */
export function webhookJobs(runtime: WebhookRuntime): Record<string, JobHandler> {
  return {
    [DELIVER_JOB]: async (payload) => {
      if (typeof payload.deliveryId !== 'string') return
      await runtime.engine.attempt(payload.deliveryId)
    },
  }
}
