import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPublicAddress } from '../../src/server/features/webhook/webhook.address.ts'
import { loginAs, type TestClient } from '../support/client.ts'
import { makeWebhook } from '../support/factories-webhook.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts'

// Without WEBHOOK_ALLOW_PRIVATE, no webhook reaches a private address: refused when saved (a field
// error on `url`) and where the socket connects (a row that got past the first check, as after a
// DNS change, still cannot reach the loopback receiver that listens here).

let server: TestServer
let receiver: WebhookReceiver
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer({ env: { WEBHOOK_TIMEOUT_MS: '2000' } })
  receiver = await startWebhookReceiver()
  admin = await loginAs(server.url, 'admin@demo.test')
})
afterAll(async () => {
  await receiver?.close()
  await server?.stop()
})

const REFUSED_URLS = [
  'http://127.0.0.1/hook',
  'http://127.1/hook',
  'http://localhost:8080/hook',
  'http://api.localhost/hook',
  'http://[::1]/hook',
  'http://10.0.0.1/hook',
  'http://172.16.5.4/hook',
  'http://192.168.0.10/hook',
  'http://100.64.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fe80::1]/hook',
  'http://[fc00::1]/hook',
  'http://[fd12:3456::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:169.254.169.254]/hook',
  'http://[64:ff9b::7f00:1]/hook',
  'http://[64:ff9b::a9fe:a9fe]/hook',
  'http://0.0.0.0/hook',
  'http://[::]/hook',
  'http://2130706433/hook',
  'http://0177.0.0.1/hook',
  'http://0x7f.0.0.1/hook',
  'http://017700000001/hook',
  'http://224.0.0.1/hook',
  'http://192.0.2.1/hook',
]

describe('SSRF protection', () => {
  it.each(REFUSED_URLS)('refuses %s at creation with a field error on url', async (url) => {
    const error = await admin.trpc.webhooks.create.mutate({ url, events: ['*'] }).then(
      () => null,
      (caught) => caught as { data: { code: string; fieldErrors: Record<string, string[]> | null } },
    )
    expect(error?.data.code).toBe('BAD_REQUEST')
    expect(error?.data.fieldErrors?.url?.length).toBeGreaterThan(0)
  })

  it('refuses other schemes and credentials in the URL', async () => {
    for (const url of ['ftp://93.184.215.14/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:secret@93.184.215.14/hook']) {
      await expect(admin.trpc.webhooks.create.mutate({ url, events: ['*'] })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } })
    }
  })

  it('accepts a public address', async () => {
    const { webhook } = await admin.trpc.webhooks.create.mutate({ url: 'https://93.184.215.14/hook', events: ['task.created'] })
    expect(webhook.url).toBe('https://93.184.215.14/hook')
    await admin.trpc.webhooks.update.mutate({ id: webhook.id, data: { isActive: false } })
  })

  it('refuses the same addresses when saving an edit', async () => {
    const { webhook } = await admin.trpc.webhooks.create.mutate({ url: 'https://93.184.215.14/edit', events: ['task.created'] })
    await expect(admin.trpc.webhooks.update.mutate({ id: webhook.id, data: { url: 'http://[::ffff:7f00:1]/x' } })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', fieldErrors: { url: expect.any(Array) } },
    })
    await admin.trpc.webhooks.update.mutate({ id: webhook.id, data: { isActive: false } })
  })

  it.each([
    ['a loopback literal', (port: number) => `http://127.0.0.1:${port}/direct`],
    ['an IPv4-mapped literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/mapped`],
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/named`],
  ])('refuses to connect to %s that got past the first check', async (_label, urlFor) => {
    const { row } = await makeWebhook(server.deps.prisma, { url: urlFor(receiver.port), events: ['task.created'] })
    const answer = await admin.trpc.webhooks.test.mutate({ id: row.id })
    expect(answer.ok).toBe(false)
    expect(answer.statusCode).toBeNull()
    expect(answer.error).toMatch(/^Refused to connect to (127\.0\.0\.1|::1|::ffff:7f00:1): not a public address$/)
    expect(receiver.requests).toHaveLength(0)
    await server.deps.prisma.webhook.update({ where: { id: row.id }, data: { isActive: false } })
  })

  it('classifies addresses as ipaddr.js ranges: only global unicast is public', () => {
    for (const address of ['8.8.8.8', '93.184.215.14', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPublicAddress(address), address).toBe(true)
    for (const address of ['127.0.0.1', '::1', '169.254.169.254', '::ffff:10.0.0.1', '64:ff9b::808:808', '2002::1', '2001::1', 'fd00::1', '0.0.0.0', 'not-an-ip']) {
      expect(isPublicAddress(address), address).toBe(false)
    }
  })
})
