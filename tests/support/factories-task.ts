import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import type { PrismaClient } from '../../src/server/db/client.ts'
import { API_TOKEN_PREFIX, sha256 } from '../../src/server/features/auth/auth.service.ts'
import type { Role } from '../../src/shared/permissions.ts'
import { unique } from './factories.ts'

// Factories for tasks, users, teams and API tokens: unique data written straight to the database.

export async function makeTask(
  prisma: PrismaClient,
  data: {
    teamId: string
    assigneeId?: string | null
    title?: string
    dueAt?: Date | null
    status?: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED'
    priority?: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT'
    organisationId?: string | null
  },
) {
  return prisma.task.create({
    data: {
      title: data.title ?? unique('Task'),
      teamId: data.teamId,
      assigneeId: data.assigneeId ?? null,
      dueAt: data.dueAt ?? null,
      status: data.status ?? 'OPEN',
      priority: data.priority ?? 'MEDIUM',
      organisationId: data.organisationId ?? null,
      completedAt: data.status === 'DONE' ? new Date() : null,
    },
  })
}

/** A user with an unusable password hash: enough for fixtures that never sign in. */
export async function makeUser(
  prisma: PrismaClient,
  data: { teamId: string | null; role?: Role; isActive?: boolean; email?: string; name?: string },
) {
  return prisma.user.create({
    data: {
      email: data.email ?? `${unique('user').replace(' ', '-')}@factory.test`,
      name: data.name ?? unique('User'),
      role: data.role ?? 'SALES',
      teamId: data.teamId,
      isActive: data.isActive ?? true,
      passwordHash: 'not-a-real-hash',
    },
  })
}

export async function makeTeam(prisma: PrismaClient, name = unique('Team')) {
  return prisma.team.create({ data: { name } })
}

/** A token stored as the API stores it; returns the plain token too. */
export async function makeApiToken(prisma: PrismaClient, data: { userId: string; scope?: 'READ' | 'READ_WRITE' }) {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const row = await prisma.apiToken.create({
    data: { userId: data.userId, name: unique('Token'), scope: data.scope ?? 'READ', tokenHash: sha256(token), prefix: token.slice(0, 12) },
  })
  return { token, row }
}

export interface LiveSocket {
  /** Resolves with the close code once the server closes the connection. */
  closed: Promise<number>
  call(path: string, input?: unknown, method?: 'query' | 'mutation'): Promise<{ data?: unknown; code?: string }>
  close(): void
}

/**
 * A raw tRPC WebSocket authenticated by a session cookie or an API token (`connectionParams`),
 * whose context is built (so the connection is tracked) before it is returned.
 */
export async function openLiveSocket(baseUrl: string, auth: { cookie?: string; token?: string }): Promise<LiveSocket> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/trpc${auth.token ? '?connectionParams=1' : ''}`
  const ws = new WebSocket(url, { headers: auth.cookie ? { cookie: auth.cookie } : {} })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  if (auth.token) ws.send(JSON.stringify({ method: 'connectionParams', data: { token: auth.token } }))
  let nextId = 1
  const call: LiveSocket['call'] = (path, input = null, method = 'query') =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(String(raw))
        if (message.id !== id) return
        ws.off('message', onMessage)
        resolve(message.error ? { code: message.error.json?.data?.code } : { data: message.result?.data?.json })
      }
      ws.on('message', onMessage)
      ws.once('close', () => reject(new Error('socket closed')))
      ws.send(JSON.stringify({ id, method, params: { path, input: { json: input } } }))
    })
  await call('auth.me')
  return { closed, call, close: () => ws.close() }
}
