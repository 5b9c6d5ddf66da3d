import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, loginAs, type TestClient } from '../support/client.ts'
import { errorOf } from '../support/errors.ts'
import { makeUser } from '../support/factories-task.ts'
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts'

let server: TestServer
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } })
  admin = await loginAs(server.url, 'admin@demo.test')
})
afterAll(async () => {
  await server?.stop()
})

const PASSWORD = 'Un mot de passe provisoire'

/** Every audit row of `userId` (concerned or acting), newest first, through the admin's screen. */
async function auditOf(userId: string, action?: string) {
  const { items } = await admin.trpc.security.audit.query({ userId, ...(action ? { action: action as never } : {}) })
  return items
}

describe('the security audit trail', () => {
  it('records user administration, role changes, tokens, sessions, webhooks and exports, never a secret', async () => {
    const team = await server.deps.prisma.team.findFirstOrThrow({ where: { name: 'Paris' } })
    const email = `audit.${Date.now()}@demo.test`
    const created = await admin.trpc.users.create.mutate({ email, name: 'Agathe Perrin', role: 'SALES', teamId: team.id, password: PASSWORD })
    const updated = await admin.trpc.users.update.mutate({ id: created.id, version: created.version, data: { role: 'MANAGER' } })
    await admin.trpc.users.update.mutate({ id: created.id, version: updated.version, data: { name: 'Agathe Perrin-Roy' } })
    await admin.trpc.users.resetPassword.mutate({ id: created.id, password: `${PASSWORD} bis` })
    await admin.trpc.users.endSessions.mutate({ id: created.id })

    const member = await loginAs(server.url, email, `${PASSWORD} bis`)
    await member.trpc.auth.changePassword.mutate({ currentPassword: `${PASSWORD} bis`, newPassword: 'Trois pommes vertes sur la table', confirmPassword: 'Trois pommes vertes sur la table' })
    const { token, apiToken } = await member.trpc.apiTokens.create.mutate({ name: 'Rapport', scope: 'READ' })
    await member.trpc.apiTokens.revoke.mutate({ id: apiToken.id })
    const exported = await fetch(`${server.url}/api/exports/organisations.csv`, { headers: { cookie: member.jar.header() } })
    expect(exported.status).toBe(200)
    await exported.text()

    const { webhook, secret } = await admin.trpc.webhooks.create.mutate({ url: 'http://127.0.0.1:9/audit', events: ['organisation.created'] })
    await admin.trpc.webhooks.update.mutate({ id: webhook.id, data: { description: 'Audit' } })
    await admin.trpc.webhooks.delete.mutate({ id: webhook.id })

    const actions = (await auditOf(created.id)).map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'user_created',
        'role_changed',
        'user_updated',
        'password_reset',
        'sessions_revoked',
        'login_succeeded',
        'password_changed',
        'api_token_created',
        'api_token_revoked',
        'data_exported',
      ]),
    )
    const roleChange = (await auditOf(created.id, 'role_changed'))[0]
    expect(roleChange).toMatchObject({
      user: { id: created.id, email },
      actor: { name: 'Alice Moreau' },
      details: { changes: { role: { from: 'SALES', to: 'MANAGER' } } },
    })
    const exportRow = (await auditOf(created.id, 'data_exported'))[0]
    expect(exportRow.details).toMatchObject({ list: 'organisations', format: 'csv', status: 'completed' })
    expect(exportRow.ip).toBeTruthy()

    const adminId = (await admin.trpc.auth.me.query())!.id
    const webhookActions = (await admin.trpc.security.audit.query({ userId: adminId })).items
      .filter((entry) => entry.details.webhookId === webhook.id)
      .map((entry) => entry.action)
    expect(webhookActions).toEqual(['webhook_deleted', 'webhook_updated', 'webhook_created'])

    const everything = JSON.stringify(await server.deps.prisma.domainEvent.findMany({ where: { entity: 'security' }, select: { payload: true } }))
    for (const secretValue of [PASSWORD, token, secret, 'Trois pommes vertes']) expect(everything).not.toContain(secretValue)
  })

  it('filters by kind and period, pages newest first, and checks its input', async () => {
    const user = await makeUser(server.deps.prisma, { teamId: null, role: 'SALES' })
    const first = await server.deps.prisma.domainEvent.findFirstOrThrow({ orderBy: { id: 'desc' } })
    for (let index = 0; index < 5; index++) {
      await errorOf(createTestClient(server.url).trpc.auth.login.mutate({ email: user.email, password: `wrong-${index}` }))
    }
    const page1 = await admin.trpc.security.audit.query({ userId: user.id, action: 'login_failed', limit: 2 })
    expect(page1.items).toHaveLength(2)
    expect(page1.nextCursor).not.toBeNull()
    const page2 = await admin.trpc.security.audit.query({ userId: user.id, action: 'login_failed', limit: 2, cursor: page1.nextCursor! })
    const page3 = await admin.trpc.security.audit.query({ userId: user.id, action: 'login_failed', limit: 2, cursor: page2.nextCursor! })
    const ids = [...page1.items, ...page2.items, ...page3.items].map((entry) => BigInt(entry.id))
    expect(ids).toHaveLength(5)
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids)
    expect(ids.every((id) => id > first.id)).toBe(true)
    expect(page3.nextCursor).toBeNull()
    expect(page1.items[0]).toMatchObject({ action: 'login_failed', details: { reason: 'wrong_password' } })

    const today = new Date().toISOString().slice(0, 10)
    expect((await admin.trpc.security.audit.query({ userId: user.id, from: today, to: today })).items).toHaveLength(5)
    expect((await admin.trpc.security.audit.query({ userId: user.id, from: '2020-01-01', to: '2020-01-31' })).items).toEqual([])
    const reversed = await errorOf(admin.trpc.security.audit.query({ from: '2026-02-01', to: '2026-01-01' }))
    expect(reversed.data?.code).toBe('BAD_REQUEST')
    expect(reversed.data?.fieldErrors).toHaveProperty('to')
    expect((await errorOf(admin.trpc.security.audit.query({ action: 'nope' as never }))).data?.code).toBe('BAD_REQUEST')
  })

  it('shows each user their own history, and only theirs', async () => {
    const user = await makeUser(server.deps.prisma, { teamId: null, role: 'VIEWER' })
    await server.deps.prisma.user.update({ where: { id: user.id }, data: { passwordHash: (await server.deps.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } })).passwordHash } })
    await errorOf(createTestClient(server.url).trpc.auth.login.mutate({ email: user.email, password: 'not-it' }))
    const own = await loginAs(server.url, user.email, DEMO_PASSWORD)
    const { items } = await own.trpc.auth.securityHistory.query({})
    expect(items.map((entry) => entry.action)).toEqual(['login_succeeded', 'login_failed'])
    expect(items.every((entry) => entry.user?.id === user.id)).toBe(true)
    expect(items[0].device).toBeTruthy()
    // Not an admin: the firm's trail stays closed.
    expect((await errorOf(own.trpc.security.audit.query({}))).data?.code).toBe('FORBIDDEN')
  })
})
