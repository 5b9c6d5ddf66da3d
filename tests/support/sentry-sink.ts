import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

export interface SentryEnvelopeEvent {
  event_id: string
  release?: string
  server_name?: string
  tags?: Record<string, string>
  user?: { id?: string }
  contexts?: Record<string, Record<string, unknown>>
  exception?: { values?: Array<{ type?: string; value?: string }> }
  request?: Record<string, unknown>
  extra?: Record<string, unknown>
  [key: string]: unknown
}

/**
 * A loopback stand-in for Sentry's ingestion: receives `POST /api/<project>/envelope/` (gzip or
 * not), splits each envelope into items and keeps the error events, as sent by the real SDKs.
 */
export async function startSentrySink() {
  const events: SentryEnvelopeEvent[] = []
  const raw: string[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      // Browsers POST from the app's origin: allow it as sentry.io does.
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Access-Control-Allow-Headers', '*')
      if (req.method === 'OPTIONS') return res.writeHead(204).end()
      if (req.method !== 'POST' || !/^\/api\/[^/]+\/envelope\/?(\?|$)/.test(req.url ?? '')) return res.writeHead(404).end()
      let body = Buffer.concat(chunks)
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body)
      const text = body.toString('utf8')
      raw.push(text)
      const lines = text.split('\n')
      for (let index = 1; index + 1 < lines.length; index += 2) {
        const header = JSON.parse(lines[index]) as { type?: string }
        if (header.type === 'event') events.push(JSON.parse(lines[index + 1]) as SentryEnvelopeEvent)
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    events,
    raw,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
