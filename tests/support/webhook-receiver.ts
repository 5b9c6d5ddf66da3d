import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  path: string
  headers: Record<string, string>
  body: string
  receivedAt: number
}

/** What to answer a request: a status, headers, a body, and how long to wait first. */
export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: string
  delayMs?: number
}

type Responder = (request: ReceivedRequest) => Reply

/**
 * A real HTTP endpoint on loopback that records every request it gets. Each path answers through
 * its responder (200 by default); `hold()` keeps requests open until `release()`.
 */
export async function startWebhookReceiver() {
  const requests: ReceivedRequest[] = []
  const responders = new Map<string, Responder>()
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const request: ReceivedRequest = {
        path: (req.url ?? '/').split('?')[0],
        headers: Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)])),
        body,
        receivedAt: Date.now(),
      }
      requests.push(request)
      const reply: Reply = (responders.get(request.path) ?? (() => ({ status: 200, body: 'ok' })))(request)
      const send = () => {
        if (res.destroyed) return
        res.writeHead(reply.status, reply.headers)
        res.end(reply.body ?? '')
      }
      if (reply.delayMs) setTimeout(send, reply.delayMs)
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  return {
    port,
    url: (path: string) => `${base}${path}`,
    requests,
    at: (path: string) => requests.filter((request) => request.path === path),
    respond(path: string, responder: Responder) {
      responders.set(path, responder)
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>

export async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
