import { makeWebhook, makeWebhookDelivery } from '../../support/factories-webhook.ts'
import type { MatrixCase, Outcome } from './types.ts'

// Webhooks belong to no team: ADMIN only, whatever the target (SPEC §3 "manage webhooks").
const adminOnly = (role: string): Outcome => (role === 'ADMIN' ? 'ok' : 'FORBIDDEN')

export const webhookCases: MatrixCase[] = [
  { path: 'webhooks.list', input: async () => undefined, expected: adminOnly },
  {
    path: 'webhooks.create',
    // A name that never resolves (.invalid): accepted at creation, judged again at connection.
    input: async () => ({ url: 'https://hooks.alforis-matrix.invalid/events', events: ['organisation.*'], description: 'Matrix' }),
    expected: adminOnly,
  },
  {
    path: 'webhooks.update',
    input: async (fixture) => ({ id: (await makeWebhook(fixture.prisma)).row.id, data: { events: ['task.*'] } }),
    expected: adminOnly,
  },
  { path: 'webhooks.delete', input: async (fixture) => ({ id: (await makeWebhook(fixture.prisma)).row.id }), expected: adminOnly },
  { path: 'webhooks.rotateSecret', input: async (fixture) => ({ id: (await makeWebhook(fixture.prisma)).row.id }), expected: adminOnly },
  // The ping is refused at connection (reserved address): the answer says so, the call succeeds.
  { path: 'webhooks.test', input: async (fixture) => ({ id: (await makeWebhook(fixture.prisma)).row.id }), expected: adminOnly },
  { path: 'webhooks.deliveries', input: async (fixture) => ({ webhookId: (await makeWebhook(fixture.prisma)).row.id }), expected: adminOnly },
  {
    path: 'webhooks.replay',
    input: async (fixture) => {
      const { row } = await makeWebhook(fixture.prisma)
      return { deliveryId: (await makeWebhookDelivery(fixture.prisma, row.id)).id }
    },
    expected: adminOnly,
  },
  { path: 'webhooks.onDelivery', input: async (fixture) => ({ webhookId: (await makeWebhook(fixture.prisma)).row.id }), expected: adminOnly },
]
